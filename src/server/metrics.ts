/**
 * The registry's figures for Prometheus (served by routes/metrics.ts). Each app has its own prom-client
 * Registry, so a registry built twice in one process (every test suite does) never registers a metric
 * twice. The process's own figures (CPU, memory, event loop, GC) belong to the process, not to an app:
 * they live in one registry made on first use and are merged in when /metrics is read.
 *
 * What a label may hold: the route PATTERN (`/api/v1/admin/registrations/:id`), never the URL, so no
 * id, NIK or search text reaches the metrics; a method; a status code; a push outcome.
 */
import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { RegistryDb } from './db/connect';
import { PUSH_OUTCOMES, type PushResult } from '../shared/sync-protocol';

/** Requests no route matched (a scan, a typo): one label for all, whatever the URL. */
const UNMATCHED_ROUTE = '(unmatched)';

/** Seconds; from a cached static file (~1 ms) to a city-wide export page or a 500-record push. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export interface RegistryMetrics {
  registry: Registry;
  /** Counts one push batch's answers by outcome and how long its ingest took. */
  notePush(results: readonly PushResult[], ingestStartedNs: bigint): void;
  /** The app's figures and the process's, in Prometheus text format. */
  render(): Promise<{ contentType: string; body: string }>;
}

let processRegistry: Registry | undefined;

function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry();
    collectDefaultMetrics({ register: processRegistry });
  }
  return processRegistry;
}

function registerPoolGauges(registry: Registry, store: RegistryDb): void {
  const figures = store.poolFigures;
  if (!figures) return;
  new Gauge({
    name: 'jaring_db_pool_connections',
    help: 'Connections in the PostgreSQL pool, by state (total, idle)',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      const now = figures();
      this.set({ state: 'total' }, now.total);
      this.set({ state: 'idle' }, now.idle);
    },
  });
  new Gauge({
    name: 'jaring_db_pool_waiting',
    help: 'Queries waiting for a free connection in the PostgreSQL pool',
    registers: [registry],
    collect() {
      this.set(figures().waiting);
    },
  });
}

export function createRegistryMetrics(store: RegistryDb): RegistryMetrics {
  const registry = new Registry();
  const pushRecords = new Counter({
    name: 'jaring_push_records_total',
    help: 'Records answered in sync pushes, by outcome',
    labelNames: ['outcome'],
    registers: [registry],
  });
  // Every outcome is listed from the start, so a rate over `rejected`-like outcomes is 0, not absent.
  for (const outcome of PUSH_OUTCOMES) pushRecords.inc({ outcome }, 0);
  const ingestSeconds = new Histogram({
    name: 'jaring_push_ingest_seconds',
    help: 'Time to judge and store one push batch (the database transaction and its retries)',
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  });
  registerPoolGauges(registry, store);
  return {
    registry,
    notePush(results, ingestStartedNs) {
      ingestSeconds.observe(Number(process.hrtime.bigint() - ingestStartedNs) / 1e9);
      for (const result of results) pushRecords.inc({ outcome: result.outcome });
    },
    async render() {
      const merged = Registry.merge([registry, processMetrics()]);
      return { contentType: merged.contentType, body: await merged.metrics() };
    },
  };
}

/**
 * Counts every answered request by method, route pattern and status, with its latency. Added on the
 * root instance before any plugin, so every route and the not-found handler inherit the hook.
 */
export function registerRequestMetrics(app: FastifyInstance, metrics: RegistryMetrics): void {
  const labelNames = ['method', 'route', 'status'];
  const requests = new Counter({
    name: 'jaring_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames,
    registers: [metrics.registry],
  });
  const latency = new Histogram({
    name: 'jaring_http_request_duration_seconds',
    help: 'Time from receiving a request to sending its answer, by method, route pattern and status',
    labelNames,
    buckets: LATENCY_BUCKETS,
    registers: [metrics.registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const labels = {
      method: request.method,
      route: request.routeOptions.url ?? UNMATCHED_ROUTE,
      status: String(reply.statusCode),
    };
    requests.inc(labels);
    latency.observe(labels, reply.elapsedTime / 1000);
  });
}

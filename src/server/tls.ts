/**
 * HTTPS served by the registry itself, for a machine without a reverse proxy: a service worker, Web
 * Locks and `crypto.randomUUID` exist only in a secure context, so a phone must reach Jaring over HTTPS.
 *
 * - The certificate and key are files (TLS_CERT, TLS_KEY, PEM), read at start and again on SIGHUP:
 *   `server.setSecureContext` swaps them for new connections without dropping open ones, so a renewed
 *   certificate (certbot, a city CA) is picked up with `systemctl reload jaring`. A pair that does not
 *   load (missing file, key not matching) is refused with the old one kept: a reload never takes the
 *   registry down.
 * - With HTTPS_PORT as well, plain HTTP on PORT only redirects to the HTTPS address (308, method and
 *   body kept), so a phone opened at http://… lands on https://…. The redirect carries no HSTS: the
 *   header means something only over HTTPS (security.ts sends it there).
 */
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { createSecureContext, type SecureContextOptions } from 'node:tls';
import type { FastifyBaseLogger, FastifyServerFactory } from 'fastify';
import type { TlsSettings } from './config';

function readPem(path: string, variable: string): Buffer {
  try {
    return readFileSync(path);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`${variable}: cannot read ${path} (${reason})`);
  }
}

/** The certificate and key, checked as a pair (createSecureContext throws when the key does not match). */
export function loadKeyPair(tls: Pick<TlsSettings, 'certFile' | 'keyFile'>): SecureContextOptions {
  const pair = { cert: readPem(tls.certFile, 'TLS_CERT'), key: readPem(tls.keyFile, 'TLS_KEY') };
  try {
    createSecureContext(pair);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`TLS_CERT/TLS_KEY: ${tls.certFile} and ${tls.keyFile} are not a usable pair (${reason})`);
  }
  return pair;
}

/** Fastify's `serverFactory` for HTTPS: Fastify runs unchanged on a node:https server. */
export function httpsServerFactory(tls: TlsSettings): FastifyServerFactory {
  const pair = loadKeyPair(tls);
  // Fastify types its default server as http.Server; an https.Server serves the same handler.
  return (handler) => createHttpsServer(pair, handler) as unknown as Server;
}

/** SIGHUP: loads the files again for new connections; keeps the old pair if the new one is unusable. */
export function reloadCertificate(server: Server, tls: TlsSettings, log: FastifyBaseLogger): boolean {
  try {
    (server as unknown as HttpsServer).setSecureContext(loadKeyPair(tls));
    log.info({ certFile: tls.certFile }, 'TLS certificate reloaded');
    return true;
  } catch (error) {
    log.error(
      { err: error instanceof Error ? error.message : String(error) },
      'TLS reload refused: old certificate kept',
    );
    return false;
  }
}

/** `example.org:8080` → `example.org`, `[::1]:80` → `[::1]`; undefined for anything that is not a host name. */
function hostnameOf(hostHeader: string | undefined): string | undefined {
  if (!hostHeader) return undefined;
  const host = hostHeader.startsWith('[')
    ? hostHeader.slice(0, hostHeader.indexOf(']') + 1)
    : hostHeader.split(':')[0];
  return host && /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)$/i.test(host) ? host : undefined;
}

/** Where a plain-HTTP request belongs: the same host and path on the HTTPS port. */
export function httpsLocation(
  request: Pick<IncomingMessage, 'headers' | 'url'>,
  httpsPort: number,
): string | undefined {
  const host = hostnameOf(request.headers.host);
  if (!host) return undefined;
  // Only a path is kept: an absolute-form request target (`GET http://other/…`) must not steer the redirect.
  const path = request.url?.startsWith('/') ? request.url : '/';
  return `https://${host}${httpsPort === 443 ? '' : `:${httpsPort}`}${path}`;
}

/** The plain-HTTP listener when HTTPS has its own port: every request is redirected, nothing else served. */
export function createRedirectServer(httpsPort: number): Server {
  return createHttpServer((request, response) => {
    const location = httpsLocation(request, httpsPort);
    if (!location) {
      response.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      response.end(
        'Alamat tidak dikenali: buka Jaring lewat https://…\nUnknown host: open Jaring over https://…\n',
      );
      return;
    }
    response.writeHead(308, {
      location,
      'content-type': 'text/plain; charset=utf-8',
      'cache-control': 'no-cache',
    });
    response.end(`Jaring hanya lewat HTTPS: ${location}\n`);
  });
}

export function listenOn(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

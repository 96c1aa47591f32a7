/**
 * A body over a route's limit is answered 413 with our problem, and the client actually reads that
 * answer: over a real socket, a server that answers and closes before the client has finished sending
 * makes the client's kernel see a reset, which throws the 413 away (20–25% of 2 MiB pushes did). Each
 * case sends many bodies of 2–5 MiB from a real HTTP client, one connection each.
 */
import { connect, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DRAIN_ALLOWANCE } from '../../src/server/body-limit';
import { MAX_PUSH_BYTES } from '../../src/shared/sync-protocol';
import { registryEngines, stopEngines } from '../helpers/engines';
import { openHarness, type Harness } from './support';

afterAll(stopEngines);

const MIB = 1024 * 1024;

interface Answer {
  status?: number;
  code?: unknown;
  contentType?: string;
  error?: string;
}

/**
 * One POST of `bytes` bytes of JSON on a fresh connection, by the simplest client there is: it sends
 * the whole request before it reads the answer (as many HTTP/1.1 clients do), 64 KiB at a time as an
 * upload over a real network goes. A reset, a broken pipe or a missing answer is the outcome.
 */
function postOnce(port: number, path: string, headers: Record<string, string>, bytes: number) {
  const head = [
    `POST ${path} HTTP/1.1`,
    'host: 127.0.0.1',
    'content-type: application/json',
    'connection: close',
    `content-length: ${bytes}`,
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
    '',
    '',
  ].join('\r\n');
  const body = Buffer.alloc(bytes, 0x20);
  body.write('{"protocolVersion":1,"records":[], "pad":"');
  body.write('"}', bytes - 2);
  return new Promise<Answer>((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const chunks: Buffer[] = [];
    socket.pause();
    socket.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => socket.end() && resolve(parseAnswer(Buffer.concat(chunks).toString('utf8'))));
    socket.once('connect', async () => {
      socket.write(head);
      for (let at = 0; at < bytes && !socket.destroyed; at += 64 * 1024) {
        if (!socket.write(body.subarray(at, at + 64 * 1024))) {
          await new Promise((next) => socket.once('drain', next));
        }
      }
      // Everything sent: now read the answer (the server closes after it: `connection: close`).
      socket.resume();
    });
  });
}

function parseAnswer(text: string): Answer {
  const [head = '', body = ''] = text.split('\r\n\r\n');
  const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1]);
  if (!status) return { error: `no answer: ${JSON.stringify(text.slice(0, 80))}` };
  const contentType = /^content-type: *(.*)$/im.exec(head)?.[1];
  let code: unknown;
  try {
    code = (JSON.parse(body) as { code?: unknown }).code;
  } catch {
    code = undefined;
  }
  return { status, code, contentType };
}

describe.each(registryEngines())('bodies over the limit on $name', (engine) => {
  describe.runIf(engine.isAvailable)('', () => {
    let h: Harness;
    let port: number;
    let token: string;

    beforeAll(async () => {
      h = await openHarness(await engine.newDatabaseUrl());
      token = (await h.enroll()).token;
      await h.app.listen({ port: 0, host: '127.0.0.1' });
      port = (h.app.server.address() as AddressInfo).port;
    });
    afterAll(async () => h?.app.close());

    it.each([
      ['a push', 50, '/api/v1/sync/push', () => ({ authorization: `Bearer ${token}` })],
      ['an enrollment', 20, '/api/v1/enroll', () => ({})],
    ])(
      'answers %s of 2–5 MiB with a readable 413 problem, every one of %i times',
      async (_l, rounds, path, auth) => {
        const answers: Answer[] = [];
        for (let i = 0; i < rounds; i++) {
          answers.push(await postOnce(port, path, auth(), 2 * MIB + ((i * 61_603) % (3 * MIB))));
        }
        const resets = answers.filter((a) => a.error !== undefined);
        expect(resets, JSON.stringify(resets.slice(0, 3))).toEqual([]);
        for (const answer of answers) {
          expect(answer).toMatchObject({ status: 413, code: 'payload_too_large' });
          expect(answer.contentType).toContain('application/problem+json');
        }
      },
    );

    it('stops reading at once when the body announces more than the limit and the allowance', async () => {
      const res = await h.app.inject({
        method: 'POST',
        url: '/api/v1/sync/push',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': String(MAX_PUSH_BYTES + DRAIN_ALLOWANCE + 1),
        },
        payload: '{}',
      });
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({ code: 'payload_too_large' });
    });

    it('still stores a push under the limit sent over the same kind of socket', async () => {
      const answer = await postOnce(port, '/api/v1/sync/push', { authorization: `Bearer ${token}` }, 4096);
      expect(answer.error).toBeUndefined();
      expect(answer.status).toBe(200);
    });
  });
});

/**
 * One request (GET unless told) with node:http / node:https, answering the bytes exactly as they came over the wire:
 * no decompression, no redirect following (fetch does both). For tests on compression, redirects and
 * certificates: `ca` trusts a test certificate, and `peerFingerprint` says which certificate answered.
 */
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { TLSSocket } from 'node:tls';

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body as sent (compressed if the server compressed it). */
  body: Buffer;
  /** SHA-256 fingerprint of the server's certificate (https only). */
  peerFingerprint?: string;
}

export interface RawOptions {
  headers?: Record<string, string>;
  method?: 'GET' | 'HEAD' | 'POST';
  /** A JSON body (sent with content-type application/json). */
  json?: unknown;
  /** PEM of the certificate (or CA) to trust for https. */
  ca?: string;
  /** Name to check the certificate against (and send as SNI); defaults to the URL's host. */
  servername?: string;
}

export function rawGet(url: string, opts: RawOptions = {}): Promise<RawAnswer> {
  const target = new URL(url);
  const isHttps = target.protocol === 'https:';
  const send = isHttps ? httpsRequest : httpRequest;
  const body = opts.json === undefined ? undefined : JSON.stringify(opts.json);
  const headers = { ...(body ? { 'content-type': 'application/json' } : {}), ...opts.headers };
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      {
        method: opts.method ?? 'GET',
        headers,
        agent: false, // a fresh connection each time: a reloaded certificate shows on the next request
        ...(isHttps ? { ca: opts.ca, servername: opts.servername } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        const socket = res.socket as TLSSocket;
        const peerFingerprint = isHttps ? socket.getPeerCertificate().fingerprint256 : undefined;
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
            ...(peerFingerprint ? { peerFingerprint } : {}),
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

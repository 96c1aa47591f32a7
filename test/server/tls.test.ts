/**
 * HTTPS served by the registry itself (src/server/tls.ts), with certificates made by openssl here:
 * in process, HTTPS answers with HSTS and the `__Host-` session cookie while plain HTTP gets neither;
 * a half-given or unusable certificate stops the start with a clear message. Then `npm start` as a
 * real process: PORT redirects to HTTPS_PORT, and SIGHUP picks up a renewed certificate (and keeps the
 * old one when the new files are broken).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { loadConfig, makeConfig } from '../../src/server/config';
import { httpsLocation } from '../../src/server/tls';
import { makeSelfSignedCertificate, type TestCertificate } from '../helpers/certificates';
import { rawGet } from '../helpers/raw-http';
import { startRegistry } from '../helpers/registry';
import { makeUser, PASSWORD } from './officers';
import { eventually } from '../helpers/eventually';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dir = mkdtempSync(join(tmpdir(), 'jaring-tls-'));
const first = makeSelfSignedCertificate(dir, 'first', ['localhost']);
const renewed = makeSelfSignedCertificate(dir, 'renewed', ['localhost']);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('HTTPS in the registry process', () => {
  let app: FastifyInstance;
  let url: string;
  beforeAll(async () => {
    app = await buildApp(
      makeConfig({
        databaseUrl: `sqlite:${join(dir, 'in-process.sqlite')}`,
        tls: { certFile: first.certFile, keyFile: first.keyFile, httpsPort: undefined },
      }),
    );
    await app.listen({ host: '127.0.0.1', port: 0 });
    url = `https://localhost:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => app.close());

  it('answers over HTTPS with the configured certificate and sends HSTS', async () => {
    const res = await rawGet(`${url}/healthz`, { ca: first.certPem });
    expect(res.status).toBe(200);
    expect(res.peerFingerprint).toBe(first.fingerprint256);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
  });

  it('sets the session cookie as __Host-…; Secure over HTTPS', async () => {
    const { username } = await makeUser(app, 'verifikator');
    const res = await rawGet(`${url}/api/v1/auth/login`, {
      method: 'POST',
      ca: first.certPem,
      headers: { origin: url },
      json: { username, password: PASSWORD },
    });
    expect(res.status).toBe(200);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^__Host-jaring_session=/);
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).not.toMatch(/Domain=/i);
  });

  it('sends no HSTS over plain HTTP', async () => {
    const plain = await startRegistry();
    try {
      const res = await rawGet(`${plain.url}/healthz`);
      expect(res.status).toBe(200);
      expect(res.headers['strict-transport-security']).toBeUndefined();
    } finally {
      await plain.close();
    }
  });
});

describe('HTTPS settings that cannot work stop the start', () => {
  it.each([
    [{ TLS_CERT: first.certFile }, /TLS_CERT and TLS_KEY must be set together/],
    [{ TLS_KEY: first.keyFile }, /TLS_CERT and TLS_KEY must be set together/],
    [{ HTTPS_PORT: '8443' }, /HTTPS_PORT needs TLS_CERT and TLS_KEY/],
    [
      { TLS_CERT: first.certFile, TLS_KEY: first.keyFile, HTTPS_PORT: '8080' },
      /HTTPS_PORT must differ from PORT/,
    ],
  ])('refuses %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it.each([
    ['a missing file', { certFile: join(dir, 'nope.crt'), keyFile: first.keyFile }, /TLS_CERT: cannot read/],
    [
      'a key of another certificate',
      { certFile: first.certFile, keyFile: renewed.keyFile },
      /not a usable pair/,
    ],
  ])('refuses %s', async (_case, files, message) => {
    const config = makeConfig({ tls: { ...files, httpsPort: undefined } });
    await expect(buildApp(config)).rejects.toThrow(message);
  });
});

describe('where plain HTTP is redirected', () => {
  it.each([
    ['jaring.example.go.id', '/kantor/', 443, 'https://jaring.example.go.id/kantor/'],
    ['jaring.example.go.id:80', '/?a=1', 8443, 'https://jaring.example.go.id:8443/?a=1'],
    ['[::1]:8080', '/x', 8443, 'https://[::1]:8443/x'],
    // An absolute-form target names another host: only the Host header counts, and the path is dropped.
    ['jaring-pilot.test', 'http://evil.example/steal', 443, 'https://jaring-pilot.test/'],
  ])('Host %s, target %s, HTTPS port %d → %s', (host, url, port, location) => {
    expect(httpsLocation({ headers: { host }, url }, port)).toBe(location);
  });

  it.each([undefined, '', 'evil.example/x', 'a b'])('has no answer for Host %o', (host) => {
    expect(httpsLocation({ headers: { host }, url: '/' }, 443)).toBeUndefined();
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

describe('npm start with TLS_CERT, TLS_KEY, PORT and HTTPS_PORT', () => {
  let child: ChildProcess;
  let output = '';
  let httpPort: number;
  let httpsPort: number;
  const served: TestCertificate = {
    ...first,
    certFile: join(dir, 'served.crt'),
    keyFile: join(dir, 'served.key'),
  };
  const servedFingerprint = () =>
    rawGet(`https://localhost:${httpsPort}/healthz`, { ca: `${first.certPem}${renewed.certPem}` }).then(
      (res) => res.peerFingerprint,
    );

  beforeAll(async () => {
    copyFileSync(first.certFile, served.certFile);
    copyFileSync(first.keyFile, served.keyFile);
    [httpPort, httpsPort] = [await freePort(), await freePort()];
    child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
      cwd: REPO_ROOT,
      env: {
        PATH: process.env.PATH,
        HOST: '127.0.0.1',
        PORT: String(httpPort),
        HTTPS_PORT: String(httpsPort),
        TLS_CERT: served.certFile,
        TLS_KEY: served.keyFile,
        DATABASE_URL: `sqlite:${join(dir, 'npm-start.sqlite')}`,
        FIRST_START_FILE: join(dir, 'first-admin-password.txt'),
        STATIC_DIR: '',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await eventually(async () => {
      if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}:\n${output}`);
      await rawGet(`http://127.0.0.1:${httpPort}/`);
      return servedFingerprint();
    }, 'the registry did not start');
  });
  afterAll(async () => {
    if (child.exitCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      await exited;
    }
  });

  it('redirects plain HTTP to the same host and path over HTTPS, without HSTS', async () => {
    const res = await rawGet(`http://localhost:${httpPort}/kantor/?tab=data`);
    expect(res.status).toBe(308);
    expect(res.headers.location).toBe(`https://localhost:${httpsPort}/kantor/?tab=data`);
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('answers 400, in Indonesian first, when the Host is not a host name', async () => {
    const bad = await rawGet(`http://127.0.0.1:${httpPort}/`, { headers: { host: 'evil.example/x?' } });
    expect(bad.status).toBe(400);
    expect(bad.body.toString()).toMatch(/^Alamat tidak dikenali: buka Jaring lewat https:/);
  });

  it('serves HTTPS with HSTS on HTTPS_PORT', async () => {
    const res = await rawGet(`https://localhost:${httpsPort}/healthz`, { ca: first.certPem });
    expect(res.status).toBe(200);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
  });

  it('picks up a renewed certificate on SIGHUP, and keeps serving the old one if the new files are broken', async () => {
    expect(await servedFingerprint()).toBe(first.fingerprint256);
    copyFileSync(renewed.certFile, served.certFile);
    copyFileSync(renewed.keyFile, served.keyFile);
    child.kill('SIGHUP');
    await eventually(async () => {
      expect(await servedFingerprint()).toBe(renewed.fingerprint256);
    }, 'the renewed certificate was not served');

    writeFileSync(served.keyFile, 'not a key');
    child.kill('SIGHUP');
    await eventually(async () => {
      expect(output).toContain('TLS reload refused');
    }, 'the broken reload was not reported');
    expect(child.exitCode).toBeNull();
    expect(await servedFingerprint()).toBe(renewed.fingerprint256);
  });
});

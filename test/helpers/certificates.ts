/**
 * Throwaway self-signed certificates for HTTPS tests, made by openssl (on the machine with Debian's
 * base system): an ECDSA P-256 key and a certificate for the given DNS names and 127.0.0.1, valid a day.
 */
import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TestCertificate {
  certFile: string;
  keyFile: string;
  certPem: string;
  /** As node's TLS socket reports it (`getPeerCertificate().fingerprint256`). */
  fingerprint256: string;
}

export function makeSelfSignedCertificate(dir: string, name: string, dnsNames: string[]): TestCertificate {
  const certFile = join(dir, `${name}.crt`);
  const keyFile = join(dir, `${name}.key`);
  const altNames = [...dnsNames.map((d) => `DNS:${d}`), 'IP:127.0.0.1'].join(',');
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'],
      ...['-keyout', keyFile, '-out', certFile, '-days', '1'],
      ...['-subj', `/CN=${dnsNames[0] ?? 'localhost'}`, '-addext', `subjectAltName=${altNames}`],
    ],
    { stdio: 'pipe' },
  );
  const certPem = readFileSync(certFile, 'utf8');
  return { certFile, keyFile, certPem, fingerprint256: new X509Certificate(certPem).fingerprint256 };
}

import { execFileSync } from 'node:child_process';
import { createSign, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { snsStringToSign, type SnsEnvelope } from '../../src/alerts';

/** A self-signed certificate and its key, made with openssl for this test run (never a real SNS key). */
export function testSigningCert(subject = '/CN=sns.test.invalid'): { certPem: string; keyPem: string } {
  const dir = mkdtempSync(join(tmpdir(), 'sns-cert-'));
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
      '-days',
      '2',
      '-subj',
      subject,
    ],
    { stdio: 'ignore' },
  );
  return { certPem: readFileSync(join(dir, 'cert.pem'), 'utf8'), keyPem: readFileSync(join(dir, 'key.pem'), 'utf8') };
}

/**
 * A local stand-in for SNS's side of the wire: serves the signing certificate (counting fetches) and
 * records SubscribeURL confirmations. Its origin is what tests pass as `testOnlyTrustedOrigins`.
 */
export class SnsStandIn {
  certFetches = 0;
  confirmations: string[] = [];
  origin = '';
  private server?: Server;

  constructor(private readonly certPem: string) {}

  static async start(certPem: string): Promise<SnsStandIn> {
    const s = new SnsStandIn(certPem);
    s.server = createServer((req, res) => {
      if (req.url?.endsWith('.pem')) {
        s.certFetches++;
        res.writeHead(200, { 'content-type': 'application/x-pem-file' }).end(s.certPem);
        return;
      }
      if (req.url?.startsWith('/?Action=ConfirmSubscription')) {
        s.confirmations.push(req.url);
        res.writeHead(200, { 'content-type': 'text/xml' }).end('<ConfirmSubscriptionResponse/>');
        return;
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((ok) => s.server!.listen(0, '127.0.0.1', ok));
    s.origin = `http://127.0.0.1:${(s.server.address() as AddressInfo).port}`;
    return s;
  }

  get certUrl(): string {
    return `${this.origin}/SimpleNotificationService-test.pem`;
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((ok) => this.server!.close(() => ok()));
  }
}

/** An SNS envelope signed the way SNS signs it (v1 SHA1withRSA, v2 SHA256withRSA). */
export function signedSns(
  keyPem: string,
  fields: Partial<SnsEnvelope> & Pick<SnsEnvelope, 'Type' | 'TopicArn' | 'Message' | 'SigningCertURL'>,
  version: '1' | '2' = '2',
): SnsEnvelope {
  const m = {
    MessageId: randomUUID(),
    Timestamp: new Date().toISOString(),
    SignatureVersion: version,
    Signature: '',
    ...fields,
  } as SnsEnvelope;
  m.SignatureVersion = version;
  m.Signature = createSign(version === '1' ? 'RSA-SHA1' : 'RSA-SHA256')
    .update(snsStringToSign(m), 'utf8')
    .sign(keyPem, 'base64');
  return m;
}

export async function postJson(url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, body: parsed };
}

import { createVerify, X509Certificate } from 'node:crypto';
import { AlertInputError } from './alert';

/** An SNS HTTP(S) delivery: a Notification, or a (Un)SubscriptionConfirmation. */
export interface SnsEnvelope {
  Type: 'Notification' | 'SubscriptionConfirmation' | 'UnsubscribeConfirmation';
  MessageId: string;
  TopicArn: string;
  Message: string;
  Timestamp: string;
  SignatureVersion: string;
  Signature: string;
  SigningCertURL: string;
  Subject?: string;
  Token?: string;
  SubscribeURL?: string;
  UnsubscribeURL?: string;
}

/** Which fields are signed, in this order, per message type (AWS: "Verifying the signatures of Amazon SNS messages"). */
const SIGNED: Record<SnsEnvelope['Type'], (keyof SnsEnvelope)[]> = {
  Notification: ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type'],
  SubscriptionConfirmation: ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'],
  UnsubscribeConfirmation: ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'],
};

/** The string SNS signs: `name\nvalue\n` for each signed field present (Subject only when the message has one). */
export function snsStringToSign(m: SnsEnvelope): string {
  return SIGNED[m.Type]
    .filter((k) => m[k] !== undefined && m[k] !== null)
    .map((k) => `${k}\n${m[k]}\n`)
    .join('');
}

/** Production rule: https://sns.<region>.amazonaws.com/ (or .amazonaws.com.cn), a .pem file. */
const AWS_SNS_HOST = /^sns\.[a-z0-9-]+\.amazonaws\.com(\.cn)?$/;

export interface SnsVerifierOptions {
  /** Fetch a URL's body as text (tests hand in a stand-in; default: global fetch, 5 s timeout). */
  fetchText?: (url: string) => Promise<string>;
  now?: () => Date;
  /** Messages older than this are refused as replays (default one hour; SNS retries within that). */
  maxAgeMs?: number;
  /**
   * TEST ONLY: origins (`http://127.0.0.1:4567`) also trusted for SigningCertURL and SubscribeURL. Never
   * read from the config file or the environment; only tests construct a verifier with it.
   */
  testOnlyTrustedOrigins?: string[];
}

/** Where a signing certificate or a SubscribeURL may come from; the reason it may not otherwise. */
export function snsUrlProblem(raw: string, what: string, testOnlyTrustedOrigins: string[] = []): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return `${what} is not a URL`;
  }
  if (testOnlyTrustedOrigins.includes(url.origin)) return undefined;
  if (url.protocol !== 'https:') return `${what} must be https`;
  if (url.username || url.password) return `${what} must not carry credentials`;
  if (!AWS_SNS_HOST.test(url.hostname) || url.port) return `${what} must be on sns.<region>.amazonaws.com, not ${url.host}`;
  return undefined;
}

/**
 * Checks SNS message signatures (SignatureVersion 1: SHA1withRSA, 2: SHA256withRSA) against the
 * certificate at SigningCertURL, which must be an AWS SNS https URL. Certificates are fetched once per
 * URL and kept (a failed fetch is not kept).
 */
export class SnsVerifier {
  private readonly certs = new Map<string, Promise<X509Certificate>>();
  private readonly fetchText: (url: string) => Promise<string>;
  private readonly now: () => Date;

  constructor(private readonly options: SnsVerifierOptions = {}) {
    this.fetchText = options.fetchText ?? defaultFetchText;
    this.now = options.now ?? (() => new Date());
  }

  /** How many certificates were fetched (each URL once). */
  get cachedCertificates(): number {
    return this.certs.size;
  }

  /** Parse and verify; throws AlertInputError (400 malformed, 403 bad signature) and changes nothing. */
  async verify(body: unknown): Promise<SnsEnvelope> {
    const m = envelope(body);
    const problem =
      snsUrlProblem(m.SigningCertURL, 'SigningCertURL', this.options.testOnlyTrustedOrigins) ??
      (new URL(m.SigningCertURL).pathname.endsWith('.pem') ? undefined : 'SigningCertURL must name a .pem certificate');
    if (problem) throw new AlertInputError(`refused: ${problem}`, 403, 'cert-url');
    const algorithm = m.SignatureVersion === '1' ? 'RSA-SHA1' : m.SignatureVersion === '2' ? 'RSA-SHA256' : undefined;
    if (!algorithm)
      throw new AlertInputError(`refused: SignatureVersion ${JSON.stringify(m.SignatureVersion)} (1 or 2 expected)`, 403, 'signature');
    const sent = Date.parse(m.Timestamp);
    if (Number.isNaN(sent)) throw new AlertInputError('Timestamp is not a time', 400, 'shape');
    const age = this.now().getTime() - sent;
    if (age > (this.options.maxAgeMs ?? 3_600_000) || age < -300_000)
      throw new AlertInputError(`refused: message timestamp ${m.Timestamp} is too old or in the future (a replay?)`, 403, 'stale');
    const cert = await this.certificate(m.SigningCertURL);
    const at = this.now();
    if (new Date(cert.validFrom) > at || new Date(cert.validTo) < at)
      throw new AlertInputError('refused: the signing certificate is not valid now', 403, 'signature');
    const ok = createVerify(algorithm).update(snsStringToSign(m), 'utf8').verify(cert.publicKey, m.Signature, 'base64');
    if (!ok) throw new AlertInputError('refused: the SNS signature does not match the message', 403, 'signature');
    return m;
  }

  private certificate(url: string): Promise<X509Certificate> {
    let cert = this.certs.get(url);
    if (!cert) {
      cert = this.fetchText(url).then((pem) => new X509Certificate(pem));
      cert.catch(() => this.certs.delete(url));
      // A bounded cache: SNS uses a handful of certificates.
      if (this.certs.size >= 50) this.certs.delete(this.certs.keys().next().value!);
      this.certs.set(url, cert);
    }
    return cert.catch((e: Error) => {
      throw new AlertInputError(`refused: the signing certificate could not be fetched or read (${e.message})`, 403, 'cert-fetch');
    });
  }
}

function envelope(body: unknown): SnsEnvelope {
  const m = body as SnsEnvelope;
  if (!m || typeof m !== 'object') throw new AlertInputError('not an SNS message (a JSON object expected)', 400, 'shape');
  if (!(m.Type in SIGNED)) throw new AlertInputError(`not an SNS message: Type ${JSON.stringify(m.Type)}`, 400, 'shape');
  for (const k of ['MessageId', 'TopicArn', 'Message', 'Timestamp', 'SignatureVersion', 'Signature', 'SigningCertURL'] as const) {
    if (typeof m[k] !== 'string') throw new AlertInputError(`not an SNS message: ${k} missing`, 400, 'shape');
  }
  if (m.Type !== 'Notification' && (typeof m.Token !== 'string' || typeof m.SubscribeURL !== 'string'))
    throw new AlertInputError(`${m.Type} without Token or SubscribeURL`, 400, 'shape');
  return m;
}

async function defaultFetchText(url: string): Promise<string> {
  const res = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.text();
}

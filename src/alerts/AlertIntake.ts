import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AlertsConfig } from '../config';
import type { Logger } from '../core';
import { AlertInputError, type Alert } from './alert';
import { MemorySeenRequests, type SeenRequests } from '../chat';
import type { AlertOutcome } from './IncidentFlow';
import { SnsVerifier, snsUrlProblem, type SnsVerifierOptions } from './sns-signature';
import { alertmanagerAlerts } from './sources/alertmanager';
import { cloudWatchAlert } from './sources/cloudwatch';
import { DEFAULT_WEBHOOK_MAPPING, webhookAlert, type WebhookMapping } from './sources/webhook';

/** The route prefix on the bot's HTTP server. */
export const ALERT_PATHS = { sns: '/alerts/sns', alertmanager: '/alerts/alertmanager', webhook: '/alerts/webhook' } as const;

export interface AlertIntakeOptions {
  config: AlertsConfig;
  /** Secrets: CLOUDOPS_ALERTMANAGER_TOKEN, CLOUDOPS_ALERT_WEBHOOK_SECRET. */
  env: Record<string, string | undefined>;
  /** What is done with each accepted alert, after the 2xx. */
  handle: (alert: Alert) => Promise<AlertOutcome>;
  now?: () => Date;
  log?: Logger;
  /** SNS signature checks (tests pass `testOnlyTrustedOrigins` and a clock). */
  sns?: SnsVerifierOptions;
  /**
   * SNS MessageIds already handled (main.ts: the store's seen_requests, shared by replicas; default: in
   * memory). SNS delivers at least once, and a captured signed message stays valid for an hour: a second
   * delivery of one MessageId is answered 202 and does nothing (a replayed OK must not close a newer plan).
   */
  seen?: SeenRequests;
}

/** A route: checks everything it can before answering; the work runs after the 2xx. */
type Reader = (raw: Buffer, req: IncomingMessage) => Promise<{ alerts: Alert[]; after?: () => Promise<void>; note?: string }>;

/**
 * The three alert endpoints. Each reads the raw body (capped), authenticates it, parses and normalizes
 * every alert in it, and only then answers 202 and hands the alerts on. Anything wrong is a 4xx with the
 * reason, counted by reason, and nothing of that request is handled.
 */
export class AlertIntake {
  private readonly refused = new Map<string, number>();
  private accepted = 0;
  private readonly work = new Set<Promise<unknown>>();
  private readonly verifier: SnsVerifier;
  private readonly now: () => Date;
  private readonly seen: SeenRequests;

  constructor(private readonly options: AlertIntakeOptions) {
    this.now = options.now ?? (() => new Date());
    this.verifier = new SnsVerifier({ now: this.now, ...options.sns });
    this.seen = options.seen ?? new MemorySeenRequests({ now: () => this.now().getTime() });
  }

  /** One SNS MessageId is handled once: a redelivery or a replay within the retention is a no-op (202). */
  private async firstDelivery(m: { MessageId: string; TopicArn: string }): Promise<boolean> {
    if (await this.seen.firstSeen(`sns:${m.MessageId}`)) return true;
    this.refused.set('duplicate', (this.refused.get('duplicate') ?? 0) + 1);
    this.options.log?.warn(
      { topic: m.TopicArn, messageId: m.MessageId },
      'SNS message already received (a redelivery or a replay): ignored',
    );
    return false;
  }

  /** Refusals by reason (`signature`, `topic`, `token`, …) and how many alerts were accepted. */
  counts(): { accepted: number; refused: Record<string, number> } {
    return { accepted: this.accepted, refused: Object.fromEntries(this.refused) };
  }

  /** Resolves when the work handed on so far is done (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.work.size) await Promise.allSettled([...this.work]);
  }

  /** Mount the configured sources on the bot's HTTP server. */
  mount(http: { route(prefix: string, handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>): unknown }): string[] {
    const c = this.options.config;
    const paths: string[] = [];
    const add = (path: string, reader: Reader) => {
      http.route(path, (req, res) => this.serve(req, res, reader));
      paths.push(path);
    };
    if (c.sns) add(ALERT_PATHS.sns, (raw) => this.sns(raw));
    if (c.alertmanager) add(ALERT_PATHS.alertmanager, (raw, req) => this.alertmanager(raw, req));
    if (c.webhook) add(ALERT_PATHS.webhook, (raw, req) => this.webhook(raw, req));
    return paths;
  }

  private async serve(req: IncomingMessage, res: ServerResponse, reader: Reader): Promise<void> {
    const answer = (status: number, body: Record<string, unknown>) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    let read: Awaited<ReturnType<Reader>>;
    try {
      if (req.method !== 'POST') throw new AlertInputError('POST only', 405, 'method');
      const raw = await readBody(req, this.options.config.maxBodyBytes);
      read = await reader(raw, req);
    } catch (e) {
      const err =
        e instanceof AlertInputError ? e : new AlertInputError(`could not read the request (${(e as Error).message})`, 400, 'read');
      this.refused.set(err.reason, (this.refused.get(err.reason) ?? 0) + 1);
      this.options.log?.warn({ path: req.url, status: err.status, reason: err.reason, problem: err.message }, 'alert refused');
      if (!res.headersSent) answer(err.status, { ok: false, error: err.message });
      return;
    }
    this.accepted += read.alerts.length;
    answer(202, { ok: true, accepted: read.alerts.length, ...(read.note ? { note: read.note } : {}) });
    const job = (async () => {
      if (read.after) await read.after();
      for (const alert of read.alerts) {
        try {
          const outcome = await this.options.handle(alert);
          this.options.log?.info({ source: alert.source, alert: alert.name, state: alert.state, outcome }, 'alert handled');
        } catch (e) {
          this.options.log?.error({ source: alert.source, alert: alert.name, err: (e as Error).message }, 'alert could not be handled');
        }
      }
    })().catch((e: Error) => this.options.log?.error({ err: e.message }, 'alert work failed'));
    this.work.add(job);
    void job.finally(() => this.work.delete(job));
  }

  private async sns(raw: Buffer): Promise<Awaited<ReturnType<Reader>>> {
    const m = await this.verifier.verify(parseJson(raw));
    const topics = this.options.config.sns?.topics ?? [];
    if (!topics.includes(m.TopicArn)) throw new AlertInputError(`refused: topic ${m.TopicArn} is not in alerts.sns.topics`, 403, 'topic');
    if (m.Type === 'SubscriptionConfirmation') {
      const problem = snsUrlProblem(m.SubscribeURL!, 'SubscribeURL', this.options.sns?.testOnlyTrustedOrigins);
      if (problem) throw new AlertInputError(`refused: ${problem}`, 403, 'subscribe-url');
      if (!(await this.firstDelivery(m))) return { alerts: [], note: DUPLICATE };
      const url = m.SubscribeURL!;
      return {
        alerts: [],
        note: 'confirming the subscription',
        after: async () => {
          const fetchText =
            this.options.sns?.fetchText ??
            (async (u: string) => (await fetch(u, { redirect: 'error', signal: AbortSignal.timeout(10_000) })).text());
          try {
            await fetchText(url);
            this.options.log?.info({ topic: m.TopicArn }, 'SNS subscription confirmed');
          } catch (e) {
            this.options.log?.error({ topic: m.TopicArn, err: (e as Error).message }, 'SNS subscription could not be confirmed');
          }
        },
      };
    }
    if (m.Type === 'UnsubscribeConfirmation') return { alerts: [], note: 'unsubscribe noted' };
    const alert = cloudWatchAlert(m.Message, this.now().toISOString());
    if (!(await this.firstDelivery(m))) return { alerts: [], note: DUPLICATE };
    return alert ? { alerts: [alert] } : { alerts: [], note: 'INSUFFICIENT_DATA ignored' };
  }

  private async alertmanager(raw: Buffer, req: IncomingMessage): Promise<Awaited<ReturnType<Reader>>> {
    const token = this.options.env.CLOUDOPS_ALERTMANAGER_TOKEN;
    if (!token)
      throw new AlertInputError(
        'alertmanager alerts are turned on but CLOUDOPS_ALERTMANAGER_TOKEN is not set; refusing everything',
        503,
        'no-secret',
      );
    const given = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
    if (!sameSecret(given, token)) throw new AlertInputError('refused: missing or wrong bearer token', 401, 'token');
    return { alerts: withTime(alertmanagerAlerts(parseJson(raw)), this.now()) };
  }

  private async webhook(raw: Buffer, req: IncomingMessage): Promise<Awaited<ReturnType<Reader>>> {
    const c = this.options.config.webhook!;
    const secret = this.options.env.CLOUDOPS_ALERT_WEBHOOK_SECRET;
    if (!secret)
      throw new AlertInputError(
        'webhook alerts are turned on but CLOUDOPS_ALERT_WEBHOOK_SECRET is not set; refusing everything',
        503,
        'no-secret',
      );
    const headerValue = (name: string) => {
      const h = req.headers[name.toLowerCase()];
      return Array.isArray(h) ? h[0] : h;
    };
    const given = headerValue(c.signatureHeader)?.replace(/^sha256=/i, '') ?? '';
    const hmac = createHmac('sha256', secret);
    if (c.timestampHeader) {
      const stamp = headerValue(c.timestampHeader) ?? '';
      // Unix seconds, Unix milliseconds (what many senders write), or ISO 8601.
      const at = /^\d{9,11}$/.test(stamp) ? Number(stamp) * 1000 : /^\d{12,14}$/.test(stamp) ? Number(stamp) : Date.parse(stamp);
      if (!stamp)
        throw new AlertInputError(
          `refused: no ${c.timestampHeader} header; send the time of sending (Unix seconds or ` +
            `milliseconds, or ISO 8601) and sign "timestamp.body"`,
          401,
          'stale',
        );
      if (Number.isNaN(at))
        throw new AlertInputError(
          `refused: ${c.timestampHeader} ${JSON.stringify(stamp.slice(0, 40))} is not a time (Unix seconds or milliseconds, or ISO 8601)`,
          401,
          'stale',
        );
      if (Math.abs(this.now().getTime() - at) > 300_000)
        throw new AlertInputError(
          `refused: ${c.timestampHeader} is more than 5 minutes from now (a replay, or a clock that is off)`,
          401,
          'stale',
        );
      hmac.update(`${stamp}.`);
    }
    const expected = hmac.update(raw).digest('hex');
    if (!sameSecret(given.toLowerCase(), expected))
      throw new AlertInputError(
        `refused: missing or wrong ${c.signatureHeader} (hex HMAC-SHA256 of ${c.timestampHeader ? '"timestamp.body"' : 'the raw body'})`,
        401,
        'signature',
      );
    return { alerts: withTime([webhookAlert(parseJson(raw), webhookMapping(this.options.config))], this.now()) };
  }
}

const DUPLICATE = 'this MessageId was already received: ignored (SNS redelivers; a replay changes nothing)';

export function webhookMapping(config: AlertsConfig): WebhookMapping {
  const w = config.webhook;
  return {
    ...DEFAULT_WEBHOOK_MAPPING,
    ...(w?.fields ?? {}),
    firing: w?.firing ?? DEFAULT_WEBHOOK_MAPPING.firing,
    resolved: w?.resolved ?? DEFAULT_WEBHOOK_MAPPING.resolved,
  } as WebhookMapping;
}

/** A source that gave no time: the time it was received. */
function withTime(alerts: Alert[], now: Date): Alert[] {
  return alerts.map((a) => (a.time === new Date(0).toISOString() ? { ...a, time: now.toISOString() } : a));
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new AlertInputError('the body is not JSON', 400, 'json');
  }
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        fail(new AlertInputError(`the body is over ${limit} bytes (alerts.maxBodyBytes)`, 413, 'too-large'));
        req.resume();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => done(Buffer.concat(chunks)));
    req.on('error', fail);
  });
}

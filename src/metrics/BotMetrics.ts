/**
 * Every metric the bot exposes on /metrics, in one place, on a registry of its own (never prom-client's
 * global one: two bots in one process, as in tests, never share counters). The rest of the bot records
 * through plain callbacks and decorators (see observe.ts); only this folder imports prom-client.
 */
import type { Counter, Histogram, Registry } from 'prom-client';

/** prom-client (with OpenTelemetry's API) takes half a second to load: only a bot that serves /metrics needs it. */
function promClient(): typeof import('prom-client') {
  return require('prom-client');
}

/** One AWS SDK call, as the client middleware saw it (after the SDK's own retries). */
export interface AwsCallRecord {
  /** `EC2`, `RDS`, `SSM`, `CostExplorer`, ... (the client's name without `Client`). */
  service: string;
  /** `DescribeInstances`, ... (the command's name without `Command`). */
  operation: string;
  /** The AWS error code, or `ok`. */
  code: string;
  seconds: number;
}

/** One scanned slice of the inventory: one kind of resource in one account and region. */
export interface ScanSliceRecord {
  account: string;
  region: string;
  kind: string;
  ok: boolean;
  seconds: number;
}

export type ExecutionOutcome = 'succeeded' | 'failed' | 'error' | 'interrupted';

const SECONDS = [0.005, 0.025, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 900];
const STORE_SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

export class BotMetrics {
  readonly registry: Registry;
  private readonly requests: Counter<'outcome' | 'playbook'>;
  private readonly plans: Counter<'playbook' | 'risk' | 'blocked'>;
  private readonly approvals: Counter<'outcome'>;
  private readonly executions: Counter<'playbook' | 'outcome'>;
  private readonly executionSeconds: Histogram<'playbook' | 'outcome'>;
  private readonly awsCalls: Counter<'service' | 'operation' | 'code'>;
  private readonly awsSeconds: Histogram<'service' | 'operation'>;
  private readonly scanSeconds: Histogram<'account' | 'region' | 'kind' | 'ok'>;
  private readonly costExplorer: Counter<'operation' | 'code'>;
  private readonly storeSeconds: Histogram<'engine' | 'operation'>;

  /** `defaults`: also Node's process metrics (CPU, memory, event loop lag), prefixed `cloudops_`. */
  constructor(options: { defaults?: boolean } = {}) {
    const { collectDefaultMetrics, Counter, Histogram, Registry } = promClient();
    this.registry = new Registry();
    const registers = [this.registry];
    this.requests = new Counter({
      name: 'cloudops_requests_total',
      help: 'Chat requests planned: outcome understood (a playbook was chosen, label playbook) or not_understood.',
      labelNames: ['outcome', 'playbook'],
      registers,
    });
    this.plans = new Counter({
      name: 'cloudops_plans_total',
      help: 'Plans put on a card, by playbook, risk level and whether the plan is blocked.',
      labelNames: ['playbook', 'risk', 'blocked'],
      registers,
    });
    this.approvals = new Counter({
      name: 'cloudops_approval_decisions_total',
      help:
        'Approve / reject / cancel clicks by what came of them (approved, counted, rejected, ' +
        'cancelled, refused, expired, closed, stale, unknown).',
      labelNames: ['outcome'],
      registers,
    });
    this.executions = new Counter({
      name: 'cloudops_executions_total',
      help: 'Executions by playbook and outcome (succeeded, failed, error on the bot side, interrupted).',
      labelNames: ['playbook', 'outcome'],
      registers,
    });
    this.executionSeconds = new Histogram({
      name: 'cloudops_execution_duration_seconds',
      help: 'How long an execution ran, by playbook and outcome.',
      labelNames: ['playbook', 'outcome'],
      buckets: SECONDS,
      registers,
    });
    this.awsCalls = new Counter({
      name: 'cloudops_aws_calls_total',
      help: 'AWS API calls by service, operation and error code (ok when it succeeded), after the SDK retries.',
      labelNames: ['service', 'operation', 'code'],
      registers,
    });
    this.awsSeconds = new Histogram({
      name: 'cloudops_aws_call_duration_seconds',
      help: 'AWS API call latency (retries included) by service and operation.',
      labelNames: ['service', 'operation'],
      buckets: SECONDS,
      registers,
    });
    this.scanSeconds = new Histogram({
      name: 'cloudops_inventory_scan_duration_seconds',
      help: 'Inventory scan time of one slice (account x region x kind).',
      labelNames: ['account', 'region', 'kind', 'ok'],
      buckets: SECONDS,
      registers,
    });
    this.costExplorer = new Counter({
      name: 'cloudops_cost_explorer_requests_total',
      help: 'Cost Explorer requests (each one is billed by AWS), by operation and error code.',
      labelNames: ['operation', 'code'],
      registers,
    });
    this.storeSeconds = new Histogram({
      name: 'cloudops_store_query_duration_seconds',
      help: 'Store statement latency by engine and statement kind (select, insert, update, delete, transaction, other).',
      labelNames: ['engine', 'operation'],
      buckets: STORE_SECONDS,
      registers,
    });
    if (options.defaults ?? true) collectDefaultMetrics({ register: this.registry, prefix: 'cloudops_' });
  }

  /** What the planner made of a request (every request, understood or not). */
  request(playbook: string | null): void {
    if (playbook) this.requests.inc({ outcome: 'understood', playbook });
    else this.requests.inc({ outcome: 'not_understood', playbook: '' });
  }

  plan(playbook: string, risk: string, blocked: boolean): void {
    this.plans.inc({ playbook, risk, blocked: String(blocked) });
  }

  approval(outcome: string): void {
    this.approvals.inc({ outcome });
  }

  execution(playbook: string, outcome: ExecutionOutcome, seconds?: number): void {
    this.executions.inc({ playbook, outcome });
    if (seconds !== undefined) this.executionSeconds.observe({ playbook, outcome }, seconds);
  }

  awsCall(call: AwsCallRecord): void {
    this.awsCalls.inc({ service: call.service, operation: call.operation, code: call.code });
    this.awsSeconds.observe({ service: call.service, operation: call.operation }, call.seconds);
    if (call.service === 'CostExplorer') this.costExplorer.inc({ operation: call.operation, code: call.code });
  }

  scanSlice(slice: ScanSliceRecord): void {
    this.scanSeconds.observe({ account: slice.account, region: slice.region, kind: slice.kind, ok: String(slice.ok) }, slice.seconds);
  }

  storeQuery(engine: string, operation: string, seconds: number): void {
    this.storeSeconds.observe({ engine, operation }, seconds);
  }

  /** The Prometheus text exposition of everything above. */
  async text(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

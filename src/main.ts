/**
 * Composition root: reads config, builds everything, starts adapters. The only file that imports
 * every folder.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, isAbsolute, resolve } from 'node:path';
import { AlertIntake, auditHistory, cloudWatchMetrics, IncidentFlow, OutcomeNotifier, type SnsVerifierOptions } from './alerts';
import { ApprovalDesk } from './approvals';
import {
  CHAT_PLATFORMS,
  ConsoleAdapter,
  helpNotes,
  HttpServer,
  PLATFORM_IDS,
  PlatformSetupError,
  type AdapterOf,
  type ChatAdapter,
  type ChatPlatform,
  type HttpAddress,
  type PlatformDeps,
  type PlatformId,
  type SettingsOf,
} from './chat';
import { loadAws, loadBedrock, SandboxProvider, type CloudProvider } from './cloud';
import { ConfigError, configProblem, durationSeconds, type Config, type LoadedConfig } from './config';
import {
  Conversation,
  helpCard,
  Planner,
  systemClock,
  type ChatSink,
  type Clock,
  type IntentClassifier,
  type Logger,
  type Platform,
} from './core';
import {
  digestConfigProblem,
  DigestCommands,
  Digests,
  DIGESTS,
  DigestScheduler,
  FindingsCommands,
  FindingSnoozes,
  Narrative,
  type DigestRegistry,
} from './digests';
import { builtinActions, StepRunner, type ActionRegistry, type ReadServices } from './execution';
import { BedrockClassifier, DirectAnswers, LocalClassifier, type TrainingCache } from './intents';
import {
  describeScanFailures,
  unscannedKinds,
  findResourcesService,
  Inventory,
  InventoryResolver,
  latestSnapshot,
  nameHeads,
  namedReferences,
  openInventory,
  rereadAfterRun,
  ScanCommands,
  type InventoryRefresh,
  type OpenInventoryOptions,
} from './inventory';
import { Catalog, formatProblem, loadPlaybooks, type PlaybookProblem } from './playbooks';
import { liveEstateView, RiskEngine } from './risk';
import {
  AlertIncidentRepository,
  ApprovalRepository,
  AuditRepository,
  ConversationReferenceRepository,
  ConversationStateRepository,
  CostCacheRepository,
  DigestRunRepository,
  FileCache,
  FindingSnoozeRepository,
  NarrativeCacheRepository,
  InventoryRepository,
  isPostgresUrl,
  openStoreMigrated,
  SeenRequestRepository,
  BotThreadRepository,
  StoreError,
  timeSqlStore,
  TaggingTrendRepository,
  type SqlStore,
  type StoreTarget,
} from './store';
import { BotMetrics, metricsEndpoint, observeDecisions, observeExecutions, observePlans } from './metrics';

/** The installed package's root (works from src/ under tests and from dist/ when built). */
export const PACKAGE_ROOT = resolve(__dirname, '..');
export const DEMO_ESTATE = resolve(PACKAGE_ROOT, 'sandbox/demo-estate.yaml');

export interface BuildOptions {
  loaded: LoadedConfig;
  /** `--sandbox FILE` from the command line: wins over the config. */
  sandboxFile?: string;
  /** Override the store: a SQLite file (`:memory:` in tests) or a postgres:// URL (`--store`). */
  storePath?: string;
  /** A store opened (and migrated) elsewhere, shared by several bots in one process (tests: two replicas). */
  store?: SqlStore;
  clock?: Clock;
  sleep?: (ms: number) => Promise<void>;
  log: Logger;
  newId?: () => string;
  /** The action registry (tests add their own actions); the built-in actions when left out. */
  registry?: ActionRegistry;
  /** The playbook folder already loaded against `registry` (tests load it once per file); read when left out. */
  playbooks?: ReturnType<typeof loadCatalogPlaybooks>;
  /** A provider built elsewhere (benchmarks, tests); the config's (or `sandboxFile`'s) when left out. */
  provider?: CloudProvider;
  /** Scan at start-up always, or only when the store's cache is stale (the default: always for a sandbox). */
  scanAtStart?: OpenInventoryOptions['scanAtStart'];
  /** Where the trained classifier is kept between start-ups; `false` trains every time. Default: FileCache.folder(). */
  trainingCache?: TrainingCache | false;
  /** How long a run's lease holds without a heartbeat, and how often it beats (tests shorten them). */
  runLease?: { ttlMs?: number; heartbeatMs?: number };
  /** Where the bot records what it does (served on /metrics by startChat); nothing is measured without it. */
  metrics?: BotMetrics;
  /** The digest kinds (tests add their own); the registry's (DIGESTS) when left out. */
  digests?: DigestRegistry;
}

export interface Bot {
  config: Config;
  provider: CloudProvider;
  registry: ActionRegistry;
  catalog: Catalog;
  problems: PlaybookProblem[];
  inventory: Inventory;
  /** Scans on demand and, once started, on the schedule from config (stopped by close()). */
  inventoryRefresh: InventoryRefresh;
  resolver: InventoryResolver;
  /** Read-only answers for read-only actions (inventory search, cost and tag reports). */
  services: ReadServices;
  /** What understands requests (local, or Bedrock with the local one behind it). */
  classifier: IntentClassifier;
  planner: Planner;
  conversation: Conversation;
  /** The store (SQLite file or Postgres pool) every repository of this bot works on. */
  store: SqlStore;
  audit: AuditRepository;
  desk: ApprovalDesk;
  digests: Digests;
  digestRuns: DigestRunRepository;
  /** Snoozed findings (chat `snooze`, `cloudops findings snooze`). */
  findingSnoozes: FindingSnoozes;
  /** Banner lines for start-up: sandbox label, problems. */
  banner: string[];
  log: Logger;
  clock: Clock;
  /** Counters and histograms for /metrics, when the bot is measured. */
  metrics?: BotMetrics;
  /**
   * Build now what a plan reads and would otherwise build on first use (the dependents and fleet-peer
   * index: ~0.25 s at 100k resources), so the first requests after start-up are not acknowledged late.
   */
  prepare(): void;
  /** Stop the timers and close the store (unless it was handed in). */
  close(): Promise<void>;
}

export function relativeTo(loaded: LoadedConfig, path: string): string {
  if (isAbsolute(path)) return path;
  return loaded.file ? resolve(dirname(loaded.file), path) : path;
}

/** Where the SQLite store lives for this config (relative paths are relative to the config file). */
export function storeFile(loaded: LoadedConfig): string {
  return relativeTo(loaded, loaded.config.store.path);
}

/**
 * Which store this config names: `--store` (a file or a postgres:// URL) when given; else `store.url`
 * (which `DATABASE_URL` overrides at load time) for Postgres; else the SQLite file at `store.path`.
 */
export function storeTargetOf(loaded: LoadedConfig, override?: string): StoreTarget {
  if (override) return isPostgresUrl(override) ? { engine: 'postgres', url: override } : { engine: 'sqlite', path: override };
  if (loaded.config.store.url) return { engine: 'postgres', url: loaded.config.store.url };
  return { engine: 'sqlite', path: storeFile(loaded) };
}

/**
 * Open the store and bring its schema up to date (under the migrations lock, so replicas starting together
 * take turns). A SQLite file that cannot be opened is a config error naming the setting; a Postgres
 * server that cannot be reached is a StoreError saying what to check (the password is never in it).
 */
export async function openStore(target: StoreTarget | string): Promise<SqlStore> {
  const t: StoreTarget =
    typeof target === 'string'
      ? isPostgresUrl(target)
        ? { engine: 'postgres', url: target }
        : { engine: 'sqlite', path: target }
      : target;
  try {
    return await openStoreMigrated(t);
  } catch (e) {
    if (t.engine === 'postgres' || !(e instanceof StoreError) || e.code !== 'STORE_OPEN') throw e;
    const cause = /cannot open the store \((.*)\); point/.exec(e.message)?.[1] ?? e.message;
    throw new ConfigError(
      `store ${t.path}: cannot open the SQLite store (${cause}); set store.path in the ` +
        `config, $CLOUDOPS_STORE or --store to a file in a folder the bot can write`,
    );
  }
}

export function newRequestId(): string {
  return `req-${randomBytes(4).toString('hex')}`;
}

export function createProvider(loaded: LoadedConfig, sandboxFile?: string, clock?: Clock, metrics?: BotMetrics): CloudProvider {
  const { config } = loaded;
  // The sandbox's own times (when an instance was terminated) come from the bot's clock.
  const sandbox = clock ? { now: () => clock.now() } : {};
  if (sandboxFile) return SandboxProvider.fromFile(sandboxFile, sandbox);
  if (config.sandbox || !config.aws) {
    return SandboxProvider.fromFile(config.sandbox?.estate ? relativeTo(loaded, config.sandbox.estate) : DEMO_ESTATE, sandbox);
  }
  return loadAws().AwsProvider.fromConfig(config.aws, metrics ? { onCall: (call) => metrics.awsCall(call) } : {});
}

/**
 * The playbook folder: `playbooks.dir` when set (relative to the config file); otherwise `playbooks/`
 * next to the config file (or in the working directory without one) when it exists, else the catalog
 * bundled with the package, so a config written anywhere still has the playbooks.
 */
export function playbookDir(loaded: LoadedConfig): string {
  const configured = loaded.config.playbooks.dir;
  if (configured) return relativeTo(loaded, configured);
  const beside = relativeTo(loaded, 'playbooks');
  return existsSync(beside) ? beside : resolve(PACKAGE_ROOT, 'playbooks');
}

/** The playbooks the bot would load; a folder that cannot be read at all is a config error, not an empty catalog. */
export function loadCatalogPlaybooks(
  loaded: LoadedConfig,
  registry: ActionRegistry,
  dir = playbookDir(loaded),
): ReturnType<typeof loadPlaybooks> {
  const result = loadPlaybooks(dir, registry);
  if (result.files === 0 && result.playbooks.length === 0 && result.problems.length === 1 && result.problems[0].line === 0) {
    const where = loaded.config.playbooks.dir ? `\`playbooks.dir\` in ${loaded.file ?? 'the config'}` : 'the playbook folder';
    throw new ConfigError(`${dir}: ${result.problems[0].message}; check ${where} (leave \`playbooks.dir\` out to use the bundled catalog)`);
  }
  return result;
}

/** The local classifier, with Bedrock in front of it when `intents.bedrock.mode` is not off. */
function understanding(config: Config, catalog: Catalog, inventory: Inventory, clock: Clock, options: BuildOptions): IntentClassifier {
  const folder = options.trainingCache === undefined ? FileCache.folder() : undefined;
  const cache =
    options.trainingCache === false ? undefined : (options.trainingCache ?? (folder ? new FileCache(folder, 'classifier') : undefined));
  const local = new LocalClassifier(catalog, {
    threshold: config.intents.threshold,
    clock,
    cache,
    names: nameHeads(inventory),
    resolves: namedReferences(inventory),
  });
  const bedrock = config.intents.bedrock;
  if (bedrock.mode === 'off') return local;
  const ms = (d: string) => (d.endsWith('ms') ? Number(d.slice(0, -2)) : Number(d.slice(0, -1)) * 1000);
  return new BedrockClassifier({
    chooser: loadBedrock().BedrockToolChooser.fromOptions({ modelId: bedrock.modelId, region: bedrock.region }),
    local,
    catalog,
    mode: bedrock.mode,
    timeoutMs: ms(bedrock.timeout),
    retries: bedrock.retries,
    cacheTtlMs: durationSeconds(bedrock.cacheTtl) * 1000,
    inventoryNames: bedrock.sendInventoryNames ? () => inventory.all().map((r) => r.name) : undefined,
    clock,
    sleep: options.sleep,
    log: options.log,
  });
}

/** Which estate cached inventory rows belong to: a sandbox file's rows never answer for AWS. */
export function inventorySource(provider: CloudProvider): string {
  return provider.kind === 'aws' ? 'aws' : `sandbox:${provider.label}`;
}

/**
 * The inventory from the store's cache, scanned at once for a sandbox (it lives in memory) or when the
 * cache is older than the refresh interval; the schedule starts with the console or the server.
 */
export async function buildInventory(
  loaded: LoadedConfig,
  provider: CloudProvider,
  store: SqlStore,
  deps: {
    clock?: Clock;
    sleep?: (ms: number) => Promise<void>;
    log: Logger;
    scanAtStart?: OpenInventoryOptions['scanAtStart'];
    metrics?: BotMetrics;
  },
): Promise<InventoryRefresh> {
  const c = loaded.config.inventory;
  const clock = deps.clock ?? systemClock;
  const refresh = await openInventory({
    provider,
    source: inventorySource(provider),
    cache: new InventoryRepository(store),
    scan: { concurrency: c.concurrency, throttleRetries: c.throttleRetries, sleep: deps.sleep },
    intervalMs: durationSeconds(c.refresh) * 1000,
    now: () => clock.now(),
    log: deps.log,
    scanAtStart: deps.scanAtStart ?? (provider.kind === 'sandbox' ? 'always' : 'when-stale'),
    ...(deps.metrics ? { onScanned: scanMetrics(deps.metrics) } : {}),
  });
  // A scan at start-up logs its own failures; a cache loaded without scanning says what it still lacks.
  if (!refresh.lastReport) for (const f of refresh.inventory.failures) deps.log.warn({ ...f }, 'inventory scan failed (cached)');
  return refresh;
}

/** Each scanned slice's time, for /metrics. */
function scanMetrics(
  metrics: BotMetrics,
): (report: { units: { account: string; region: string; scanner: string; ok: boolean; ms: number }[] }) => void {
  return (report) => {
    for (const u of report.units)
      metrics.scanSlice({ account: u.account, region: u.region, kind: u.scanner, ok: u.ok, seconds: u.ms / 1000 });
  };
}

/** Everything but the chat adapters. */
export async function buildBot(options: BuildOptions): Promise<Bot> {
  const { config } = options.loaded;
  // Scheduled digests name kinds from the digest registry: an unknown one stops the start before any scan.
  const digestKinds = options.digests ?? DIGESTS;
  const digestProblem = digestConfigProblem(config.digests, digestKinds);
  if (digestProblem) throw configProblem(options.loaded, digestProblem.path, digestProblem.message);
  const clock = options.clock ?? systemClock;
  const metrics = options.metrics;
  const provider = options.provider ?? createProvider(options.loaded, options.sandboxFile, clock, metrics);
  const registry = options.registry ?? builtinActions();
  const loaded = options.playbooks ?? loadCatalogPlaybooks(options.loaded, registry);
  for (const p of loaded.problems) options.log.warn({ file: p.file, line: p.line, problem: p.message }, 'playbook skipped');
  const catalog = new Catalog(loaded.playbooks);
  const opened = options.store ?? (await openStore(storeTargetOf(options.loaded, options.storePath)));
  const ownsStore = !options.store;
  let closed = false;
  // Store latency is measured at the one handle every repository shares.
  const db = metrics ? timeSqlStore(opened, (engine, op, seconds) => metrics.storeQuery(engine, op, seconds)) : opened;
  const inventoryRefresh = await buildInventory(options.loaded, provider, db, {
    clock,
    sleep: options.sleep,
    log: options.log,
    scanAtStart: options.scanAtStart,
    metrics,
  });
  const inventory = inventoryRefresh.inventory;
  const resolver = new InventoryResolver(inventory, provider, config.inventory.resolver);
  const classifier = understanding(config, catalog, inventory, clock, options);
  // What risk reads about dependents and fleet peers, indexed over the whole inventory on first use; a
  // server builds it ahead (prepare) when it starts and after each scan (startChat), so no request waits for it.
  const estate = liveEstateView(inventory);
  const assessor = RiskEngine.fromConfig(config, estate);
  const audit = new AuditRepository(db, () => clock.now());
  // Opening the store changes no run state: read-only commands (digest --print, plan) share it safely with
  // a running bot. Runs whose process died are interrupted by serveApprovals, once their lease expired.
  const desk = new ApprovalDesk(new ApprovalRepository(db), config.approval, clock, { owner: runOwner(), ...options.runLease });
  const label = provider.kind === 'sandbox' ? provider.label : undefined;
  const now = () => clock.now();
  const snoozeStore = new FindingSnoozeRepository(db, now);
  const digests = new Digests({
    kinds: digestKinds as typeof DIGESTS,
    provider,
    inventory,
    config,
    cache: new CostCacheRepository(db, now),
    trend: new TaggingTrendRepository(db),
    snoozes: { active: (at) => snoozeStore.active(at) },
    narrative: narrativeFor(config, db, now, options.log),
    clock,
    log: options.log,
    label,
  });
  const findingSnoozes = new FindingSnoozes({
    store: snoozeStore,
    audit,
    inventory,
    findings: digests.findings,
    now,
    defaultDays: config.findings.snoozeDays,
  });
  const services: ReadServices = {
    findResources: findResourcesService(inventory, { minScore: config.inventory.resolver.minScore }),
    costReport: (input) => digests.costReport(input),
    tagReport: (input) => digests.tagReport(input),
  };
  const executor = new StepRunner({ provider, registry, audit, sleep: options.sleep, now, services });
  const planned = new Planner({ classifier, resolver, assessor, catalog, preflight: executor, fleetLimit: config.fleet?.limit });
  const planner = metrics ? observePlans(planned, metrics) : planned;
  const rereading = rereadAfterRun(executor, resolver, options.log);
  // "is web-prod-1 running?", "who owns grafana?": answered from the inventory, not offered as a button.
  const answers = new DirectAnswers({
    resolver,
    resources: () => inventory.all(),
    asOf: () => inventory.asOf,
    clock,
    latestSnapshot: (r) => latestSnapshot(provider, inventory, r),
    label,
    unscanned: (types) => (types?.length ? unscannedKinds(inventory.failures, types) : describeScanFailures(inventory.failures)),
  });
  const commands = [
    new DigestCommands({ digests, catalog }),
    new FindingsCommands({
      findings: digests.findings,
      snoozes: findingSnoozes,
      catalog,
      inventory,
      label,
      topResources: (top) => digests.topResources(top),
      csv: (kind) => digests.csv(kind),
      digest: () => digests.message('findings', { source: 'chat' }),
    }),
    new ScanCommands({ refresh: inventoryRefresh, label }),
    answers,
  ];
  // After a run the inventory learns what it did (a terminated instance is gone at once, not at the next scan).
  const conversation = new Conversation({
    state: new ConversationStateRepository(db, now),
    planner,
    catalog,
    resolver,
    desk: metrics ? observeDecisions(desk, metrics) : desk,
    executor: metrics ? observeExecutions(rereading, metrics) : rereading,
    audit,
    clock,
    assessor,
    newId: options.newId ?? newRequestId,
    label,
    helpNotes: helpNotes(),
    log: options.log,
    commands,
    sleep: options.sleep,
  });
  const banner = [
    ...(provider.kind === 'sandbox' ? [`*** ${provider.label} ***`] : []),
    `${catalog.list().length} playbooks loaded, ${inventory.size} resources in the ` +
      `inventory across ${provider.accounts().length} account(s).`,
    ...loaded.problems.map((p) => `playbook skipped: ${formatProblem(p)}`),
    ...describeScanFailures(inventory.failures).map((line) => `scan failed: ${line}`),
  ];
  return {
    config,
    provider,
    registry,
    catalog,
    problems: loaded.problems,
    inventory,
    inventoryRefresh,
    resolver,
    services,
    classifier,
    planner,
    conversation,
    store: db,
    audit,
    desk,
    digests,
    digestRuns: new DigestRunRepository(db, now),
    findingSnoozes,
    banner,
    log: options.log,
    clock,
    metrics,
    prepare: () => estate.prepare(),
    close: async () => {
      inventoryRefresh.stop();
      desk.close();
      if (ownsStore && !closed) await db.close();
      closed = true;
    },
  };
}

/** This process as the owner of the runs it executes: host, pid and a random part. */
function runOwner(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/**
 * Runs whose process died (their lease expired) become `interrupted`, each with an audit record. A live
 * run of another process is left alone. Only a process that serves chat calls this, never a read-only command.
 */
export async function interruptAbandonedRuns(bot: Pick<Bot, 'desk' | 'audit' | 'log'> & { metrics?: BotMetrics }): Promise<number> {
  const interrupted = await bot.desk.interruptRunning();
  for (const r of interrupted) {
    bot.metrics?.execution(r.plan.playbook, 'interrupted');
    await bot.audit.record({ requestId: r.id, kind: 'interrupted', data: { reason: r.result ?? 'the process running it stopped' } });
    bot.log.warn({ requestId: r.id }, 'execution abandoned (its lease expired); marked interrupted, not re-run');
  }
  return interrupted.length;
}

/**
 * Once an adapter is up: interrupt runs whose process died and report them (in their threads), close
 * requests past their time to live; again every `everyMs`. Returns the function that stops the timer.
 */
export async function serveApprovals(bot: Bot, adapter: Pick<ChatAdapter, 'platform' | 'sink'>, everyMs = 30_000): Promise<() => void> {
  const sweep = async () => {
    try {
      // A replica that died mid-run is noticed by the others once its lease expires, not only at a restart.
      await interruptAbandonedRuns(bot);
      await bot.conversation.announceInterrupted(adapter.platform, adapter.sink);
      await bot.conversation.expireDue(adapter.sink);
    } catch (e) {
      bot.log.warn({ err: (e as Error).message }, 'approval sweep failed; will try again');
    }
  };
  await sweep();
  const timer = setInterval(() => void sweep(), everyMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** Run the bot in a terminal (or on a pipe) until the input ends. */
export async function runConsole(
  bot: Bot,
  io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream; user?: string; interactive?: boolean },
): Promise<void> {
  let stopApprovals = () => {};
  const adapter: ConsoleAdapter = new ConsoleAdapter({
    input: io.input as never,
    output: io.output as never,
    user: io.user ?? bot.config.console.user,
    prompt: io.interactive,
    banner: [
      ...bot.banner,
      `You are ${io.user ?? bot.config.console.user}. Type \`help\`, a request like \`stop ` +
        `web-prod-1\`, /as <user> to switch user, a number to click a button; \`approve ` +
        `<id>\` / \`reject <id>\` decide a request by its id.`,
    ].join('\n'),
    ready: async () => {
      stopApprovals = await serveApprovals(bot, adapter);
      // The console's earlier messages went with its process: show the requests still waiting, with buttons.
      await bot.conversation.showWaiting('console', adapter.sink);
    },
  });
  bot.inventoryRefresh.start();
  await adapter.start((event, sink) => bot.conversation.handle(event, sink));
  const scheduler = await scheduleDigests(bot, { console: adapter.sink });
  try {
    await adapter.done();
  } finally {
    stopApprovals();
    await scheduler.stop();
  }
}

/** The digests' optional "What stands out" paragraph: Bedrock when `narrative.enabled`, else none. */
function narrativeFor(config: Config, db: SqlStore, now: () => Date, log: Logger): Narrative | undefined {
  const n = config.narrative;
  if (!n.enabled) return undefined;
  const narrator = loadBedrock().BedrockNarrator.fromOptions({
    modelId: n.modelId,
    maxTokens: n.maxTokens,
    ...(n.region ? { region: n.region } : {}),
  });
  const timeoutMs = n.timeout.endsWith('ms') ? Number(n.timeout.slice(0, -2)) : Number(n.timeout.slice(0, -1)) * 1000;
  return new Narrative({
    write: (system, text, signal) => narrator.write(system, text, signal),
    model: n.modelId,
    cache: new NarrativeCacheRepository(db, now),
    timeoutMs,
    log,
  });
}

/** Start the configured digests on their schedules, posting through each platform's adapter sink. */
export async function scheduleDigests(bot: Bot, sinks: Partial<Record<Platform, ChatSink>>): Promise<DigestScheduler> {
  const scheduler = new DigestScheduler({
    jobs: bot.config.digests,
    digests: bot.digests,
    runs: bot.digestRuns,
    clock: bot.clock,
    log: bot.log,
  });
  await scheduler.start(sinks);
  return scheduler;
}

/**
 * The chat platforms the config and the environment turn on, with their checked settings (secrets
 * included), keyed by platform id. Which ones exist, and what turns each on, is the platform
 * registry's business (src/chat/platforms.ts).
 */
export type ChatPlatforms = { [K in PlatformId]?: SettingsOf<K> };

/** A registry element without its exact types, for the loops below. */
function platformOf(id: PlatformId): ChatPlatform<any, unknown> {
  return CHAT_PLATFORMS[id] as ChatPlatform<any, unknown>;
}

/**
 * Ask every platform whether this config and environment turn it on. Tokens and credentials are
 * checked here, before anything is scanned or connects: a missing or malformed one is one ConfigError.
 */
export function chatPlatforms(config: Config, env: Record<string, string | undefined>): ChatPlatforms {
  const platforms: Record<string, unknown> = {};
  for (const id of PLATFORM_IDS) {
    const platform = platformOf(id);
    if (!platform.enabled) continue;
    const settings = asConfigError(() => platform.enabled!((config as Record<string, unknown>)[id], env));
    if (settings !== undefined) platforms[id] = settings;
  }
  return platforms as ChatPlatforms;
}

/** A platform's setup refusal, as the config error `cloudops start` reports. */
function asConfigError<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw e instanceof PlatformSetupError ? new ConfigError(e.message) : e;
  }
}

async function asConfigErrorAsync<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw e instanceof PlatformSetupError ? new ConfigError(e.message) : e;
  }
}

export function hasChatPlatforms(p: ChatPlatforms): boolean {
  return Object.values(p).some(Boolean);
}

export type RunningChat = {
  adapters: ChatAdapter[];
  /** The shared HTTP server's port (a platform's HTTP endpoint, or the health port). */
  httpPort?: number;
  /** A second server answering only /healthz, on CLOUDOPS_HEALTH_PORT when the chat server listens elsewhere. */
  healthPort?: number;
  /** The alert endpoints and the incident flow, when `alerts:` is configured. */
  alerts?: RunningAlerts;
  banner: string[];
  stop(): Promise<void>;
  /**
   * Graceful shutdown (SIGTERM): stop taking new work (chat endpoints and /readyz answer 503, Socket Mode
   * disconnects, digests and scans stop), let work in progress finish for up to `graceMs`, hand back the
   * leases of runs still going after that, then close the servers. The store is the caller's to close.
   */
  drain(graceMs: number): Promise<DrainReport>;
} & { [K in PlatformId]?: AdapterOf<K> };

export interface DrainReport {
  /** Everything in progress finished within the grace period. */
  finished: boolean;
  /** Runs still going when the grace period ended, whose leases were handed back. */
  handedBack: string[];
  ms: number;
}

/** Every id the approval policy lists for one platform. */
function approverIds(config: Config, platform: string): string[] {
  return [
    ...new Set(Object.values(config.approval.approvers).flatMap((set) => (set as Record<string, string[] | undefined>)[platform] ?? [])),
  ];
}

/** What a platform gets from the bot when it starts. */
function platformDeps(
  bot: Bot,
  id: string,
  options: { log: Logger; sleep?: (ms: number) => Promise<void>; http?: HttpServer },
): PlatformDeps {
  const now = () => bot.clock.now();
  return {
    http: options.http,
    approverIds: approverIds(bot.config, id),
    welcome: helpCard(bot.catalog.list(), bot.provider.kind === 'sandbox' ? bot.provider.label : undefined, helpNotes()[id]),
    // Handled deliveries are kept in the store: a replayed request is dropped after a restart too.
    seen: () => new SeenRequestRepository(bot.store, now),
    botThreads: () => new BotThreadRepository(bot.store, now),
    references: () => new ConversationReferenceRepository(bot.store, now),
    state: () => new ConversationStateRepository(bot.store, now),
    handler: (event, sink) => bot.conversation.handle(event, sink),
    log: options.log,
    sleep: options.sleep,
    now,
  };
}

/**
 * Start one platform on its own (the config and `env` must turn it on): checks its settings, builds
 * and starts its adapter, mounting it on `http` when it serves HTTP. startChat starts them all.
 */
export async function startPlatform<K extends PlatformId>(
  bot: Bot,
  id: K,
  options: { http?: HttpServer; env: Record<string, string | undefined>; log?: Logger; sleep?: (ms: number) => Promise<void> },
): Promise<AdapterOf<K>> {
  const platform = platformOf(id);
  const settings = asConfigError(() => platform.enabled?.((bot.config as Record<string, unknown>)[id], options.env));
  if (settings === undefined || !platform.start) throw new ConfigError(`${id}: not turned on by this config and environment`);
  const started = await asConfigErrorAsync(() =>
    platform.start!(settings, platformDeps(bot, id, { log: options.log ?? bot.log, sleep: options.sleep, http: options.http })),
  );
  return started.adapter as AdapterOf<K>;
}

/**
 * Where the one HTTP server listens. Every platform that serves HTTP (Slack's HTTP receiver, the Teams
 * endpoint) shares it with /healthz, so when several name a port they must name the same one. With
 * none (Slack Socket Mode only), the server runs for /healthz alone when CLOUDOPS_HEALTH_PORT is set
 * (the container sets it).
 */
function httpAddress(platforms: ChatPlatforms, env: Record<string, string | undefined>): HttpAddress | undefined {
  const wanted: { id: PlatformId; address: HttpAddress }[] = [];
  for (const id of PLATFORM_IDS) {
    const settings = platforms[id];
    const address = settings === undefined ? undefined : platformOf(id).listens?.(settings);
    if (address) wanted.push({ id, address });
  }
  const section = (w: { address: HttpAddress }) => w.address.key.replace(/\.port$/, '');
  for (const other of wanted.slice(1)) {
    const [a, b] = [wanted[0], other];
    if (a.address.port !== b.address.port || a.address.host !== b.address.host) {
      throw new ConfigError(
        `${section(a)}.port/host (${a.address.host}:${a.address.port}) and ${section(b)}` +
          `.port/host (${b.address.host}:${b.address.port}) differ: ${platformOf(a.id).title} ` +
          `and ${platformOf(b.id).title} share one HTTP server; give both the same port and ` +
          `host`,
      );
    }
  }
  // Messages about the port name the last platform's setting (teams.port when Slack and Teams share it).
  if (wanted.length) return wanted[wanted.length - 1].address;
  const health = healthPort(env);
  return health === undefined ? undefined : { port: health, host: '0.0.0.0', key: 'CLOUDOPS_HEALTH_PORT' };
}

/** `CLOUDOPS_HEALTH_PORT` (the container sets it for its HEALTHCHECK); a value that is not a port is a config error. */
function healthPort(env: Record<string, string | undefined>): number | undefined {
  const value = env.CLOUDOPS_HEALTH_PORT;
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 65535)
    throw new ConfigError(`CLOUDOPS_HEALTH_PORT "${value}" is not a port number; set it to a port like 3000, or unset it`);
  return Number(value);
}

/** Listen, turning "port taken" and "port not allowed" into a config error naming the setting to change. */
async function listenOn(http: HttpServer, address: { port: number; host: string; key: string }): Promise<number> {
  try {
    return await http.listen(address.port, address.host);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES')
      throw new ConfigError(
        `${address.key} ${address.port} on ${address.host}: ` +
          `${code === 'EADDRINUSE' ? 'already in use' : 'not allowed'}; choose another \`` +
          `${address.key}\``,
      );
    throw e;
  }
}

/**
 * Start the chat adapters the platforms name, then the shared HTTP server, then the background work
 * that needs an adapter to speak through: interrupted-run reports, approval expiry, scheduled digests.
 */
export async function startChat(
  bot: Bot,
  platforms: ChatPlatforms,
  options: {
    log: Logger;
    sleep?: (ms: number) => Promise<void>;
    env?: Record<string, string | undefined>;
    http?: HttpServer;
    alertsSns?: SnsVerifierOptions;
  },
): Promise<RunningChat> {
  const env = options.env ?? process.env;
  const adapters: ChatAdapter[] = [];
  const byPlatform: Record<string, ChatAdapter> = {};
  const address = httpAddress(platforms, env);
  const http = address ? (options.http ?? new HttpServer()) : undefined;
  const background: (() => Promise<void> | void)[] = [];
  const servers: HttpServer[] = http ? [http] : [];
  const banner: string[] = [];
  const stopBackground = async () => {
    for (const halt of background.splice(0).reverse()) await halt();
  };
  const stop = async () => {
    await stopBackground();
    for (const server of servers) await server.close();
    for (const a of [...adapters].reverse()) await a.stop();
  };
  const drain = async (graceMs: number): Promise<DrainReport> => {
    const started = Date.now();
    for (const server of servers) server.drain();
    await stopBackground();
    // Adapters stop receiving (Socket Mode disconnects) and resolve once what they took in is handled.
    const work = Promise.all([...adapters].reverse().map((a) => a.stop())).then(() => true);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finished = await Promise.race([work, new Promise<boolean>((done) => (timer = setTimeout(() => done(false), graceMs)))]);
    clearTimeout(timer);
    let handedBack: string[] = [];
    if (!finished) {
      // Never let the store stop the shutdown: servers must still close and the process exit.
      const back = await bot.desk
        .handBack()
        .catch((e: Error) => ({ handedBack: [] as string[], kept: bot.desk.running().map((id) => ({ id, error: e.message })) }));
      handedBack = back.handedBack;
      for (const id of handedBack)
        options.log.warn(
          { requestId: id },
          'shutdown: run still going after the grace period; its lease is handed back (another ' +
            'replica marks it interrupted; it is never run again)',
        );
      for (const k of back.kept)
        options.log.error(
          { requestId: k.id, err: k.error },
          'shutdown: run still going after the grace period; its lease could not be handed ' +
            'back (the store did not answer): another replica marks it interrupted once the ' +
            'lease expires (60 s); it is never run again',
        );
    }
    for (const server of servers) await server.close(!finished);
    return { finished, handedBack, ms: Date.now() - started };
  };
  try {
    // Before anything listens, and after every scan: a request must not wait behind index building. Only a
    // server does this; a one-off command (scan, digest, plan) builds the index when it first needs it, if ever.
    bot.prepare();
    background.push(bot.inventoryRefresh.onChange(() => bot.prepare()));
    for (const id of PLATFORM_IDS) {
      const settings = platforms[id];
      const platform = platformOf(id);
      if (settings === undefined || !platform.start) continue;
      const started = await asConfigErrorAsync(() =>
        platform.start!(settings, platformDeps(bot, id, { log: options.log, sleep: options.sleep, http })),
      );
      adapters.push(started.adapter);
      byPlatform[id] = started.adapter;
      banner.push(...started.banner);
    }
    let alerts: RunningAlerts | undefined;
    if (bot.config.alerts) {
      if (!http)
        throw new ConfigError(
          "alerts: the alert endpoints need the bot's HTTP server; run Slack in http mode or Teams, or set CLOUDOPS_HEALTH_PORT",
        );
      alerts = await startAlerts(bot, http, Object.fromEntries(adapters.map((a) => [a.platform, a.sink])), env, {
        sns: options.alertsSns,
        sleep: options.sleep,
        log: options.log,
      });
      background.push(() => alerts!.stop());
      banner.push(`Alerts: ${alerts.paths.join(', ')}.`);
    }
    let httpPort: number | undefined;
    let healthOnlyPort: number | undefined;
    const health = () => ({ ok: true, platforms: adapters.map((a) => a.platform) });
    // /metrics beside /healthz wherever it is served (answered while draining too: the last scrape counts).
    const withMetrics = (server: HttpServer) =>
      bot.metrics
        ? server.route('/metrics', metricsEndpoint(bot.metrics, env.CLOUDOPS_METRICS_TOKEN || undefined), { whileDraining: true })
        : server;
    if (http && address) {
      withMetrics(http.onHealth(health));
      httpPort = await listenOn(http, address);
      banner.push(
        `Listening on http://${address.host}:${httpPort} (liveness: /healthz, readiness: ` +
          `/readyz${bot.metrics ? ', metrics: /metrics' : ''}).`,
      );
      // The container's HEALTHCHECK asks CLOUDOPS_HEALTH_PORT; when the chat server listens elsewhere
      // (Teams on 3978), /healthz is answered there too.
      const wanted = healthPort(env);
      if (wanted !== undefined && address.key !== 'CLOUDOPS_HEALTH_PORT' && wanted !== httpPort) {
        const healthServer = withMetrics(new HttpServer().onHealth(health));
        servers.push(healthServer);
        healthOnlyPort = await listenOn(healthServer, { port: wanted, host: '0.0.0.0', key: 'CLOUDOPS_HEALTH_PORT' });
        banner.push(`Health check also on http://0.0.0.0:${healthOnlyPort}/healthz (CLOUDOPS_HEALTH_PORT).`);
      }
    }
    bot.inventoryRefresh.start();
    background.push(() => bot.inventoryRefresh.stop());
    for (const adapter of adapters) background.push(await serveApprovals(bot, adapter));
    const scheduler = await scheduleDigests(bot, Object.fromEntries(adapters.map((a) => [a.platform, a.sink])));
    background.push(() => scheduler.stop());
    // Started: /readyz says ready from now on.
    for (const server of servers) server.ready();
    return {
      ...byPlatform,
      adapters,
      httpPort,
      ...(alerts ? { alerts } : {}),
      ...(healthOnlyPort !== undefined ? { healthPort: healthOnlyPort } : {}),
      banner,
      stop,
      drain,
    };
  } catch (e) {
    await stop().catch(() => undefined);
    throw e;
  }
}

export interface RunningAlerts {
  intake: AlertIntake;
  flow: IncidentFlow;
  /** Sends each rule's outcome note (run, rejected, expired, resolved) on a sweep. */
  notifier: OutcomeNotifier;
  paths: string[];
  stop(): Promise<void>;
}

/**
 * Alerts in, proposed fixes out (docs/alerts.md): the endpoints on the shared HTTP server, incidents in the
 * store (an async SqlStore on the bot's SQLite file), cards through the adapters' sinks.
 */
export async function startAlerts(
  bot: Bot,
  http: HttpServer,
  sinks: Partial<Record<Platform, ChatSink>>,
  env: Record<string, string | undefined>,
  extra: { sns?: SnsVerifierOptions; sleep?: (ms: number) => Promise<void>; log?: Logger } = {},
): Promise<RunningAlerts> {
  const config = bot.config.alerts!;
  // A card for a platform that is not running would be lost: say so at start-up, not at the first alert.
  for (const [where, channel] of [
    ['alerts.channel', config.channel],
    ...config.rules.filter((r) => r.channel).map((r) => [`alerts.rules[${r.name}].channel`, r.channel!] as const),
  ] as const) {
    if (!sinks[channel.platform])
      throw new ConfigError(
        `${where} is on ${channel.platform}, which this bot does not run (running: ` +
          `${Object.keys(sinks).join(', ') || 'none'}); name a channel on a running platform`,
      );
  }
  for (const rule of config.rules) {
    const playbook = bot.catalog.get(rule.playbook);
    if (!playbook)
      throw new ConfigError(
        `alerts.rules[${rule.name}].playbook: no playbook \`${rule.playbook}\` is loaded (loaded: ${bot.catalog
          .list()
          .map((p) => p.id)
          .join(', ')})`,
      );
    if (rule.resource && !playbook.parameters.some((p) => p.name === rule.resource))
      throw new ConfigError(
        `alerts.rules[${rule.name}].resource: ${rule.playbook} has no parameter \`` +
          `${rule.resource}\` (it has ` +
          `${playbook.parameters.map((p) => p.name).join(', ') || 'none'})`,
      );
  }
  const { sns, sleep } = extra;
  const log = extra.log ?? bot.log;
  // Incidents live in the bot's own store (either engine; migrated when it was opened), shared by replicas.
  const incidents = new AlertIncidentRepository(bot.store);
  const flow = new IncidentFlow({
    config,
    planner: bot.planner,
    catalog: bot.catalog,
    desk: bot.desk,
    conversation: bot.conversation,
    audit: bot.audit,
    incidents,
    sinks,
    clock: bot.clock,
    newId: () => newRequestId(),
    metrics: cloudWatchMetrics(bot.provider),
    history: auditHistory((f) => bot.audit.list(f)),
    label: bot.provider.kind === 'sandbox' ? bot.provider.label : undefined,
    log,
  });
  // SNS MessageIds in the store's seen_requests (shared by replicas, kept across restarts): one delivery, one handling.
  const intake = new AlertIntake({
    config,
    env,
    handle: (alert) => flow.handle(alert),
    now: () => bot.clock.now(),
    log,
    sns,
    seen: new SeenRequestRepository(bot.store, () => bot.clock.now()),
  });
  const paths = intake.mount(http);
  const notifier = new OutcomeNotifier({
    config,
    incidents,
    desk: bot.desk,
    audit: bot.audit,
    env,
    clock: bot.clock,
    sleep,
    log,
    onOutcome: (incident) => flow.showOutcome(incident),
  });
  notifier.start(durationSeconds(config.outcomeSweep) * 1000);
  return { intake, flow, notifier, paths, stop: async () => (flow.close(), await notifier.stop(), await intake.idle()) };
}

export type { ChatAdapter };

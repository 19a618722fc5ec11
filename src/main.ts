/**
 * Composition root: reads config, builds everything, starts adapters. The only file that imports
 * every folder.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, isAbsolute, resolve } from 'node:path';
import { ApprovalDesk } from './approvals';
import { ConsoleAdapter, HttpServer, loadTeams, type ChatAdapter, type TeamsAdapter } from './chat';
import { loadAws, loadBedrock, SandboxProvider, type CloudProvider } from './cloud';
import { ConfigError, durationSeconds, parseConfig, type ApprovalConfig, type Config, type LoadedConfig, type SlackConfig, type TeamsConfig } from './config';
import { Conversation, helpCard, Planner, systemClock, type ChatSink, type Clock, type IntentClassifier, type Logger, type Platform } from './core';
import { DigestCommands, Digests, DigestScheduler, FindingsCommands, FindingSnoozes, Narrative } from './digests';
import { builtinActions, StepRunner, type ActionRegistry, type ReadServices } from './execution';
import { BedrockClassifier, LocalClassifier, type TrainingCache } from './intents';
import { describeScanFailures, findResourcesService, Inventory, InventoryResolver, openInventory, rereadAfterRun, ScanCommands, type InventoryRefresh, type OpenInventoryOptions } from './inventory';
import { Catalog, formatProblem, loadPlaybooks, type PlaybookProblem } from './playbooks';
import { liveEstateView, RiskEngine } from './risk';
import { ApprovalRepository, AuditRepository, ConversationReferenceRepository, CostCacheRepository, DigestRunRepository, FileCache, FindingSnoozeRepository, NarrativeCacheRepository, InventoryRepository, openDatabase, SeenRequestRepository, TaggingTrendRepository, type Db } from './store';

/** The installed package's root (works from src/ under tests and from dist/ when built). */
export const PACKAGE_ROOT = resolve(__dirname, '..');
export const DEMO_ESTATE = resolve(PACKAGE_ROOT, 'sandbox/demo-estate.yaml');

export interface BuildOptions {
  loaded: LoadedConfig;
  /** `--sandbox FILE` from the command line: wins over the config. */
  sandboxFile?: string;
  /** Override the store path (`:memory:` in tests). */
  storePath?: string;
  clock?: Clock;
  sleep?: (ms: number) => Promise<void>;
  log: Logger;
  newId?: () => string;
  /** The action registry (tests add their own actions); the built-in actions when left out. */
  registry?: ActionRegistry;
  /** A provider built elsewhere (benchmarks, tests); the config's (or `sandboxFile`'s) when left out. */
  provider?: CloudProvider;
  /** Scan at start-up always, or only when the store's cache is stale (the default: always for a sandbox). */
  scanAtStart?: OpenInventoryOptions['scanAtStart'];
  /** Where the trained classifier is kept between start-ups; `false` trains every time. Default: FileCache.folder(). */
  trainingCache?: TrainingCache | false;
  /** How long a run's lease holds without a heartbeat, and how often it beats (tests shorten them). */
  runLease?: { ttlMs?: number; heartbeatMs?: number };
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
  db: Db;
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
  close(): void;
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
 * Open the SQLite store, or say which file could not be opened and which setting names it (a missing
 * folder is created; a file that is not a database, or a place the bot may not write, is a config error).
 */
export function openStore(path: string, options: { readonly?: boolean } = {}): Db {
  try {
    return openDatabase(path, { readonly: options.readonly && path !== ':memory:' });
  } catch (e) {
    const fix = options.readonly ? 'point --store or store.path at the bot\'s SQLite file' : 'set store.path in the config, $CLOUDOPS_STORE or --store to a file in a folder the bot can write';
    throw new ConfigError(`store ${path}: cannot open the SQLite store (${(e as Error).message}); ${fix}`);
  }
}

export function newRequestId(): string {
  return `req-${randomBytes(4).toString('hex')}`;
}

export function createProvider(loaded: LoadedConfig, sandboxFile?: string, clock?: Clock): CloudProvider {
  const { config } = loaded;
  // The sandbox's own times (when an instance was terminated) come from the bot's clock.
  const sandbox = clock ? { now: () => clock.now() } : {};
  if (sandboxFile) return SandboxProvider.fromFile(sandboxFile, sandbox);
  if (config.sandbox || !config.aws) {
    return SandboxProvider.fromFile(config.sandbox?.estate ? relativeTo(loaded, config.sandbox.estate) : DEMO_ESTATE, sandbox);
  }
  return loadAws().AwsProvider.fromConfig(config.aws);
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
export function loadCatalogPlaybooks(loaded: LoadedConfig, registry: ActionRegistry, dir = playbookDir(loaded)): ReturnType<typeof loadPlaybooks> {
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
  const cache = options.trainingCache === false ? undefined : (options.trainingCache ?? (folder ? new FileCache(folder, 'classifier') : undefined));
  const local = new LocalClassifier(catalog, { threshold: config.intents.threshold, clock, cache });
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
export async function buildInventory(loaded: LoadedConfig, provider: CloudProvider, db: Db, deps: { clock?: Clock; sleep?: (ms: number) => Promise<void>; log: Logger; scanAtStart?: OpenInventoryOptions['scanAtStart'] }): Promise<InventoryRefresh> {
  const c = loaded.config.inventory;
  const clock = deps.clock ?? systemClock;
  const refresh = await openInventory({
    provider,
    source: inventorySource(provider),
    cache: new InventoryRepository(db),
    scan: { concurrency: c.concurrency, throttleRetries: c.throttleRetries, sleep: deps.sleep },
    intervalMs: durationSeconds(c.refresh) * 1000,
    now: () => clock.now(),
    log: deps.log,
    scanAtStart: deps.scanAtStart ?? (provider.kind === 'sandbox' ? 'always' : 'when-stale'),
  });
  // A scan at start-up logs its own failures; a cache loaded without scanning says what it still lacks.
  if (!refresh.lastReport) for (const f of refresh.inventory.failures) deps.log.warn({ ...f }, 'inventory scan failed (cached)');
  return refresh;
}

/** Everything but the chat adapters. */
export async function buildBot(options: BuildOptions): Promise<Bot> {
  const { config } = options.loaded;
  const clock = options.clock ?? systemClock;
  const provider = options.provider ?? createProvider(options.loaded, options.sandboxFile, clock);
  const registry = options.registry ?? builtinActions();
  const loaded = loadCatalogPlaybooks(options.loaded, registry);
  for (const p of loaded.problems) options.log.warn({ file: p.file, line: p.line, problem: p.message }, 'playbook skipped');
  const catalog = new Catalog(loaded.playbooks);
  const db = openStore(options.storePath ?? storeFile(options.loaded));
  const inventoryRefresh = await buildInventory(options.loaded, provider, db, { clock, sleep: options.sleep, log: options.log, scanAtStart: options.scanAtStart });
  const inventory = inventoryRefresh.inventory;
  const resolver = new InventoryResolver(inventory, provider, config.inventory.resolver);
  const classifier = understanding(config, catalog, inventory, clock, options);
  const assessor = RiskEngine.fromConfig(config, liveEstateView(inventory));
  const audit = new AuditRepository(db, () => clock.now());
  // Opening the store changes no run state: read-only commands (digest --print, plan) share it safely with
  // a running bot. Runs whose process died are interrupted by serveApprovals, once their lease expired.
  const desk = new ApprovalDesk(new ApprovalRepository(db), config.approval, clock, { owner: runOwner(), ...options.runLease });
  const label = provider.kind === 'sandbox' ? provider.label : undefined;
  const now = () => clock.now();
  const snoozeStore = new FindingSnoozeRepository(db, now);
  const digests = new Digests({ provider, inventory, config, cache: new CostCacheRepository(db, now), trend: new TaggingTrendRepository(db), snoozes: { active: (at) => snoozeStore.active(at) }, narrative: narrativeFor(config, db, now, options.log), clock, log: options.log, label });
  const findingSnoozes = new FindingSnoozes({ store: snoozeStore, audit, inventory, findings: digests.findings, now, defaultDays: config.findings.snoozeDays });
  const services: ReadServices = {
    findResources: findResourcesService(inventory, { minScore: config.inventory.resolver.minScore }),
    costReport: (input) => digests.costReport(input),
    tagReport: (input) => digests.tagReport(input),
  };
  const executor = new StepRunner({ provider, registry, audit, sleep: options.sleep, now, services });
  const planner = new Planner({ classifier, resolver, assessor, catalog, preflight: executor });
  const commands = [new DigestCommands({ digests, catalog }), new FindingsCommands({ findings: digests.findings, snoozes: findingSnoozes, catalog, inventory, label, topResources: (top) => digests.topResources(top), csv: (kind) => digests.csv(kind), digest: () => digests.message('findings', { source: 'chat' }) }), new ScanCommands({ refresh: inventoryRefresh, label })];
  // After a run the inventory learns what it did (a terminated instance is gone at once, not at the next scan).
  const conversation = new Conversation({ planner, catalog, resolver, desk, executor: rereadAfterRun(executor, resolver, options.log), audit, clock, assessor, newId: options.newId ?? newRequestId, label, log: options.log, commands, sleep: options.sleep });
  const banner = [
    ...(provider.kind === 'sandbox' ? [`*** ${provider.label} ***`] : []),
    `${catalog.list().length} playbooks loaded, ${inventory.size} resources in the inventory across ${provider.accounts().length} account(s).`,
    ...loaded.problems.map((p) => `playbook skipped: ${formatProblem(p)}`),
    ...describeScanFailures(inventory.failures).map((line) => `scan failed: ${line}`),
  ];
  return { config, provider, registry, catalog, problems: loaded.problems, inventory, inventoryRefresh, resolver, services, classifier, planner, conversation, db, audit, desk, digests, digestRuns: new DigestRunRepository(db, now), findingSnoozes, banner, log: options.log, clock, close: () => {
      inventoryRefresh.stop();
      desk.close();
      db.close();
    } };
}

/** This process as the owner of the runs it executes: host, pid and a random part. */
function runOwner(): string {
  return `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/**
 * Runs whose process died (their lease expired) become `interrupted`, each with an audit record. A live
 * run of another process is left alone. Only a process that serves chat calls this, never a read-only command.
 */
export async function interruptAbandonedRuns(bot: Pick<Bot, 'desk' | 'audit' | 'log'>): Promise<number> {
  const interrupted = bot.desk.interruptRunning();
  for (const r of interrupted) {
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
export async function runConsole(bot: Bot, io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream; user?: string; interactive?: boolean }): Promise<void> {
  let stopApprovals = () => {};
  const adapter: ConsoleAdapter = new ConsoleAdapter({
    input: io.input as never,
    output: io.output as never,
    user: io.user ?? bot.config.console.user,
    prompt: io.interactive,
    banner: [...bot.banner, `You are ${io.user ?? bot.config.console.user}. Type \`help\`, a request like \`stop web-prod-1\`, /as <user> to switch user, a number to click a button; \`approve <id>\` / \`reject <id>\` decide a request by its id.`].join('\n'),
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
function narrativeFor(config: Config, db: Db, now: () => Date, log: Logger): Narrative | undefined {
  const n = config.narrative;
  if (!n.enabled) return undefined;
  const narrator = loadBedrock().BedrockNarrator.fromOptions({ modelId: n.modelId, maxTokens: n.maxTokens, ...(n.region ? { region: n.region } : {}) });
  const timeoutMs = n.timeout.endsWith('ms') ? Number(n.timeout.slice(0, -2)) : Number(n.timeout.slice(0, -1)) * 1000;
  return new Narrative({ write: (system, text, signal) => narrator.write(system, text, signal), model: n.modelId, cache: new NarrativeCacheRepository(db, now), timeoutMs, log });
}

/** Start the configured digests on their schedules, posting through each platform's adapter sink. */
export async function scheduleDigests(bot: Bot, sinks: Partial<Record<Platform, ChatSink>>): Promise<DigestScheduler> {
  const scheduler = new DigestScheduler({ jobs: bot.config.digests, digests: bot.digests, runs: bot.digestRuns, clock: bot.clock, log: bot.log });
  await scheduler.start(sinks);
  return scheduler;
}

/** The chat platforms the config and the environment turn on, with their secrets, checked. */
export interface ChatPlatforms {
  slack?: { config: SlackConfig; tokens: import('./chat/slack').SlackTokens };
  /** `host` is where the endpoint listens, settled by teamsSetup (loopback without credentials). */
  teams?: { config: TeamsConfig & { host: string } };
}

/**
 * Bolt loads in a quarter of a second; `cloudops console` and `cloudops plan` never need it, so the Slack
 * folder is loaded only when Slack is turned on (the Agents SDK likewise, through loadTeams).
 */
function slackModule(): typeof import('./chat/slack') {
  return require('./chat/slack') as typeof import('./chat/slack');
}

/**
 * Which platforms to start: Slack when the config has a `slack:` section or SLACK_BOT_TOKEN is set;
 * Teams when the config has a `teams:` section. Slack's tokens and Teams' credentials are checked here,
 * before anything is scanned or connects: a missing or malformed one is one ConfigError.
 */
export function chatPlatforms(config: Config, env: Record<string, string | undefined>): ChatPlatforms {
  const platforms: ChatPlatforms = {};
  if (config.slack || env.SLACK_BOT_TOKEN) {
    const slack = config.slack ?? parseConfig({ slack: {} }).slack!;
    const check = slackModule().checkSlackTokens(slack.mode, env);
    if (!check.ok) {
      throw new ConfigError(`Slack cannot start (${slack.mode} mode${config.slack ? '' : ', because SLACK_BOT_TOKEN is set'}):\n  - ${check.problems.join('\n  - ')}`);
    }
    platforms.slack = { config: slack, tokens: check.tokens };
  }
  if (config.teams) {
    // Like Slack's tokens: credential and exposure problems stop the start before the inventory is scanned.
    const { host } = teamsSetupOrConfigError(config.teams, env);
    platforms.teams = { config: { ...config.teams, host } };
  }
  return platforms;
}

export function hasChatPlatforms(p: ChatPlatforms): boolean {
  return Object.values(p).some(Boolean);
}

export interface RunningChat {
  adapters: ChatAdapter[];
  teams?: TeamsAdapter;
  /** The shared HTTP server's port (Slack HTTP mode, Teams, or the health port). */
  httpPort?: number;
  /** A second server answering only /healthz, on CLOUDOPS_HEALTH_PORT when the chat server listens elsewhere. */
  healthPort?: number;
  banner: string[];
  stop(): Promise<void>;
}

/** Slack user group ids named in the approval policy: the only groups looked up. */
function slackApproverGroups(config: Config): string[] {
  return [...new Set(Object.values(config.approval.approvers).flatMap((set) => set.slack.filter((id) => id.startsWith('S'))))];
}

/**
 * Where the one HTTP server listens. Slack's HTTP receiver, the Teams endpoint and /healthz share it, so
 * when both platforms name a port they must name the same one. With Socket Mode only, the server runs
 * for /healthz alone when CLOUDOPS_HEALTH_PORT is set (the container sets it).
 */
function httpAddress(platforms: ChatPlatforms, env: Record<string, string | undefined>): { port: number; host: string; key: string } | undefined {
  const slack = platforms.slack?.config.mode === 'http' ? { port: platforms.slack.config.port, host: platforms.slack.config.host, key: 'slack.port' } : undefined;
  const teams = platforms.teams ? { port: platforms.teams.config.port, host: platforms.teams.config.host, key: 'teams.port' } : undefined;
  if (slack && teams && (slack.port !== teams.port || slack.host !== teams.host)) {
    throw new ConfigError(`slack.port/host (${slack.host}:${slack.port}) and teams.port/host (${teams.host}:${teams.port}) differ: Slack and Teams share one HTTP server; give both the same port and host`);
  }
  if (teams ?? slack) return teams ?? slack;
  const health = healthPort(env);
  return health === undefined ? undefined : { port: health, host: '0.0.0.0', key: 'CLOUDOPS_HEALTH_PORT' };
}

/** `CLOUDOPS_HEALTH_PORT` (the container sets it for its HEALTHCHECK); a value that is not a port is a config error. */
function healthPort(env: Record<string, string | undefined>): number | undefined {
  const value = env.CLOUDOPS_HEALTH_PORT;
  if (value === undefined || value === '') return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1 || Number(value) > 65535) throw new ConfigError(`CLOUDOPS_HEALTH_PORT "${value}" is not a port number; set it to a port like 3000, or unset it`);
  return Number(value);
}

/** Listen, turning "port taken" and "port not allowed" into a config error naming the setting to change. */
async function listenOn(http: HttpServer, address: { port: number; host: string; key: string }): Promise<number> {
  try {
    return await http.listen(address.port, address.host);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') throw new ConfigError(`${address.key} ${address.port} on ${address.host}: ${code === 'EADDRINUSE' ? 'already in use' : 'not allowed'}; choose another \`${address.key}\``);
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
  options: { log: Logger; sleep?: (ms: number) => Promise<void>; env?: Record<string, string | undefined>; http?: HttpServer },
): Promise<RunningChat> {
  const env = options.env ?? process.env;
  const adapters: ChatAdapter[] = [];
  const address = httpAddress(platforms, env);
  const http = address ? (options.http ?? new HttpServer()) : undefined;
  const background: (() => Promise<void> | void)[] = [];
  const banner: string[] = [];
  let teams: TeamsAdapter | undefined;
  const stop = async () => {
    for (const halt of background.reverse()) await halt();
    await http?.close();
    for (const a of [...adapters].reverse()) await a.stop();
  };
  try {
    if (platforms.slack) {
      const { config, tokens } = platforms.slack;
      const slack = new (slackModule().SlackAdapter)({
        mode: config.mode,
        tokens,
        command: config.command,
        endpoints: [config.paths.events, config.paths.commands, config.paths.interactivity],
        apiUrl: config.apiUrl,
        approverGroups: slackApproverGroups(bot.config),
        // Handled deliveries are kept in the store: a replayed request is dropped after a restart too.
        seen: new SeenRequestRepository(bot.db, () => bot.clock.now()),
        log: options.log,
        sleep: options.sleep,
      });
      if (config.mode === 'http') slack.mount(http!);
      adapters.push(slack);
      await slack.start((event, sink) => bot.conversation.handle(event, sink));
      banner.push(`Slack: ${config.mode === 'http' ? `HTTP receiver on ${config.paths.events}` : 'Socket Mode'}.`);
    }
    if (platforms.teams) {
      teams = await startTeams(bot, http!, env as NodeJS.ProcessEnv);
      adapters.push(teams);
      banner.push(...teams.banner());
    }
    let httpPort: number | undefined;
    let healthOnlyPort: number | undefined;
    const health = () => ({ ok: true, platforms: adapters.map((a) => a.platform) });
    if (http && address) {
      http.onHealth(health);
      httpPort = await listenOn(http, address);
      banner.push(`Listening on http://${address.host}:${httpPort} (health: /healthz).`);
      // The container's HEALTHCHECK asks CLOUDOPS_HEALTH_PORT; when the chat server listens elsewhere
      // (Teams on 3978), /healthz is answered there too.
      const wanted = healthPort(env);
      if (wanted !== undefined && address.key !== 'CLOUDOPS_HEALTH_PORT' && wanted !== httpPort) {
        const healthServer = new HttpServer().onHealth(health);
        healthOnlyPort = await listenOn(healthServer, { port: wanted, host: '0.0.0.0', key: 'CLOUDOPS_HEALTH_PORT' });
        background.push(() => healthServer.close());
        banner.push(`Health check also on http://0.0.0.0:${healthOnlyPort}/healthz (CLOUDOPS_HEALTH_PORT).`);
      }
    }
    bot.inventoryRefresh.start();
    background.push(() => bot.inventoryRefresh.stop());
    for (const adapter of adapters) background.push(await serveApprovals(bot, adapter));
    const scheduler = await scheduleDigests(bot, Object.fromEntries(adapters.map((a) => [a.platform, a.sink])));
    background.push(() => scheduler.stop());
    return { adapters, teams, httpPort, ...(healthOnlyPort !== undefined ? { healthPort: healthOnlyPort } : {}), banner, stop };
  } catch (e) {
    await stop().catch(() => undefined);
    throw e;
  }
}

/** teamsSetup's refusals (no credentials, no tenants, unauthenticated off loopback) as config errors. */
function teamsSetupOrConfigError(teams: TeamsConfig, env: Record<string, string | undefined>) {
  const { teamsSetup, TeamsCredentialError } = loadTeams();
  try {
    return teamsSetup(teams, env as NodeJS.ProcessEnv);
  } catch (e) {
    throw e instanceof TeamsCredentialError ? new ConfigError(`teams: ${e.message}`) : e;
  }
}

/** Microsoft Teams on the shared HTTP server; credentials from the environment only. */
export async function startTeams(bot: Bot, http: HttpServer, env: NodeJS.ProcessEnv): Promise<TeamsAdapter> {
  const teams = bot.config.teams!;
  const { TeamsAdapter } = loadTeams();
  const { credentials } = teamsSetupOrConfigError(teams, env);
  const adapter = new TeamsAdapter({
    credentials,
    references: new ConversationReferenceRepository(bot.db, () => bot.clock.now()),
    http,
    path: teams.path,
    tenants: teams.tenants,
    serviceUrls: teams.serviceUrls,
    log: bot.log,
    lookupUpn: namesApproversByUpn(bot.config.approval),
    welcome: helpCard(bot.catalog.list(), bot.provider.kind === 'sandbox' ? bot.provider.label : undefined, 'teams'),
    now: () => bot.clock.now(),
  });
  await adapter.start((event, sink) => bot.conversation.handle(event, sink));
  return adapter;
}

/** Approver lists may name Teams users by UPN; only then does the adapter look UPNs up. */
function namesApproversByUpn(policy: ApprovalConfig): boolean {
  return Object.values(policy.approvers).some((set) => set.teams.some((id) => id.includes('@')));
}

export type { ChatAdapter };

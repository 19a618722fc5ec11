/**
 * Composition root: reads config, builds everything, starts adapters. The only file that imports
 * every folder.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { ApprovalDesk } from './approvals';
import { ConsoleAdapter, HttpServer, loadTeams, type ChatAdapter, type TeamsAdapter } from './chat';
import { AwsProvider, BedrockToolChooser, SandboxProvider, type CloudProvider } from './cloud';
import { ConfigError, durationSeconds, type ApprovalConfig, type Config, type LoadedConfig } from './config';
import { Conversation, helpCard, Planner, systemClock, type Clock, type IntentClassifier, type Logger } from './core';
import { builtinActions, StepRunner, type ActionRegistry } from './execution';
import { BedrockClassifier, LocalClassifier } from './intents';
import { Inventory, InventoryResolver } from './inventory';
import { Catalog, formatProblem, loadPlaybooks, type PlaybookProblem } from './playbooks';
import { RiskEngine } from './risk';
import { ApprovalRepository, AuditRepository, ConversationReferenceRepository, openDatabase, type Db } from './store';

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
}

export interface Bot {
  config: Config;
  provider: CloudProvider;
  registry: ActionRegistry;
  catalog: Catalog;
  problems: PlaybookProblem[];
  inventory: Inventory;
  /** What understands requests (local, or Bedrock with the local one behind it). */
  classifier: IntentClassifier;
  planner: Planner;
  conversation: Conversation;
  db: Db;
  audit: AuditRepository;
  desk: ApprovalDesk;
  /** Banner lines for start-up: sandbox label, problems. */
  banner: string[];
  log: Logger;
  clock: Clock;
  close(): void;
}

function relativeTo(loaded: LoadedConfig, path: string): string {
  if (isAbsolute(path)) return path;
  return loaded.file ? resolve(dirname(loaded.file), path) : path;
}

export function newRequestId(): string {
  return `req-${randomBytes(4).toString('hex')}`;
}

export function createProvider(loaded: LoadedConfig, sandboxFile?: string): CloudProvider {
  const { config } = loaded;
  if (sandboxFile) return SandboxProvider.fromFile(sandboxFile);
  if (config.sandbox || !config.aws) {
    return SandboxProvider.fromFile(config.sandbox?.estate ? relativeTo(loaded, config.sandbox.estate) : DEMO_ESTATE);
  }
  return AwsProvider.fromConfig(config.aws);
}

export function playbookDir(loaded: LoadedConfig): string {
  const configured = loaded.config.playbooks.dir;
  if (loaded.file) return relativeTo(loaded, configured);
  return existsSync(configured) ? configured : resolve(PACKAGE_ROOT, 'playbooks');
}

/** The local classifier, with Bedrock in front of it when `intents.bedrock.mode` is not off. */
function understanding(config: Config, catalog: Catalog, inventory: Inventory, clock: Clock, options: BuildOptions): IntentClassifier {
  const local = new LocalClassifier(catalog, { threshold: config.intents.threshold, clock });
  const bedrock = config.intents.bedrock;
  if (bedrock.mode === 'off') return local;
  const ms = (d: string) => (d.endsWith('ms') ? Number(d.slice(0, -2)) : Number(d.slice(0, -1)) * 1000);
  return new BedrockClassifier({
    chooser: BedrockToolChooser.fromOptions({ modelId: bedrock.modelId, region: bedrock.region }),
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

/** Everything but the chat adapters. */
export async function buildBot(options: BuildOptions): Promise<Bot> {
  const { config } = options.loaded;
  const clock = options.clock ?? systemClock;
  const provider = createProvider(options.loaded, options.sandboxFile);
  const registry = builtinActions();
  const loaded = loadPlaybooks(playbookDir(options.loaded), registry);
  for (const p of loaded.problems) options.log.warn({ file: p.file, line: p.line, problem: p.message }, 'playbook skipped');
  const catalog = new Catalog(loaded.playbooks);
  const inventory = await Inventory.scan(provider);
  for (const f of inventory.failures) options.log.warn({ ...f }, 'inventory scan failed');
  const resolver = new InventoryResolver(inventory, provider);
  const classifier = understanding(config, catalog, inventory, clock, options);
  const assessor = new RiskEngine(config.approval);
  const db = openDatabase(options.storePath ?? relativeTo(options.loaded, config.store.path));
  const audit = new AuditRepository(db, () => clock.now());
  const desk = new ApprovalDesk(new ApprovalRepository(db), config.approval, clock);
  const interrupted = desk.interruptRunning();
  for (const r of interrupted) {
    await audit.record({ requestId: r.id, kind: 'interrupted', data: { reason: 'process restarted while executing' } });
    options.log.warn({ requestId: r.id }, 'execution interrupted by restart; marked interrupted, not re-run');
  }
  const executor = new StepRunner({ provider, registry, audit, sleep: options.sleep, now: () => clock.now() });
  const planner = new Planner({ classifier, resolver, assessor, catalog, preflight: executor });
  const label = provider.kind === 'sandbox' ? provider.label : undefined;
  const conversation = new Conversation({ planner, catalog, resolver, desk, executor, audit, clock, newId: options.newId ?? newRequestId, label, log: options.log });
  const banner = [
    ...(provider.kind === 'sandbox' ? [`*** ${provider.label} ***`] : []),
    `${catalog.list().length} playbooks loaded, ${inventory.size} resources in the inventory across ${provider.accounts().length} account(s).`,
    ...loaded.problems.map((p) => `playbook skipped: ${formatProblem(p)}`),
    ...inventory.failures.map((f) => `scan failed: ${f.account}/${f.region} ${f.scanner}: ${f.error}`),
  ];
  return { config, provider, registry, catalog, problems: loaded.problems, inventory, classifier, planner, conversation, db, audit, desk, banner, log: options.log, clock, close: () => db.close() };
}

/** Run the bot in a terminal (or on a pipe) until the input ends. */
export async function runConsole(bot: Bot, io: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream; user?: string; interactive?: boolean }): Promise<void> {
  const adapter = new ConsoleAdapter({
    input: io.input as never,
    output: io.output as never,
    user: io.user ?? bot.config.console.user,
    prompt: io.interactive,
    banner: [...bot.banner, `You are ${io.user ?? bot.config.console.user}. Type \`help\`, a request like \`stop web-prod-1\`, /as <user> to switch user, a number to click a button.`].join('\n'),
  });
  await adapter.start((event, sink) => bot.conversation.handle(event, sink));
  await adapter.done();
}

/** The chat platforms `cloudops start` serves over HTTP, and the shared server they are mounted on. */
export interface ChatServices {
  adapters: ChatAdapter[];
  teams?: TeamsAdapter;
  http: HttpServer;
  port: number;
  banner: string[];
  stop(): Promise<void>;
}

/** Start the HTTP chat adapters the config enables (Teams); undefined when none is configured. */
export async function startChat(bot: Bot, options: { env?: NodeJS.ProcessEnv; http?: HttpServer } = {}): Promise<ChatServices | undefined> {
  if (!bot.config.teams) return undefined;
  const http = options.http ?? new HttpServer();
  const teams = await startTeams(bot, http, options.env ?? process.env);
  let port: number;
  try {
    port = await http.listen(bot.config.teams.port, bot.config.teams.host);
  } catch (e) {
    await teams.stop();
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') throw new ConfigError(`teams.port ${bot.config.teams.port} on ${bot.config.teams.host}: ${code === 'EADDRINUSE' ? 'already in use' : 'not allowed'}; choose another \`teams.port\``);
    throw e;
  }
  return {
    adapters: [teams],
    teams,
    http,
    port,
    banner: [...teams.banner(), `Listening on http://${bot.config.teams.host}:${port} (Teams: ${teams.path}, health: /healthz).`],
    stop: async () => {
      await http.close();
      await teams.stop();
    },
  };
}

/** Microsoft Teams on the shared HTTP server; credentials from the environment only. */
export async function startTeams(bot: Bot, http: HttpServer, env: NodeJS.ProcessEnv): Promise<TeamsAdapter> {
  const teams = bot.config.teams!;
  const { TeamsAdapter, teamsCredentialsFromEnv, TeamsCredentialError } = loadTeams();
  let credentials;
  try {
    credentials = teamsCredentialsFromEnv(env);
  } catch (e) {
    throw e instanceof TeamsCredentialError ? new ConfigError(`teams: ${e.message}`) : e;
  }
  if (!credentials.appId && bot.provider.kind !== 'sandbox' && !teams.allowUnauthenticated) {
    throw new ConfigError('teams: MICROSOFT_APP_ID is not set, and this bot acts on real AWS: an unauthenticated endpoint would let anyone approve changes. Set the Bot Framework credentials (see docs/teams.md), or set `teams.allowUnauthenticated: true` for a local test.');
  }
  const adapter = new TeamsAdapter({
    credentials,
    references: new ConversationReferenceRepository(bot.db, () => bot.clock.now()),
    http,
    path: teams.path,
    log: bot.log,
    lookupUpn: namesApproversByUpn(bot.config.approval),
    welcome: helpCard(bot.catalog.list(), bot.provider.kind === 'sandbox' ? bot.provider.label : undefined),
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

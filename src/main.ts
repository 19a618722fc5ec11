/**
 * Composition root: reads config, builds everything, starts adapters. The only file that imports
 * every folder.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { ApprovalDesk } from './approvals';
import { ConsoleAdapter, type ChatAdapter } from './chat';
import { AwsProvider, SandboxProvider, type CloudProvider } from './cloud';
import { durationSeconds, type Config, type LoadedConfig } from './config';
import { Conversation, Planner, systemClock, type Clock, type Logger } from './core';
import { builtinActions, StepRunner, type ActionRegistry, type ReadServices } from './execution';
import { KeywordClassifier } from './intents';
import { findResourcesService, Inventory, InventoryResolver, openInventory, type InventoryRefresh, type OpenInventoryOptions } from './inventory';
import { Catalog, formatProblem, loadPlaybooks, type PlaybookProblem } from './playbooks';
import { RiskEngine } from './risk';
import { ApprovalRepository, AuditRepository, InventoryRepository, openDatabase, type Db } from './store';

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
  /** Scans on demand and, once started, on the schedule from config (stopped by close()). */
  inventoryRefresh: InventoryRefresh;
  resolver: InventoryResolver;
  /** Read-only answers for read-only actions (inventory search, ...). */
  services: ReadServices;
  planner: Planner;
  conversation: Conversation;
  db: Db;
  audit: AuditRepository;
  desk: ApprovalDesk;
  /** Banner lines for start-up: sandbox label, problems. */
  banner: string[];
  close(): void;
}

export function relativeTo(loaded: LoadedConfig, path: string): string {
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
  return new AwsProvider({ accounts: config.aws.accounts, maxAttempts: config.aws.maxAttempts });
}

export function playbookDir(loaded: LoadedConfig): string {
  const configured = loaded.config.playbooks.dir;
  if (loaded.file) return relativeTo(loaded, configured);
  return existsSync(configured) ? configured : resolve(PACKAGE_ROOT, 'playbooks');
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
  for (const f of refresh.inventory.failures) deps.log.warn({ ...f }, 'inventory scan failed');
  return refresh;
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
  const db = openDatabase(options.storePath ?? relativeTo(options.loaded, config.store.path));
  const inventoryRefresh = await buildInventory(options.loaded, provider, db, { clock, sleep: options.sleep, log: options.log });
  const inventory = inventoryRefresh.inventory;
  const resolver = new InventoryResolver(inventory, provider, config.inventory.resolver);
  const classifier = new KeywordClassifier(catalog, config.intents.threshold);
  const assessor = new RiskEngine(config.approval);
  const planner = new Planner({ classifier, resolver, assessor, catalog });
  const audit = new AuditRepository(db, () => clock.now());
  const desk = new ApprovalDesk(new ApprovalRepository(db), config.approval, clock);
  const interrupted = desk.interruptRunning();
  for (const r of interrupted) {
    await audit.record({ requestId: r.id, kind: 'interrupted', data: { reason: 'process restarted while executing' } });
    options.log.warn({ requestId: r.id }, 'execution interrupted by restart; marked interrupted, not re-run');
  }
  const services: ReadServices = { findResources: findResourcesService(inventory, { minScore: config.inventory.resolver.minScore }) };
  const executor = new StepRunner({ provider, registry, audit, sleep: options.sleep, now: () => clock.now(), services });
  const label = provider.kind === 'sandbox' ? provider.label : undefined;
  const conversation = new Conversation({ planner, catalog, resolver, desk, executor, audit, clock, newId: options.newId ?? newRequestId, label, log: options.log });
  const banner = [
    ...(provider.kind === 'sandbox' ? [`*** ${provider.label} ***`] : []),
    `${catalog.list().length} playbooks loaded, ${inventory.size} resources in the inventory across ${provider.accounts().length} account(s).`,
    ...loaded.problems.map((p) => `playbook skipped: ${formatProblem(p)}`),
    ...inventory.failures.map((f) => `scan failed: ${f.accountAlias ?? f.account}/${f.region} ${f.scanner}: ${f.error} (last succeeded: ${f.lastSuccess ?? 'never'})`),
  ];
  const close = () => {
    inventoryRefresh.stop();
    db.close();
  };
  return { config, provider, registry, catalog, problems: loaded.problems, inventory, inventoryRefresh, resolver, services, planner, conversation, db, audit, desk, banner, close };
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
  bot.inventoryRefresh.start();
  await adapter.start((event, sink) => bot.conversation.handle(event, sink));
  await adapter.done();
}

export type { ChatAdapter };

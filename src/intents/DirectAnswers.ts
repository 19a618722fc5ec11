/**
 * Direct questions answered from the inventory, with its age, instead of a button: "is web-prod-1
 * running?", "what's running in staging?", "who owns grafana?", "when was orders-db last snapshotted?"
 * (the last read from the cloud now: the inventory does not scan snapshots). Read-only: never a plan.
 */
import type { ChatButtonEvent, ChatMessage, ChatSink, ChatTextEvent } from '../core';
import type { ChatCommands } from '../core';
import { inertText } from '../core';
import type { Clock, ResourceResolver } from '../core';
import { describeResource, resourceTypeLabel, type Resource } from '../core';
import { inScope } from '../core';
import { explainCloudError } from '../cloud';
import { resourceKinds } from '../inventory';
import { directQuestion, regionHas, type DirectQuestion, type QuestionPlace } from './questions';

export interface DirectAnswerDeps {
  resolver: Pick<ResourceResolver, 'resolve'>;
  /** Every resource the inventory holds. */
  resources(): Resource[];
  /** When the inventory was last scanned. */
  asOf(): Date | undefined;
  clock: Clock;
  /** The newest snapshot of a resource, read from the cloud. */
  latestSnapshot?(r: Resource): Promise<{ id: string; at: Date; status?: string } | undefined | 'unsupported'>;
  label?: string;
  /**
   * Slices of the estate the last scan could not read, in words (an answer from the inventory says it may miss them):
   * of the scanners of these kinds only, when given ("how many instances" is not made unsure by an unreadable ECS).
   */
  unscanned?(types?: readonly string[]): string[];
}

const UP = new Set(['running', 'up', 'started', 'online', 'alive', 'healthy', 'on', 'ok', 'okay', 'live', 'reachable', 'available']);
const DOWN = new Set(['down', 'stopped', 'offline', 'off', 'dead']);
const RUNNING_STATES = new Set(['running', 'available', 'Online']);
const LISTED_TYPES = new Set(['ec2-instance', 'rds-instance', 'rds-cluster']);
/** Kinds that are up or down: the others (buckets, volumes, Auto Scaling groups) are not counted as running or stopped. */
const RUNS = new Set(['ec2-instance', 'rds-instance', 'rds-cluster', 'ecs-service', 'eks-cluster', 'eks-nodegroup', 'lambda-function']);
const OWNER_KEYS = ['owner', 'team', 'contact', 'maintainer'];

export class DirectAnswers implements ChatCommands {
  constructor(private readonly deps: DirectAnswerDeps) {}

  async onText(event: ChatTextEvent, sink: ChatSink): Promise<boolean> {
    const q = directQuestion(event.text);
    if (!q) return false;
    const answer = await this.answer(q);
    if (!answer) return false;
    await sink.post(event.place, answer);
    return true;
  }

  async onButton(_event: ChatButtonEvent): Promise<boolean> {
    return false;
  }

  /** The answer, or undefined when the question is not about anything the inventory knows (left to the planner). */
  async answer(q: DirectQuestion): Promise<ChatMessage | undefined> {
    if (q.kind === 'running' || q.kind === 'count') {
      const unknown = this.unknownAccount(q.where);
      if (unknown) return unknown;
    }
    if (q.kind === 'running') return this.running(q.where);
    if (q.kind === 'count') return this.count(q);
    const found = await this.find(q.name);
    if (found.kind === 'none')
      return this.message(
        `I found nothing called "${clip(q.name)}" in the inventory.` +
          `${found.nearest.length ? ` Nearest names: ${found.nearest.join(', ')}.` : ''} ` +
          `\`find <part of the name>\` lists what exists.`,
      );
    if (q.kind === 'snapshot') {
      if (found.resources.length > 1)
        return this.message(
          `"${clip(q.name)}" matches ${found.resources.length} resources: ` +
            `${found.resources.map((r) => r.name).join(', ')}. Ask again with the one you mean.`,
        );
      return this.snapshot(found.resources[0]);
    }
    const lines = found.resources.map((r) =>
      q.kind === 'state' ? stateLine(r, found.resources.length === 1 ? q.asked : undefined) : ownerLine(r),
    );
    const head = found.resources.length > 1 ? [`"${clip(q.name)}" matches ${found.resources.length} resources:`] : [];
    return this.message([...head, ...lines].join('\n'));
  }

  private async find(name: string): Promise<{ kind: 'found'; resources: Resource[] } | { kind: 'none'; nearest: string[] }> {
    const r = await this.deps.resolver.resolve(name, 'any');
    if (r.kind === 'match') return { kind: 'found', resources: [r.resource] };
    if (r.kind === 'ambiguous') return { kind: 'found', resources: onePerResource(r.candidates) };
    return { kind: 'none', nearest: r.nearest.slice(0, 3) };
  }

  /** "how many instances in narnia": a word that is no account the inventory holds is said so, not answered "none". */
  private unknownAccount(where: QuestionPlace): ChatMessage | undefined {
    if (!where.account) return undefined;
    const all = this.deps.resources();
    if (all.some((r) => inScope(r, { account: where.account }))) return undefined;
    const accounts = [...new Set(all.map((r) => (r.accountAlias ? `${r.accountAlias} (${r.account})` : r.account)))].sort();
    const regions = [...new Set(all.map((r) => r.region).filter(Boolean))].sort();
    return this.message(
      `I know no account, environment or region called "${clip(where.account)}". ` +
        `Ask about an environment (for example "prod", "staging"), a region (${regions.slice(0, 6).join(', ')}, or "east", "eu") ` +
        `or an account${accounts.length ? ` (${accounts.slice(0, 6).join(', ')})` : ''}.`,
    );
  }

  private running(where: QuestionPlace): ChatMessage {
    const all = this.deps.resources().filter((r) => LISTED_TYPES.has(r.type) && RUNNING_STATES.has(r.state ?? '') && inPlace(r, where));
    const place = placeText(where, all);
    const kinds = [...LISTED_TYPES];
    if (!all.length) return this.message(`Nothing is running in ${place}, as far as the inventory knows.`, true, kinds);
    const lines = [...byKind(all.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true })))].map(
      ([type, list]) =>
        `${resourceTypeLabel(type)}s (${list.length}): ${list
          .slice(0, 30)
          .map((r) => `${r.name}${r.region ? ` ${r.region}` : ''}`)
          .join(', ')}${list.length > 30 ? `, and ${list.length - 30} more` : ''}`,
    );
    return this.message([`${all.length} running in ${place}:`, ...lines].join('\n'), true, kinds);
  }

  /** "how many instances in eu-west-1": the count by kind and state, from the inventory. */
  private count(q: Extract<DirectQuestion, { kind: 'count' }>): ChatMessage {
    const types = q.types ? new Set(q.types) : undefined;
    // An instance the SSM agent manages is listed twice (as EC2 and as SSM-managed): counted once, as EC2.
    const found = this.deps
      .resources()
      .filter((r) => (types ? types.has(r.type) : r.type !== 'ssm-instance') && inPlace(r, q.where))
      // Running or stopped only means something for kinds that run: a bucket, volume or Auto Scaling group is never "stopped".
      .filter((r) => !q.state || (RUNS.has(r.type) && (q.state === 'running') === isUp(r)));
    const place = Object.keys(q.where).length ? ` in ${placeText(q.where, found)}` : '';
    const what = q.state ? `${q.state} ` : '';
    if (!found.length) return this.message(`No ${what}${q.what}${place}, as far as the inventory knows.`, true, q.types);
    const kinds = [...byKind(found)].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
    const plural = (type: string, n: number) => `${resourceTypeLabel(type)}${n === 1 ? '' : 's'}`;
    if (kinds.length === 1) {
      const [type, list] = kinds[0];
      if (q.state) return this.message(`${list.length} ${plural(type, list.length)} ${q.state}${place}.`, true, q.types);
      return this.message(`${list.length} ${plural(type, list.length)}${place}: ${byState(list)}.`, true, q.types);
    }
    const lines = kinds.map(([type, list]) => `${plural(type, 2)}: ${list.length} (${byState(list)})`);
    // Several kinds: "down" is each kind's own (a service short of tasks, a throttled function), not "stopped".
    const several = q.state === 'stopped' ? 'resources not up' : `${what}resources`;
    return this.message([`${found.length} ${several}${place}:`, ...lines].join('\n'), true, q.types);
  }

  private async snapshot(r: Resource): Promise<ChatMessage> {
    if (!this.deps.latestSnapshot) return this.message(`I cannot read snapshots here. ${describeResource(r)}`);
    let found;
    try {
      found = await this.deps.latestSnapshot(r);
    } catch (e) {
      // AWS's own words name the role's ARN and session ("User: arn:aws:sts::…:assumed-role/… is not authorized"); the
      // explanation says which permission is missing and what to do, as a card does.
      const why = explainCloudError(e, { where: false }) ?? (e as Error).message;
      return this.message(`I could not read the snapshots of ${describeResource(r)} from AWS: ${why}`, false);
    }
    if (found === 'unsupported')
      return this.message(
        `${describeResource(r)} is ${resourceTypeLabel(r.type)}; I only know snapshots of EC2 instances, EBS volumes and RDS instances.`,
      );
    const now = this.deps.clock.now();
    if (!found) return this.message(`No snapshot of ${describeResource(r)} was found (read from AWS just now).`, false);
    return this.message(
      `${describeResource(r)} was last snapshotted ${utc(found.at)} (${ago(now, found.at)})` +
        `: ${found.id}${found.status ? `, ${found.status}` : ''}. Read from AWS just now.`,
      false,
    );
  }

  /** `kinds`: the kinds the answer is about (a count of instances); left out, any kind (a name could be of any). */
  private message(text: string, withAge = true, kinds?: readonly string[]): ChatMessage {
    const asOf = this.deps.asOf();
    const age = asOf ? `Inventory as of ${utc(asOf)} (${ago(this.deps.clock.now(), asOf)}).` : 'The inventory has not been scanned yet.';
    // "is checkout healthy?" while ECS could not be scanned in one region: the answer may be about another checkout.
    const unscanned = withAge ? (this.deps.unscanned?.(kinds) ?? []) : [];
    const more = unscanned.length > 1 ? ` (and ${unscanned.length - 1} more; \`scan\` lists them)` : '';
    const gap = unscanned.length ? [`This answer may miss resources: ${unscanned[0]}${more}`] : [];
    return {
      kind: 'info',
      text: inertText(text),
      context: [...(withAge ? [age] : []), ...gap, ...(this.deps.label ? [this.deps.label] : [])],
    };
  }
}

function stateLine(r: Resource, asked: string | undefined): string {
  const state = r.state ?? 'in an unknown state';
  const up = isUp(r);
  // A bucket is never up or down: its "state" is who can read it ("is acme-prod-logs up?" is not a "No").
  const yes = r.type === 's3-bucket' ? undefined : asked && UP.has(asked) ? up : asked && DOWN.has(asked) ? !up : undefined;
  const now = health(r);
  const what = r.type === 's3-bucket' ? ` (a bucket is not running or stopped; this is who can read it)` : '';
  return `${yes === undefined ? '' : yes ? 'Yes: ' : 'No: '}${describeResource(r)} is ${state}${now ? `, ${now}` : ''}${what}.`;
}

/**
 * Is it up, in its kind's terms: an instance running, a volume in use, an ECS service with every task it
 * wants running, a cluster, node group or function active (a throttled function is not).
 */
function isUp(r: Resource): boolean {
  if (r.type === 'ecs-service') {
    const desired = Number(r.facts.desiredCount ?? 0);
    return r.state === 'active' && desired > 0 && Number(r.facts.runningCount ?? 0) >= desired;
  }
  if (r.type === 'eks-cluster' || r.type === 'eks-nodegroup' || r.type === 'lambda-function') return r.state === 'active';
  return RUNNING_STATES.has(r.state ?? '') || r.state === 'in-use';
}

/** What "healthy" rests on for a kind whose state alone does not say it: tasks running, sizes, versions. */
function health(r: Resource): string | undefined {
  if (r.type === 'ecs-service')
    return `${r.facts.runningCount ?? '?'} of ${r.facts.desiredCount ?? '?'} tasks running${
      r.facts.rolloutState && r.facts.rolloutState !== 'COMPLETED'
        ? `, its last deployment ${String(r.facts.rolloutState).toLowerCase()}`
        : ''
    }`;
  if (LISTED_TYPES.has(r.type) || r.type === 'ssm-instance' || r.type === 'ebs-volume') return undefined;
  const lines = resourceKinds.get(r.type)?.now?.(r) ?? [];
  return lines.length ? lines.join(', ') : undefined;
}

/** The resources by kind, each list in the order given (pushed, not copied: "how many" may count 100k). */
function byKind(list: Resource[]): Map<string, Resource[]> {
  const out = new Map<string, Resource[]>();
  for (const r of list) {
    const same = out.get(r.type);
    if (same) same.push(r);
    else out.set(r.type, [r]);
  }
  return out;
}

/** "9 running, 3 stopped": how many are in each state, most first. */
function byState(list: Resource[]): string {
  const states = new Map<string, number>();
  for (const r of list) states.set(r.state ?? 'unknown', (states.get(r.state ?? 'unknown') ?? 0) + 1);
  return [...states]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([state, n]) => `${n} ${state}`)
    .join(', ');
}

/** In the place a question names: its environment, region (or part of one) and account. */
function inPlace(r: Resource, where: QuestionPlace): boolean {
  const { regionPart, ...scope } = where;
  return inScope(r, scope) && (!regionPart || regionHas(r.region, regionPart));
}

/** "staging", "prod east (us-east-1)": the place as asked, and the regions a part of one matched. */
function placeText(where: QuestionPlace, found: Resource[]): string {
  const words = [where.environment, where.account && `account ${where.account}`, where.region, where.regionPart].filter(Boolean).join(' ');
  if (!where.regionPart) return words;
  const regions = [...new Set(found.map((r) => r.region))].sort();
  return regions.length ? `${words} (${regions.join(', ')})` : words;
}

function ownerLine(r: Resource): string {
  const key = Object.keys(r.tags).find((k) => OWNER_KEYS.includes(k.toLowerCase()));
  if (key && r.tags[key]) return `${describeResource(r)} is owned by ${r.tags[key]} (tag ${key}=${r.tags[key]}).`;
  return `${describeResource(r)} has no owner tag${
    Object.keys(r.tags).length
      ? ` (its tags: ${Object.entries(r.tags)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ')})`
      : ''
  }.`;
}

/** The same instance as EC2 and as SSM-managed is one answer; a volume named like its instance is another resource. */
function onePerResource(list: Resource[]): Resource[] {
  const seen = new Map<string, Resource>();
  for (const r of list) {
    const key = `${r.account}/${r.region}/${r.id}`;
    const had = seen.get(key);
    if (!had || (had.type === 'ssm-instance' && r.type !== 'ssm-instance')) seen.set(key, r);
  }
  return [...seen.values()];
}

/** A name as asked, echoed back no longer than a line: a pasted log is not repeated into the channel. */
function clip(name: string): string {
  return name.length > 80 ? `${name.slice(0, 77)}…` : name;
}

function utc(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

function ago(now: Date, then: Date): string {
  const s = Math.round((now.getTime() - then.getTime()) / 1000);
  if (s < 60) return 'just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 172800) return `${Math.round(s / 3600)} h ago`;
  return `${Math.round(s / 86400)} days ago`;
}

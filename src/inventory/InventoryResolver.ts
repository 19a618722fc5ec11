import { explainCloudError, type CloudProvider } from '../cloud';
import { ExplainedError } from '../core';
import type { FleetSelector, Resolution, ResolvedSet, ResourceResolver } from '../core';
import { resourceKinds } from './kinds';
import { resolveSet } from './resolve-set';
import type { Resource, ResourceType } from '../core';
import type { Inventory } from './Inventory';
import { goneSentence, isGone } from './gone';
import { rereadResource } from './reread';
import { unscannedFor } from './scan-failures';
import { factWords, typesFor } from './resource-words';
import type { Ranked } from './ResourceIndex';

/** One word with dashes, dots or underscores inside: a name as typed, not a description. */
const LITERAL_NAME = /^[a-z0-9]+(?:[-_.][a-z0-9]+)+$/i;

export interface ResolverOptions {
  /** Fuzzy matches below this are not used (exact ids and names always are). */
  minScore?: number;
  /** Candidates within this of the best are too close to choose between: ask back. */
  ambiguityMargin?: number;
  /** At most this many candidates on a clarify card. */
  maxCandidates?: number;
  /** Re-read a confident match from the cloud, so the plan shows its current state and facts. */
  freshOnMatch?: boolean;
}

export interface ResolveOptions {
  /** States the action needs: among close candidates, the only one in such a state is the one meant. */
  states?: string[];
  /** The chat request the resolution is for: a re-read runs in its role session. */
  requestId?: string;
  /** Only resources of this ARN service (`ec2:snapshot`); a volume or instance the words name gives its own. */
  service?: string;
}

/**
 * Turns what people call a resource into one resource: exact id/ARN, exact name, then fuzzy words
 * (any order, prefixes, abbreviations, typos, tag and fact words, account/region words). Never picks
 * silently between candidates of similar score: those come back `ambiguous` for the plan to ask about.
 */
export class InventoryResolver implements ResourceResolver {
  readonly minScore: number;
  readonly margin: number;
  private readonly maxCandidates: number;
  private readonly freshOnMatch: boolean;

  constructor(
    private readonly inventory: Inventory,
    private readonly provider: CloudProvider,
    options: ResolverOptions = {},
  ) {
    this.minScore = options.minScore ?? 0.6;
    this.margin = options.ambiguityMargin ?? 0.05;
    this.maxCandidates = options.maxCandidates ?? 10;
    this.freshOnMatch = options.freshOnMatch ?? false;
  }

  /** Resources named or identified exactly so (any case): a lookup, not a search. */
  exactly(name: string): Resource[] {
    return this.inventory.exact(name);
  }

  /** Ranked matches with scores, best first (`cloudops find`). */
  rank(query: string, type: ResourceType | 'any' = 'any', limit = 50): Ranked[] {
    return this.inventory.search(query, { type, limit });
  }

  /** The decision from the cached inventory alone (no cloud calls). */
  decide(query: string, type: ResourceType | 'any', options: ResolveOptions = {}): Resolution {
    if (options.service) return this.decideOfService(query, type, options.service, options);
    // Only what can decide: exact hits, else fuzzy matches above the threshold within the margin of the best.
    const ranked = this.inventory.search(query, {
      type,
      limit: 60,
      exactFirst: true,
      minScore: this.minScore,
      // A role said ("the primary postgres") that no name has may single out one a little below the best match: all of
      // them are read. A role word names have ("pg-main-replica") is a name word, searched as names are.
      ...(saysRole(query) && this.inventory.parse(query).optional.some((w) => ROLE_WORD.test(w)) ? {} : { within: this.margin + 0.001 }),
    });
    const exact = ranked.filter((x) => x.tier === 'id' || x.tier === 'name');
    // The exact name of an instance that was terminated (AWS lists it for an hour): say so, never a look-alike.
    if (!exact.length) {
      const gone = this.inventory.goneNamed(query, type);
      if (gone.length) return { kind: 'none', nearest: [], gone: goneSentence(gone[0]) };
    }
    // The exact name of a resource of another kind (`delete old-kafka-data-2`, a volume, asked as an
    // instance) is that resource: never a fuzzy look-alike of the kind asked for (kafka-broker-2).
    if (!exact.length && type !== 'any' && this.namesAnotherKind(query, type)) return notFound(() => this.nearest(query, type, ranked));
    // A name typed whole (`web-prod-east-3`) is that name: a resource that explains only part of it
    // (web-prod-3, in another region) is near, not meant. Words ("the staging mysql thing") are looser.
    const literal = LITERAL_NAME.test(query.trim());
    const pool = exact.length ? exact : ranked.filter((x) => x.score >= this.minScore && !x.otherNumber && !(literal && x.unexplained));
    if (!pool.length) return notFound(() => this.nearest(query, type, ranked));
    // "the primary postgres": among the matches, those of the role said (when any is), then the closest of them.
    const cast = byRole(query, pool);
    const facts = this.sameFact(query, type, cast[0]);
    const close = facts ? byRole(query, facts) : cast.filter((x) => cast[0].score - x.score <= this.margin + 1e-9);
    if (close.length > 1 && options.states?.length) {
      const ready = close.filter((x) => options.states!.includes(x.resource.state ?? ''));
      if (ready.length === 1) return { kind: 'match', resource: ready[0].resource, score: ready[0].score, ...fuzzy(ready[0]) };
    }
    if (close.length > 1)
      return { kind: 'ambiguous', candidates: close.slice(0, this.maxCandidates).map((x) => x.resource), score: close[0].score };
    return { kind: 'match', resource: close[0].resource, score: close[0].score, ...fuzzy(close[0]) };
  }

  /**
   * A resource of one ARN service (`ec2:snapshot`) and nothing else: "delete the snapshot of web-prod-1-root" never
   * deletes the volume. What the words name, when of that service; else the snapshots of the volume or instance they
   * name (one is the answer, several a question, newest first); else the best of that service's own matches.
   */
  /** Resources that record a volume id (snapshots), by that id; built once per inventory version, not per request. */
  private byVolume?: { version: number; map: Map<string, Resource[]> };

  private ofVolume(volumeId: string): Resource[] {
    if (this.byVolume?.version !== this.inventory.version) {
      const map = new Map<string, Resource[]>();
      for (const r of this.inventory.all()) {
        const v = r.facts.volumeId;
        if (typeof v === 'string') map.set(v, [...(map.get(v) ?? []), r]);
      }
      this.byVolume = { version: this.inventory.version, map };
    }
    // Read through the inventory: a resource re-read or removed since the map was built is taken as it is now.
    return (this.byVolume.map.get(volumeId) ?? []).flatMap((r) => this.inventory.get(r) ?? []);
  }

  private decideOfService(query: string, type: ResourceType | 'any', service: string, options: ResolveOptions): Resolution {
    const ofService = (r: Resource) => r.facts.service === service;
    const own = this.decide(query, type, { ...options, service: undefined });
    if (own.kind === 'match' && ofService(own.resource)) return own;
    const named = own.kind === 'match' ? [own.resource] : own.kind === 'ambiguous' ? own.candidates : [];
    const theirs = named.filter(ofService);
    const score = own.kind === 'none' ? 0 : (own.score ?? 0);
    if (theirs.length === 1) return { kind: 'match', resource: theirs[0], score };
    if (theirs.length > 1) return { kind: 'ambiguous', candidates: theirs, score };
    // "yesterday's snapshot of web-prod-1": the snapshots of the volumes of what the words name.
    const volumes = new Set(named.flatMap((r) => this.volumesOf(r)));
    if (volumes.size) {
      const allowed = resourceKinds.typesFor(type === 'any' ? 'taggable' : type);
      const snaps = [...volumes]
        .flatMap((v) => this.ofVolume(v))
        .filter((r) => ofService(r) && (!allowed || allowed.has(r.type)))
        .sort((a, b) => String(b.facts.startTime ?? '').localeCompare(String(a.facts.startTime ?? '')));
      if (snaps.length === 1) return { kind: 'match', resource: snaps[0], score: 1, fuzzy: true };
      if (snaps.length > 1) return { kind: 'ambiguous', candidates: snaps.slice(0, this.maxCandidates), score: 1 };
    }
    const ranked = this.inventory
      .search(query, { type, limit: 60, minScore: this.minScore })
      .filter((x) => ofService(x.resource) && !x.otherNumber);
    if (!ranked.length) return notFound(() => []);
    const close = ranked.filter((x) => ranked[0].score - x.score <= this.margin + 1e-9);
    if (close.length > 1)
      return { kind: 'ambiguous', candidates: close.slice(0, this.maxCandidates).map((x) => x.resource), score: close[0].score };
    return { kind: 'match', resource: close[0].resource, score: close[0].score, ...fuzzy(close[0]) };
  }

  /** The EBS volumes of a volume (itself) or an instance (attached to it). */
  private volumesOf(r: Resource): string[] {
    if (r.type === 'ebs-volume') return [r.id];
    if (r.type !== 'ec2-instance' && r.type !== 'ssm-instance') return [];
    const listed = Array.isArray(r.facts.volumes) ? (r.facts.volumes as unknown[]).filter((v): v is string => typeof v === 'string') : [];
    if (listed.length) return listed;
    return this.inventory
      .all('ebs-volume')
      .filter((v) => v.account === r.account && v.region === r.region && ((v.facts.attachedTo as string[] | null) ?? []).includes(r.id))
      .map((v) => v.id);
  }

  /**
   * "the postgres database", "the mysql db": a word the best match's name shares with its own engine (pg-staging,
   * mysql-staging) says what it is, not which one; every resource with that engine is as much meant, however short its
   * name. When the query's words are only such facts (and words its name does not have, like "prod" of a tag), the
   * resources with the same facts are the candidates: a question, never the shortest name silently.
   */
  private sameFact(query: string, type: ResourceType | 'any', best: Ranked): Ranked[] | undefined {
    if (best.tier !== 'fuzzy') return undefined;
    const facts = factWords(best.resource);
    if (!facts.length) return undefined;
    const q = this.inventory.parse(query);
    // Only a query made of such words: any other word ("main", a typo of it, "prod" of a tag) may be what singles one out.
    if (!q.required.length || !q.required.every((w) => facts.includes(w))) return undefined;
    const factual = q.required;
    const mates = this.inventory
      .search(query, { type, limit: 60, minScore: this.minScore })
      .filter((x) => !x.otherNumber && factual.every((w) => factWords(x.resource).includes(w)));
    return mates.length > 1 ? mates : undefined;
  }

  private namesAnotherKind(query: string, type: ResourceType): boolean {
    const allowed = typesFor(type);
    if (!allowed) return false;
    return this.inventory.search(query, { type: 'any', limit: 5, exactOnly: true }).some((x) => !allowed.has(x.resource.type));
  }

  /**
   * Names to offer when nothing matched: a confident match of another type first ("pg-instance-main1
   * (rds-instance)" when an EC2 instance was asked for), then the best of the rest.
   */
  private nearest(query: string, type: ResourceType | 'any', ranked: Ranked[]): string[] {
    const names: string[] = [];
    if (type !== 'any') {
      for (const x of this.inventory.search(query, { type: 'any', limit: 10, minScore: this.minScore, within: this.margin })) {
        if (names.length >= 2 || x.score < this.minScore) break;
        // Another kind only when it is the very name, or nothing of the kind asked for is near.
        const surely = x.tier === 'id' || x.tier === 'name' || (!ranked.length && !x.otherNumber && !x.unexplained);
        if (surely && x.resource.type !== type && !names.some((n) => n.startsWith(`${x.resource.name} (`)))
          names.push(`${x.resource.name} (${x.resource.type})`);
      }
    }
    const same = ranked.length ? ranked.map((x) => x.resource.name) : this.inventory.nearest(query, type);
    for (const n of same) if (names.length < 3 && !names.includes(n)) names.push(n);
    return names;
  }

  async resolve(query: string, type: ResourceType | 'any', options: ResolveOptions = {}): Promise<Resolution> {
    const decided = this.decide(query, type, options);
    if (decided.kind === 'none') return this.withUnscanned(decided, type);
    if (decided.kind !== 'match' || !this.freshOnMatch) return decided;
    let fresh: Resource | undefined;
    try {
      fresh = await this.reread(decided.resource, options.requestId);
    } catch {
      return decided; // The cloud is unreachable now: plan on the cache; the re-read before acting still guards.
    }
    if (!fresh) {
      const gone = this.inventory.goneResource(decided.resource);
      if (gone) return { kind: 'none', nearest: [], gone: goneSentence(gone) };
      return notFound(() =>
        this.rank(query, type, 4)
          .map((x) => x.resource.name)
          .filter((n) => n !== decided.resource.name)
          .slice(0, 3),
      );
    }
    return { ...decided, resource: fresh };
  }

  /** The resources a fleet selector names ("the kafka brokers", "web-prod-1 web-prod-2"), from the inventory. */
  resolveSet(selector: FleetSelector, type: ResourceType | 'any'): Promise<ResolvedSet> {
    return resolveSet(this.inventory, (name, t) => this.resolve(name, t), selector, type);
  }

  /** "Not found" is only the truth where the scans worked: name the slices that could not be scanned. */
  private withUnscanned(none: Extract<Resolution, { kind: 'none' }>, type: ResourceType | 'any'): Resolution {
    const unscanned = unscannedFor(this.inventory.failures, type);
    // Set on the (fresh) answer rather than copied: a copy would work out its nearest names now.
    if (unscanned.length) none.unscanned = unscanned;
    return none;
  }

  /**
   * The resource as it is now, or undefined when it no longer exists, including a terminated instance
   * AWS still lists (it becomes a tombstone in the inventory: nothing acts on it).
   */
  async reread(r: Resource, requestId?: string): Promise<Resource | undefined> {
    let fresh: Resource | undefined;
    try {
      fresh = await rereadResource(this.provider, r, requestId);
    } catch (e) {
      // The re-check before acting reaches chat: AWS's words (AssumeRole denied, unreachable, no
      // credentials) become what to change, naming the account and role.
      const why = explainCloudError(e);
      if (!why) throw e;
      throw new ExplainedError(
        `I could not re-read ${r.name} (${r.accountAlias ?? r.account}/${r.region}) from AWS before acting, so nothing was run. ${why}`,
        { cause: e },
      );
    }
    if (fresh) this.inventory.replace(fresh);
    else this.inventory.remove(r);
    return fresh && !isGone(fresh) ? fresh : undefined;
  }
}

/**
 * "Not found", with the nearest names worked out only when read: a plan tries several playbooks and
 * most answers are never shown, and at 100k resources the nearest names are the costly part.
 */
function notFound(nearest: () => string[]): Extract<Resolution, { kind: 'none' }> {
  let names: string[] | undefined;
  const none = { kind: 'none' } as Extract<Resolution, { kind: 'none' }>;
  Object.defineProperty(none, 'nearest', {
    enumerable: true,
    configurable: true,
    get: () => (names ??= nearest()),
    set: (v: string[]) => (names = v),
  });
  return none;
}

function fuzzy(x: Ranked): { fuzzy?: true } {
  return x.tier === 'id' || x.tier === 'name' ? {} : { fuzzy: true };
}

/** "the primary", "the master", "the writer": the database its replicas read from; "the replica", "the reader": one that reads. */
const PRIMARY = /(?<![\w-])(?:primary|master|writer|source)(?![\w-])/i;
const REPLICA = /(?<![\w-])(?:replica|reader|read\s+replica)(?![\w-])/i;
const ROLE_WORD = /^(?:primary|master|writer|replicas?|reader)$/;

/**
 * Among candidates as close as each other, the role said picks ("reboot the primary postgres": the one with read
 * replicas; "the postgres replica": the one that is a replica). A role no candidate has changes nothing.
 */
function saysRole(query: string): boolean {
  return PRIMARY.test(query) !== REPLICA.test(query);
}

function byRole(query: string, close: Ranked[]): Ranked[] {
  if (close.length < 2) return close;
  // A name typed whole is that resource, whatever its role.
  if (close[0].tier === 'id' || close[0].tier === 'name') return close;
  const primary = PRIMARY.test(query);
  const replica = REPLICA.test(query);
  if (primary === replica) return close;
  const isReplica = (r: Ranked) => !!r.resource.facts.replicaSource;
  const hasReplicas = (r: Ranked) => Array.isArray(r.resource.facts.readReplicas) && r.resource.facts.readReplicas.length > 0;
  const picked = close.filter((x) => (primary ? hasReplicas(x) : isReplica(x)));
  return picked.length ? picked : close;
}

import { randomBytes, randomUUID } from 'node:crypto';
import { CloudError, type EC2, type RDS, type SSM } from '../provider';
import type { Estate, RegionEstate } from './estate';
import { keepEstateTime } from './estate-time';

/** The mutable in-memory estate the sandbox services act on. */
export class SandboxState {
  readonly commands = new Map<string, { input: SSM.SendCommandCommandInput; polls: number }>();
  readonly automations = new Map<string, { input: SSM.StartAutomationExecutionCommandInput; polls: number }>();
  /** Snapshots made while the bot runs, by account/region: EBS ones complete, RDS ones become available on the next describe. */
  readonly ebsSnapshots = new Map<string, EC2.Snapshot[]>();
  readonly dbSnapshots = new Map<string, RDS.DBSnapshot[]>();
  private requests = 0;
  /** Id -> item maps over the estate's lists, built on first lookup and again when a list changes length. */
  private readonly lookups = new WeakMap<object[], Map<string, { size: number; by: Map<string, object> }>>();

  /** The UTC day the estate's dates were last brought to (estates with `asOf`). */
  private day?: string;

  /**
   * `now`: the estate's clock (when instances were terminated, which day is today); tests hand in a fake one.
   * An estate with `asOf` is moved to the clock's day at once, and again when the day changes.
   */
  constructor(
    readonly estate: Estate,
    readonly now: () => Date = () => new Date(),
  ) {
    this.keepTime();
  }

  /**
   * Keep an `asOf` estate on today: its dates move with the clock's day (cheap when the day is unchanged), so
   * a bot left running for days still shows costs up to yesterday. Called on every service the provider hands out.
   */
  keepTime(): void {
    if (!this.estate.asOf) return;
    const now = this.now();
    const day = now.toISOString().slice(0, 10);
    if (day === this.day) return;
    this.day = day;
    keepEstateTime(this.estate, now);
  }

  region(account: string, region: string): RegionEstate {
    const acct = this.estate.accounts.find((a) => a.id === account);
    if (!acct) throw new CloudError('AuthFailure', `The sandbox estate has no account ${account}.`);
    const r = acct.regions[region];
    if (!r) throw new CloudError('UnrecognizedClientException', `The sandbox estate has no region ${region} in account ${account}.`);
    return r;
  }

  /** The snapshot list of one account/region (created on first use). */
  snapshots<T>(map: Map<string, T[]>, account: string, region: string, seed?: T[]): T[] {
    const key = `${account}/${region}`;
    let list = map.get(key);
    // The estate's own snapshots (ebsSnapshots) are the list: made and deleted ones change it in place.
    if (!list) map.set(key, (list = seed ?? []));
    return list;
  }

  /**
   * The item of `list` whose `field` is `id`, through an index: a 100k-resource sandbox made every
   * describe of one instance a linear search. Items are changed in place (never replaced), so the index
   * holds until the list grows or shrinks.
   */
  lookup<T extends object>(list: T[], field: keyof T & string, id: string | undefined): T | undefined {
    if (id === undefined) return undefined;
    let byField = this.lookups.get(list);
    if (!byField) this.lookups.set(list, (byField = new Map()));
    let index = byField.get(field);
    if (!index || index.size !== list.length) {
      const by = new Map<string, object>();
      for (const item of list) {
        const key = item[field];
        if (typeof key === 'string' && !by.has(key)) by.set(key, item);
      }
      byField.set(field, (index = { size: list.length, by }));
    }
    const hit = index.by.get(id) as T | undefined;
    return hit && hit[field] === id ? hit : undefined;
  }

  nextRequestId(): string {
    this.requests += 1;
    return `sandbox-${String(this.requests).padStart(6, '0')}`;
  }

  nextHex(n: number): string {
    return randomBytes(Math.ceil(n / 2))
      .toString('hex')
      .slice(0, n);
  }

  uuid(): string {
    return randomUUID();
  }
}

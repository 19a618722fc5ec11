import type { Logger } from '../../core';

/** The one Web API call this needs (usergroups.users.list), so tests and the adapter can hand it in. */
export type GroupMembers = (groupId: string) => Promise<string[]>;

interface Entry {
  at: number;
  members: Promise<Set<string>>;
}

/**
 * Which of the user groups the approval policy names (S… ids) a Slack user belongs to. Only those
 * groups are looked up, each at most once per TTL; concurrent lookups share one call. A failed
 * lookup counts as "not a member" (deny by default) and is retried after a short pause.
 */
export class UserGroups {
  private readonly cache = new Map<string, Entry>();

  constructor(
    private readonly options: {
      groups: string[];
      members: GroupMembers;
      now: () => number;
      log: Logger;
      ttlMs?: number;
      failureTtlMs?: number;
    },
  ) {}

  get watched(): string[] {
    return this.options.groups;
  }

  async groupsOf(userId: string): Promise<string[]> {
    const out: string[] = [];
    for (const group of this.options.groups) {
      if ((await this.membersOf(group)).has(userId)) out.push(group);
    }
    return out;
  }

  private membersOf(group: string): Promise<Set<string>> {
    const now = this.options.now();
    const hit = this.cache.get(group);
    if (hit && now - hit.at < (this.options.ttlMs ?? 5 * 60_000)) return hit.members;
    const members = this.options.members(group).then(
      (ids) => new Set(ids),
      (e: Error) => {
        this.options.log.warn(
          { group, err: e.message },
          'slack user group lookup failed; treating its members as not approvers until it works (check the usergroups:read scope)',
        );
        // Forget the failure sooner than a success, so a fixed scope takes effect quickly.
        const failureTtl = this.options.failureTtlMs ?? 30_000;
        this.cache.set(group, { at: now - (this.options.ttlMs ?? 5 * 60_000) + failureTtl, members: Promise.resolve(new Set()) });
        return new Set<string>();
      },
    );
    this.cache.set(group, { at: now, members });
    return members;
  }
}

import { UserGroups } from '../../../../src/chat/slack/UserGroups';
import { silentLog } from '../../../helpers/bot';

describe('UserGroups', () => {
  it('looks up only the policy groups, once per TTL, sharing concurrent lookups', async () => {
    let now = 0;
    const calls: string[] = [];
    const groups = new UserGroups({
      groups: ['S0ONCALL', 'S0DBA'],
      now: () => now,
      log: silentLog,
      ttlMs: 60_000,
      members: async (g) => (calls.push(g), g === 'S0ONCALL' ? ['U0CAROL'] : ['U0DAN', 'U0CAROL']),
    });
    const [a, b] = await Promise.all([groups.groupsOf('U0CAROL'), groups.groupsOf('U0DAN')]);
    expect(a).toEqual(['S0ONCALL', 'S0DBA']);
    expect(b).toEqual(['S0DBA']);
    expect(await groups.groupsOf('U0MALLORY')).toEqual([]);
    expect(calls).toEqual(['S0ONCALL', 'S0DBA']);
    now = 60_000;
    await groups.groupsOf('U0CAROL');
    expect(calls).toHaveLength(4);
  });

  it('treats a failed lookup as "not a member" and tries again soon', async () => {
    let now = 0;
    let fail = true;
    const groups = new UserGroups({
      groups: ['S0ONCALL'],
      now: () => now,
      log: silentLog,
      ttlMs: 300_000,
      failureTtlMs: 30_000,
      members: async () => {
        if (fail) throw new Error('missing_scope');
        return ['U0CAROL'];
      },
    });
    expect(await groups.groupsOf('U0CAROL')).toEqual([]);
    fail = false;
    now = 10_000;
    expect(await groups.groupsOf('U0CAROL')).toEqual([]);
    now = 31_000;
    expect(await groups.groupsOf('U0CAROL')).toEqual(['S0ONCALL']);
  });

  it('makes no calls when the policy names no groups', async () => {
    const groups = new UserGroups({
      groups: [],
      now: () => 0,
      log: silentLog,
      members: async () => {
        throw new Error('should not be called');
      },
    });
    expect(await groups.groupsOf('U0CAROL')).toEqual([]);
  });
});

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, parseConfig } from '../../../src/config';
import { tempDir } from '../../helpers/cli';

function load(yaml: string): string {
  const file = join(tempDir(), 'cloudops.yaml');
  writeFileSync(file, yaml);
  try {
    loadConfig(file, {});
    return 'loaded';
  } catch (e) {
    return (e as Error).message.replace(file, 'cloudops.yaml');
  }
}

const DIGEST = (schedule: string, timezone = 'Europe/Berlin', channel = '{ platform: slack, id: C0123ABCD }') => `
digests:
  - kind: cost
    schedule: "${schedule}"
    timezone: ${timezone}
    channel: ${channel}
`;

describe('digests config', () => {
  it('reads a list of digests with defaults for the time zone and options', () => {
    const c = parseConfig({
      digests: [{ kind: 'tags', schedule: '0 8 * * 1-5', channel: { platform: 'teams', id: '19:abc@thread.tacv2' } }],
    });
    expect(c.digests).toEqual([
      { kind: 'tags', schedule: '0 8 * * 1-5', timezone: 'UTC', channel: { platform: 'teams', id: '19:abc@thread.tacv2' }, options: {} },
    ]);
    expect(c.cost).toEqual({ anomalies: false, view: 'auto', metric: 'UnblendedCost', cacheTtl: '6h', top: 5 });
    expect(c.tagging).toEqual({ required: [{ key: 'owner' }, { key: 'environment' }], exemptions: [], ownerTag: 'owner' });
  });

  it('fails on an invalid cron schedule with one line naming the key, the line and the shape', () => {
    const message = load(DIGEST('0 25 * * *'));
    expect(message).toBe(
      'cloudops.yaml:4: `digests.0.schedule`: "0 25 * * *" is not a cron schedule (hour ' +
        '"25" is not valid); write minute hour day-of-month month day-of-week, e.g. "0 8 * * ' +
        '1-5" for 08:00 on weekdays',
    );
    expect(message.split('\n')).toHaveLength(1);
    expect(load(DIGEST('every morning'))).toContain('"every morning" is not a cron schedule (expected 5 or 6 fields but got 2)');
  });

  it('fails on an unknown time zone with one line', () => {
    expect(load(DIGEST('0 8 * * *', 'Europe/Berln'))).toBe(
      'cloudops.yaml:5: `digests.0.timezone`: "Europe/Berln" is not an IANA time zone; use ' +
        'a name like Europe/Berlin, America/New_York or UTC',
    );
  });

  it('checks that a Slack channel is a channel id, not a name', () => {
    expect(load(DIGEST('0 8 * * *', 'UTC', '{ platform: slack, id: "#finops" }'))).toContain(
      '`digests.0.channel.id`: "#finops" is not a Slack channel id',
    );
  });

  it('checks tagging patterns and cost options', () => {
    expect(load('tagging:\n  required:\n    - { key: cost-center, pattern: "CC-[" }\n')).toBe(
      'cloudops.yaml:3: `tagging.required.0.pattern`: not a valid regular expression (Unterminated character class)',
    );
    expect(load('cost:\n  view: by-region\n')).toBe('cloudops.yaml:2: `cost.view`: must be one of auto, total, per-account');
  });
});

/**
 * A digest kind defined only in this file, registered through the digest registry and nothing else,
 * is built by `cloudops digest <kind> --print`, answered in chat, posted by the scheduler and counted
 * in the IAM permissions. A kind nobody registered is a compile error and a config error.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { z } from 'zod';
import { digestCommand } from '../../src/cli/digest-command';
import { iamPolicyText } from '../../src/cli/iam-policy-command';
import { ConfigError, loadConfig } from '../../src/config';
import { defineDigest, DIGESTS, digestPermissions, type DigestKind, type Digests } from '../../src/digests';
import { buildBot, DEMO_ESTATE, PACKAGE_ROOT } from '../../src/main';
import { tempDir } from '../helpers/cli';
import { converse, FakeClock, silentLog, testBot } from '../helpers/bot';

const weather = defineDigest({
  kind: 'weather',
  title: 'Weather digest',
  description: 'the weather where the accounts are',
  words: ['weather', 'forecast'],
  permissions: ['ec2:DescribeRegions'],
  options: z.object({ city: z.string().min(1).default('Oslo') }).strict(),
  async build({ today, options, source }, on) {
    return {
      kind: 'digest',
      header: `Weather in ${options.city} on ${today}`,
      text: `${on.provider.accounts().length} account(s), asked from ${source}`,
    };
  },
});
const KINDS = { ...DIGESTS, weather };

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const stream = (into: string[]) =>
    Object.assign(new PassThrough(), { write: (s: string) => into.push(s) > 0 }) as unknown as NodeJS.WritableStream;
  return { out, err, streams: { output: stream(out), error: stream(err) } };
}

describe('the digest registry', () => {
  it('a kind registered from a test file is built by `cloudops digest <kind> --print`', async () => {
    const bot = await testBot({ digests: KINDS, clock: new FakeClock(new Date('2026-11-22T09:00:00Z')) });
    try {
      const { out, err, streams } = io();
      expect(await digestCommand(bot, 'weather', { print: true }, streams)).toBe(0);
      expect(out.join('')).toContain('Weather in Oslo on 2026-11-22');
      expect(out.join('')).toContain('asked from print');
      expect(err.join('')).toBe('');
      const unknown = io();
      expect(await digestCommand(bot, 'rain', { print: true }, unknown.streams)).toBe(2);
      expect(unknown.err.join('')).toBe(
        'cloudops digest: unknown digest "rain"; use `cloudops digest cost --print`, ' +
          '`cloudops digest tags --print`, `cloudops digest findings --print` or `cloudops ' +
          'digest weather --print`\n',
      );
    } finally {
      await bot.close();
    }
  });

  it('is posted by the scheduler on its schedule, with its own options, and answered in chat by its words', async () => {
    const config = {
      sandbox: {},
      digests: [{ kind: 'weather', schedule: '0 9 * * *', channel: { platform: 'console', id: 'ops' }, options: { city: 'Bergen' } }],
    };
    // Half a minute after the 09:00 run: the scheduler posts the run it finds unclaimed (catch-up) as it starts.
    const bot = await testBot({ config, digests: KINDS, clock: new FakeClock(new Date('2026-11-22T09:00:30Z')) });
    try {
      const said = await converse(bot, ['show me the forecast please']);
      expect(said).toContain('Weather in Bergen on 2026-11-22');
      expect(said).toContain('asked from scheduled');
      expect(said).toContain('Weather in Oslo on 2026-11-22');
      expect(said).toContain('asked from chat');
      const runs = await bot.store.query('SELECT kind, platform, channel, state FROM digest_runs');
      expect(runs).toEqual([{ kind: 'weather', platform: 'console', channel: 'ops', state: 'posted' }]);
    } finally {
      await bot.close();
    }
  });

  it("its IAM permissions join the policy's", () => {
    expect(digestPermissions(KINDS)).toEqual([
      'ce:GetCostAndUsage',
      'ce:GetCostForecast',
      'ce:GetAnomalies',
      'tag:GetResources',
      ...DIGESTS.findings.permissions,
      'ec2:DescribeRegions',
    ]);
    const policy = iamPolicyText(join(PACKAGE_ROOT, 'playbooks')).text;
    for (const action of digestPermissions()) expect(policy).toContain(`"${action}"`);
  });

  it('an unregistered kind in the config stops the start with the key, the line and the known kinds', async () => {
    const file = join(tempDir(), 'cloudops.yaml');
    writeFileSync(
      file,
      'sandbox: {}\ndigests:\n  - kind: weather\n    schedule: "0 9 * * *"\n    channel: { platform: console, id: ops }\n',
    );
    const loaded = loadConfig(file, {});
    const build = () => buildBot({ loaded, sandboxFile: DEMO_ESTATE, storePath: ':memory:', log: silentLog, trainingCache: false });
    await expect(build()).rejects.toThrow(ConfigError);
    await expect(build()).rejects.toThrow(`${file}:3: \`digests.0.kind\`: "weather" is not a digest kind; the kinds are cost, tags`);
  });

  it("options a kind does not take are a config error naming that kind's options", async () => {
    const digest = (kind: string, options: object) => ({
      sandbox: {},
      digests: [{ kind, schedule: '0 9 * * *', channel: { platform: 'console', id: 'ops' }, options }],
    });
    await expect(testBot({ config: digest('tags', { view: 'total' }) })).rejects.toThrow(
      'config: `digests.0.options.view`: the tags digest has no option `view` (its options: top)',
    );
    await expect(testBot({ config: digest('cost', { top: 99 }) })).rejects.toThrow(/`digests.0.options.top`: Too big/);
    await expect(testBot({ config: digest('weather', { city: '' }), digests: KINDS })).rejects.toThrow(/`digests.0.options.city`/);
  });

  it('every registered kind is keyed by its own id', () => {
    for (const [key, d] of Object.entries(DIGESTS)) expect(d.kind).toBe(key);
  });

  it('a kind the registry does not have is a compile error', () => {
    const typed = (digests: Digests) => {
      // @ts-expect-error 'weather' is not a DigestKind: nothing registered it in src/digests/registry.ts
      void digests.build('weather', { source: 'print' });
      // @ts-expect-error the union is the registry's keys
      const kind: DigestKind = 'forecast';
      const known: DigestKind[] = ['cost', 'tags', 'findings'];
      return [kind, known];
    };
    expect(typeof typed).toBe('function');
  });
});

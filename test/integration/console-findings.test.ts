import { SANDBOX_DEMO_CONFIG } from '../../src/config';
import { SandboxProvider } from '../../src/cloud';
import { converse, FakeClock, testBot } from '../helpers/bot';

const clock = () => new FakeClock(new Date('2026-11-22T09:00:00Z'));

/**
 * A fresh bot on the demo estate, driven through `lines` in one console session. Console buttons are
 * numbered across a session, so a test finds a number in one session and replays the lines with it in the next.
 */
async function session(lines: string[]) {
  const bot = await testBot({ config: SANDBOX_DEMO_CONFIG, clock: clock() });
  const out = await converse(bot, lines);
  return { bot, out, provider: bot.provider as SandboxProvider };
}

function button(out: string, label: RegExp): string {
  const m = new RegExp(`\\[(\\d+)\\] ${label.source}`).exec(out);
  if (!m) throw new Error(`no button ${label} in:\n${out}`);
  return m[1];
}

describe('findings in the console, on the demo estate', () => {
  it('`findings` posts the digest: worst first, the money, a Fix button each, the request counts', async () => {
    const bot = await testBot({ config: SANDBOX_DEMO_CONFIG, clock: clock() });
    const out = await converse(bot, ['findings']);
    expect(out).toContain('== Findings: ');
    expect(out).toMatch(/Estimated savings \$[\d,]+\.\d\d\/month \(on-demand price table of 2024-06-01\)/);
    // End of standard support first (high), then the biggest savings.
    const high = out.indexOf('[high] billing-db-prod');
    const unattached = out.indexOf('[medium] old-kafka-data-2');
    expect(high).toBeGreaterThan(0);
    expect(unattached).toBeGreaterThan(high);
    expect(out).toContain('mysql 8.0.39: major version 8.0 left RDS standard support on 2026-07-31');
    expect(out).toContain(
      'Unattached gp3 volume of 2000 GB, billed in full. Delete it (a snapshot is taken first). *Saves ~$160.00/month.*',
    );
    expect(out).toMatch(/\[\d+\] Fix: old-kafka-data-2/);
    expect(out).toMatch(/Requests beyond the inventory: RDS \d+, S3 \d+, CloudWatch \d+, EC2 \d+/);
    bot.close();
  });

  it('Fix on an unattached volume opens the plan card; after approval it is snapshotted, deleted, and leaves the digest', async () => {
    const probe = await session(['findings']);
    const fix = button(probe.out, /Fix: old-kafka-data-2/);
    probe.bot.close();
    const { bot, out: planned, provider } = await session(['findings', fix]);
    const card = planned.slice(planned.indexOf('== Plan'));
    expect(card).toContain('== Plan: Delete an unattached EBS volume (snapshot first) ==');
    expect(card).toContain('volume: old-kafka-data-2 (vol-0436690bba2febcba');
    expect(card).toContain('skip_snapshot: false');
    expect(card).toContain('[!! CRITICAL RISK !!]');
    const region = () => provider.state.region('111111111111', 'us-west-2');
    // Nothing happened yet: the volume is still there.
    expect(region().ebsVolumes.some((v) => v.VolumeId === 'vol-0436690bba2febcba')).toBe(true);
    const id = /request (req-\d+)/.exec(card)![1];
    const run = await converse(bot, ['/as bob', `approve ${id}`, '/as carol', `approve ${id}`, '/as alice', 'findings']);
    expect(run).toMatch(/snapshot snap-[0-9a-f]+ of vol-0436690bba2febcba started/);
    expect(run).toContain('vol-0436690bba2febcba deleted');
    expect(region().ebsVolumes.some((v) => v.VolumeId === 'vol-0436690bba2febcba')).toBe(false);
    expect(region().ebsSnapshots!.some((s) => s.VolumeId === 'vol-0436690bba2febcba' && s.Tags?.some((t) => t.Key === 'created-by'))).toBe(
      true,
    );
    const last = run.slice(run.lastIndexOf('alice> findings'));
    expect(last).toContain('== Findings: ');
    expect(last).not.toContain('old-kafka-data-2 (vol-0436690bba2febcba, EBS volume');
    bot.close();
  });

  it('snooze puts a resource aside with a reason, in the audit trail; bad input says why and records nothing', async () => {
    // Every finding in the chat digest (top 50), so the volume's absence and return are both visible.
    const bot = await testBot({ config: { ...SANDBOX_DEMO_CONFIG, findings: { top: 50 } }, clock: clock() });
    const out = await converse(bot, [
      'snooze ml-dataset-scratch for 14 days because restore test on Friday',
      'snooze nosuch-volume because whatever',
      'snooze ml-dataset-scratch',
      'snooze ml-dataset-scratch not-a-rule because x',
      'findings',
    ]);
    expect(out).toContain(
      'Snoozed findings on ml-dataset-scratch (vol-013ab1c9581fe2b40, staging/us-east-1) until 2026-12-06: restore test on Friday.',
    );
    expect(out).toContain('I know no resource called "nosuch-volume"');
    expect(out).toContain('A snooze needs a reason');
    expect(out).toContain('"not-a-rule" is not a findings rule; the rules are');
    expect(out).not.toContain('ml-dataset-scratch (vol-013ab1c9581fe2b40, EBS volume');
    // Both of its findings (unattached, and its missing tags) are put aside.
    expect(out).toContain('2 findings snoozed');
    const snoozes = (await bot.audit.list()).filter((r) => r.kind === 'snooze');
    expect(snoozes).toHaveLength(1);
    expect(snoozes[0]).toMatchObject({
      actor: 'console:alice',
      data: {
        action: 'snooze',
        rule: '*',
        name: 'ml-dataset-scratch',
        reason: 'restore test on Friday',
        until: '2026-12-06T09:00:00.000Z',
      },
    });
    const back = await converse(bot, ['unsnooze ml-dataset-scratch', 'findings']);
    expect(back).toContain('ml-dataset-scratch is back in the findings digest.');
    expect(back).toContain('ml-dataset-scratch (vol-013ab1c9581fe2b40, EBS volume');
    bot.close();
  });

  it('Fix on a gp2 volume changes it to gp3 online', async () => {
    const first = await session(['findings']);
    const showAll = button(first.out, /Show all/);
    first.bot.close();
    const all = await session(['findings', showAll]);
    const fix = button(all.out, /Fix: batch-legacy-east-data/);
    all.bot.close();
    const planned = await session(['findings', showAll, fix]);
    const card = planned.out.slice(planned.out.indexOf('== Plan'));
    expect(card).toContain('== Plan: Change an EBS volume to gp3 ==');
    expect(card).toContain('[low risk]');
    const run = button(card, /Run/);
    planned.bot.close();
    const { bot, out, provider } = await session(['findings', showAll, fix, run]);
    expect(out).toContain('vol-020623c7d35d13575: gp2 -> gp3');
    expect(
      provider.state.region('111111111111', 'us-east-1').ebsVolumes.find((v) => v.VolumeId === 'vol-020623c7d35d13575')?.VolumeType,
    ).toBe('gp3');
    bot.close();
  });

  it('Fix on an old snapshot (not in the inventory) re-reads it with DescribeSnapshots, plans, and deletes it', async () => {
    const first = await session(['findings']);
    const showAll = button(first.out, /Show all/);
    first.bot.close();
    const all = await session(['findings', showAll]);
    expect(all.out).toContain(
      'snap-07a9e35b1c2d4f680 (EBS snapshot, production/us-west-2): Snapshot of vol-08dc8b00070d08a79 (50 GB) taken 2025-11-02',
    );
    const fix = button(all.out, /Fix: snap-07a9e35b1c2d4f680/);
    all.bot.close();
    const planned = await session(['findings', showAll, fix]);
    const card = planned.out.slice(planned.out.indexOf('== Plan'));
    expect(card).toContain('== Plan: Delete an old EBS snapshot ==');
    expect(card).toContain('snapshot: snap-07a9e35b1c2d4f680');
    const id = /request (req-\d+)/.exec(card)![1];
    const { bot, provider } = planned;
    const run = await converse(bot, ['/as bob', `approve ${id}`]);
    expect(run).toContain('snap-07a9e35b1c2d4f680 deleted');
    expect(provider.state.region('111111111111', 'us-west-2').ebsSnapshots!.some((s) => s.SnapshotId === 'snap-07a9e35b1c2d4f680')).toBe(
      false,
    );
    bot.close();
  });
});

describe('Lambda runtime and public S3 findings in the console, on the demo estate', () => {
  it(
    'a deprecated runtime is named with its date and no Fix button; Fix on the public ' +
      'bucket opens the block-public-access plan, and after approval it leaves the digest',
    async () => {
      const probe = await session(['findings']);
      expect(probe.out).toContain(
        '[high] image-resizer (Lambda function, production/us-west-2): Runtime nodejs16.x was deprecated on 2024-06-12',
      );
      expect(probe.out).toContain('Upgrade the runtime to nodejs24.x');
      expect(probe.out).not.toMatch(/Fix: image-resizer/);
      expect(probe.out).toContain(
        '[high] acme-prod-logs (S3 bucket, production/us-west-2): Public by its bucket policy, with no public access block',
      );
      const fix = button(probe.out, /Fix: acme-prod-logs/);
      probe.bot.close();
      const { bot, out: planned, provider } = await session(['findings', fix]);
      const card = planned.slice(planned.indexOf('== Plan'));
      expect(card).toContain('== Plan: Block public access to an S3 bucket ==');
      expect(card).toContain('acme-prod-logs is public now');
      const bucket = () => provider.state.region('111111111111', 'us-west-2').s3Buckets.find((b) => b.Name === 'acme-prod-logs')!;
      expect(bucket().PublicAccessBlockConfiguration).toBeUndefined();
      const id = /request (req-\d+)/.exec(card)![1];
      const run = await converse(bot, ['/as bob', `approve ${id}`, '/as carol', `approve ${id}`, '/as alice', 'findings']);
      expect(bucket().PublicAccessBlockConfiguration).toEqual({
        BlockPublicAcls: true,
        IgnorePublicAcls: true,
        BlockPublicPolicy: true,
        RestrictPublicBuckets: true,
      });
      const last = run.slice(run.lastIndexOf('alice> findings'));
      expect(last).toContain('== Findings: ');
      expect(last).not.toContain('acme-prod-logs (S3 bucket');
      bot.close();
    },
  );
});

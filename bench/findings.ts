/**
 * `npm run bench:findings`: the findings digest on a synthetic estate (10k resources by default): build
 * time (every rule, the tag check, sorting, the message) and the requests it makes beyond the inventory.
 */
import { SandboxProvider } from '../src/cloud';
import { parseConfig } from '../src/config';
import { FindingsDigest } from '../src/digests';
import { TagPolicy } from '../src/digests/tagging/policy';
import { DEFAULT_THRESHOLDS } from '../src/findings';
import { Inventory } from '../src/inventory';
import { rng, syntheticEstate } from './synthetic-estate';

async function main(): Promise<void> {
  const size = Number(process.argv[2] ?? 10_000);
  const { estate, resources } = syntheticEstate(size, { accounts: 2, seed: 17 });
  const r = rng(5);
  // CloudWatch CPU for every running instance (one in ten idle), a few old snapshots, engine lifecycles.
  for (const a of estate.accounts) {
    for (const region of Object.values(a.regions)) {
      region.cpuUtilizationP95 = Object.fromEntries(
        region.ec2Instances.filter((i) => i.State?.Name === 'running').map((i) => [i.InstanceId!, r() < 0.1 ? r() * 4 : 5 + r() * 80]),
      );
      for (const d of region.rdsInstances) d.EngineVersion ??= d.Engine === 'mysql' ? '8.0.36' : d.Engine === 'mariadb' ? '16.1' : '16.4';
      region.ebsSnapshots = region.ebsVolumes.slice(0, 50).map((v, n) => ({
        SnapshotId: `snap-0${n.toString(16).padStart(16, '0')}`,
        VolumeId: v.VolumeId,
        VolumeSize: v.Size,
        State: 'completed',
        StartTime: new Date(Date.now() - (30 + n * 5) * 86_400_000),
        OwnerId: a.id,
      }));
    }
  }
  estate.rdsMajorEngineVersions = ['postgres', 'mysql', 'mariadb', 'aurora-postgresql'].map((Engine) => ({
    Engine,
    MajorEngineVersion: Engine === 'mysql' ? '8.0' : '16',
    SupportedEngineLifecycles: [
      {
        LifecycleSupportName: 'open-source-rds-standard-support',
        LifecycleSupportStartDate: new Date('2020-01-01'),
        LifecycleSupportEndDate: new Date(Engine === 'mysql' ? '2026-07-31' : '2029-02-28'),
      },
    ],
  }));
  const provider = new SandboxProvider(estate, 'synthetic');
  const inventory = await Inventory.scan(provider);
  const config = parseConfig({});
  const digest = new FindingsDigest({
    provider,
    inventory,
    config: { ...DEFAULT_THRESHOLDS, snoozeDays: 30, top: 10 },
    tagPolicy: new TagPolicy(config.tagging),
    clock: { now: () => new Date() },
  });
  const times: number[] = [];
  let last;
  for (let i = 0; i < 7; i++) {
    const t = process.hrtime.bigint();
    last = await digest.build();
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  times.sort((a, b) => a - b);
  const byRule: Record<string, number> = {};
  for (const f of last!.report.findings) byRule[f.rule] = (byRule[f.rule] ?? 0) + 1;
  console.log(
    JSON.stringify(
      {
        resources: inventory.size,
        synthetic: resources,
        findings: last!.report.findings.length,
        byRule,
        requests: last!.report.requests,
        buildMs: { median: Math.round(times[3]), min: Math.round(times[0]), max: Math.round(times[6]) },
      },
      null,
      2,
    ),
  );
}

void main();

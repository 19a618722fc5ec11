import type { CloudProvider } from '../cloud';
import type { Resource, ResourceType } from '../core/resource';
import { fromEbsVolume, fromEc2Instance, fromRdsInstance } from './normalize';

export interface ScanFailure {
  account: string;
  region: string;
  scanner: string;
  error: string;
}

/**
 * The resources the bot knows about, across accounts and regions. First version: a full scan into
 * memory; the scheduled, cached, per-scanner version replaces the `scan` function, not this shape.
 */
export class Inventory {
  constructor(private resources: Resource[] = [], readonly failures: ScanFailure[] = []) {}

  static async scan(provider: CloudProvider): Promise<Inventory> {
    const found: Resource[] = [];
    const failures: ScanFailure[] = [];
    await Promise.all(
      provider.accounts().flatMap((acct) =>
        acct.regions.map(async (region) => {
          const scope = { account: acct.id, accountAlias: acct.alias, region };
          const target = { account: acct.id, region };
          const run = async (scanner: string, fn: () => Promise<Resource[]>) => {
            try {
              found.push(...(await fn()));
            } catch (e) {
              failures.push({ account: acct.id, region, scanner, error: (e as Error).message });
            }
          };
          await run('ec2', async () => {
            const ssm = await provider.ssm(target).describeInstanceInformation({});
            const byId = new Map((ssm.InstanceInformationList ?? []).map((s) => [s.InstanceId, s]));
            const out = await provider.ec2(target).describeInstances({});
            return (out.Reservations ?? []).flatMap((r) => r.Instances ?? []).map((i) => fromEc2Instance(i, scope, byId.get(i.InstanceId)));
          });
          await run('ebs', async () => ((await provider.ec2(target).describeVolumes({})).Volumes ?? []).map((v) => fromEbsVolume(v, scope)));
          await run('rds', async () => ((await provider.rds(target).describeDBInstances({})).DBInstances ?? []).map((d) => fromRdsInstance(d, scope)));
        }),
      ),
    );
    found.sort((a, b) => a.account.localeCompare(b.account) || a.region.localeCompare(b.region) || a.id.localeCompare(b.id));
    return new Inventory(found, failures);
  }

  all(type?: ResourceType | 'any'): Resource[] {
    if (!type || type === 'any') return this.resources;
    // An SSM-managed instance is an EC2 instance with an agent: Run Command parameters take EC2 instances.
    if (type === 'ssm-instance') return this.resources.filter((r) => r.type === 'ec2-instance');
    if (type === 'taggable') return this.resources;
    return this.resources.filter((r) => r.type === type);
  }

  replace(resource: Resource): void {
    const i = this.resources.findIndex((r) => r.id === resource.id && r.account === resource.account && r.region === resource.region);
    if (i >= 0) this.resources[i] = resource;
    else this.resources.push(resource);
  }

  remove(resource: Resource): void {
    this.resources = this.resources.filter((r) => !(r.id === resource.id && r.account === resource.account && r.region === resource.region));
  }

  get size(): number {
    return this.resources.length;
  }
}

import type { Resource } from '../../core';
import { fromEc2Instance, ssmFacts } from '../normalize';
import { ec2Instances } from '../scanners/ec2-instances';
import { fleetPrefix, inRegion, names, optional, pick, sameScope, strings } from './checks';
import { defineKind } from './ResourceKind';

export const ec2Instance = defineKind({
  type: 'ec2-instance',
  label: 'EC2 instance',
  article: 'an',
  words: ['ec2', 'instance', 'server', 'box', 'vm', 'machine', 'host'],
  hint: {
    family: 'ec2',
    nouns: [
      'ec2',
      'instance',
      'instances',
      'server',
      'servers',
      'box',
      'boxes',
      'vm',
      'vms',
      'host',
      'hosts',
      'machine',
      'machines',
      'node',
      'nodes',
    ],
  },
  scanner: ec2Instances,
  facts: {
    instanceType: 'instance type (m5.large)',
    platform: 'platform details (Linux/UNIX, Windows)',
    rootDeviceType: 'ebs or instance-store',
    terminationProtection: 'DisableApiTermination (re-read before acting)',
    availabilityZone: 'placement zone',
    privateIp: 'private IPv4 address',
    volumes: 'attached EBS volume ids',
    ssmPingStatus: 'SSM agent ping status (Online, ConnectionLost), null when not managed',
    ssmAgentVersion: 'SSM agent version',
    ssmPlatform: 'platform SSM reports',
    ssmLastPing: 'last SSM ping (ISO time)',
    terminatedAt: 'when a terminated instance went (ISO time)',
  },
  searchFacts: ['platform'],
  permissions: ['ec2:DescribeInstances', 'ec2:DescribeInstanceAttribute', 'ssm:DescribeInstanceInformation'],
  sandbox: { service: 'ec2', estateKey: 'ec2Instances' },
  goneStates: ['terminated', 'shutting-down'],
  async reread({ provider, target, scope }, r) {
    const ec2 = provider.ec2(target);
    const reservations = (await ec2.describeInstances({ InstanceIds: [r.id] })).Reservations ?? [];
    const owned = reservations.filter((x) => !x.OwnerId || x.OwnerId === r.account);
    const i = owned
      .flatMap((x) => x.Instances ?? [])
      .find((x) => x.InstanceId === r.id && inRegion(x.Placement?.AvailabilityZone, r.region));
    if (!i) return undefined;
    const [ssm, protection] = await Promise.all([
      optional(
        async () =>
          (
            await provider.ssm(target).describeInstanceInformation({ Filters: [{ Key: 'InstanceIds', Values: [r.id] }] })
          ).InstanceInformationList?.find((x) => x.InstanceId === r.id) ?? null,
      ),
      optional(async () => {
        const out = await ec2.describeInstanceAttribute({ InstanceId: r.id, Attribute: 'disableApiTermination' });
        // An answer about another instance says nothing about this one.
        return out.InstanceId && out.InstanceId !== r.id ? undefined : (out.DisableApiTermination?.Value ?? false);
      }),
    ]);
    const fresh = fromEc2Instance(i, scope, ssm ?? undefined);
    fresh.facts.terminationProtection = protection === undefined ? (r.facts.terminationProtection ?? null) : protection;
    if (ssm === undefined) Object.assign(fresh.facts, pick(r.facts, Object.keys(ssmFacts(undefined))));
    return fresh;
  },
  dependents(r, estate) {
    const out: string[] = [];
    if (!estate) return out;
    const label = (id: string) => estate.withId(id).find((o) => sameScope(o, r))?.name ?? id;
    const peers = r.name === r.id || !fleetPrefix(r.name) ? [] : estate.fleetOf(r).filter((o: Resource) => o.id !== r.id);
    if (peers.length) {
      const running = peers.filter((p) => p.state === 'running').length;
      out.push(
        `other instances named ${fleetPrefix(r.name)}-N: ${names(peers.map((p) => p.name))} (${running} of ${peers.length} running)`,
      );
    }
    const volumes = strings(r.facts.volumes);
    if (volumes.length) out.push(`attached EBS volume${volumes.length > 1 ? 's' : ''}: ${names(volumes.map(label))}`);
    return out;
  },
});

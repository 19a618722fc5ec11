import { fromSsmInstance } from '../normalize';
import { ssmInstances } from '../scanners/ssm-instances';
import { defineKind } from './ResourceKind';

/** What SSM manages: Run Command playbooks take these, and EC2 instances (an SSM-managed instance is one with an agent). */
export const ssmInstance = defineKind({
  type: 'ssm-instance',
  label: 'SSM managed instance',
  article: 'an',
  words: ['ssm', 'managed', 'instance', 'server', 'box', 'vm', 'machine', 'host'],
  hint: { family: 'ec2' },
  scanner: ssmInstances,
  facts: {
    ssmPingStatus: 'agent ping status',
    ssmAgentVersion: 'agent version',
    ssmPlatform: 'platform',
    ssmLastPing: 'last ping',
    platform: 'platform name',
    resourceType: 'EC2Instance or ManagedInstance',
    computerName: 'host name',
  },
  searchFacts: ['platform'],
  permissions: ['ssm:DescribeInstanceInformation'],
  sandbox: { service: 'ssm', estateKey: 'ssmInstances' },
  accepts: ['ec2-instance'],
  async reread({ provider, target, scope }, r) {
    const s = (
      await provider.ssm(target).describeInstanceInformation({ Filters: [{ Key: 'InstanceIds', Values: [r.id] }] })
    ).InstanceInformationList?.find((x) => x.InstanceId === r.id);
    return s && fromSsmInstance(s, scope);
  },
});

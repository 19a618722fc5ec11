import { fromEbsVolume } from '../normalize';
import { ebsVolumes } from '../scanners/ebs-volumes';
import { inRegion, names, sameScope, strings } from './checks';
import { defineKind } from './ResourceKind';

export const ebsVolume = defineKind({
  type: 'ebs-volume',
  label: 'EBS volume',
  article: 'an',
  words: ['ebs', 'volume', 'disk'],
  hint: { family: 'volume', nouns: ['ebs', 'volume', 'volumes'] },
  scanner: ebsVolumes,
  facts: { size: 'size in GiB', volumeType: 'gp3, io2, ...', attachedTo: 'instance ids it is attached to', encrypted: 'encrypted at rest' },
  permissions: ['ec2:DescribeVolumes'],
  sandbox: { service: 'ec2', estateKey: 'ebsVolumes' },
  async reread({ provider, target, scope }, r) {
    const v = (await provider.ec2(target).describeVolumes({ VolumeIds: [r.id] })).Volumes?.find(
      (x) => x.VolumeId === r.id && inRegion(x.AvailabilityZone, r.region),
    );
    return v && fromEbsVolume(v, scope);
  },
  dependents(r, estate) {
    const label = (id: string) => estate?.withId(id).find((o) => sameScope(o, r))?.name ?? id;
    const attached = strings(r.facts.attachedTo);
    return attached.length ? [`${r.name} is attached to ${names(attached.map(label))}`] : [];
  },
});

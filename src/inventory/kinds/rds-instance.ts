import { fromRdsInstance } from '../normalize';
import { rdsInstances } from '../scanners/rds-instances';
import { names, sameArn, sameName, sameScope, strings } from './checks';
import { defineKind } from './ResourceKind';

export const rdsInstance = defineKind({
  type: 'rds-instance',
  label: 'RDS instance',
  article: 'an',
  words: ['rds', 'db', 'instance'],
  hint: { family: 'rds', nouns: ['db', 'dbs', 'database', 'databases', 'rds'] },
  scanner: rdsInstances,
  facts: {
    engine: 'postgres, mysql, aurora-postgresql, ...',
    engineVersion: 'engine version',
    instanceClass: 'db.r6g.large, ...',
    multiAZ: 'Multi-AZ deployment',
    readReplicas: 'identifiers of its read replicas',
    replicaSource: 'the instance it replicates, when it is a replica',
    cluster: 'Aurora cluster it belongs to',
    deletionProtection: 'deletion protection',
    nameTag: 'its Name tag',
  },
  searchFacts: ['engine'],
  permissions: ['rds:DescribeDBInstances'],
  sandbox: { service: 'rds', estateKey: 'rdsInstances' },
  async reread({ provider, target, scope }, r) {
    const d = (await provider.rds(target).describeDBInstances({ DBInstanceIdentifier: r.id })).DBInstances?.find(
      (x) => sameName(x.DBInstanceIdentifier, r.id) && sameArn(x.DBInstanceArn, r),
    );
    return d && fromRdsInstance(d, scope);
  },
  dependents(r, estate) {
    const out: string[] = [];
    const label = (id: string) => estate?.withId(id).find((o) => sameScope(o, r))?.name ?? id;
    const replicas = strings(r.facts.readReplicas);
    if (replicas.length)
      out.push(`${r.name} has read replica${replicas.length > 1 ? 's' : ''} ${names(replicas.map(label))}, which read from it`);
    const source = strings(r.facts.replicaSource)[0];
    if (source) out.push(`${r.name} is a read replica of ${label(source)}`);
    const cluster = strings(r.facts.cluster)[0];
    if (cluster) {
      const members = (estate?.clusterMembers(r, cluster) ?? [])
        .filter((o) => o.id !== r.id && o.type === 'rds-instance')
        .map((o) => o.name);
      out.push(`${r.name} is a member of Aurora cluster ${cluster}${members.length ? ` (with ${names(members)})` : ''}`);
    }
    return out;
  },
});

/**
 * Synthetic AWS estates for the inventory benchmark: realistic naming (apps, roles, environments,
 * numbered fleets, zero-padded numbers, regional near-duplicates, blue/green and -old twins, replicas,
 * Aurora members, root/data volumes) in the sandbox estate format (SDK output shapes).
 */
import type { Estate } from '../src/cloud';
import type { RegionEstate } from '../src/cloud/sandbox';

export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const APPS = [
  'checkout',
  'payments',
  'search',
  'orders',
  'billing',
  'inventory',
  'catalog',
  'auth',
  'notifications',
  'analytics',
  'reporting',
  'ledger',
  'shipping',
  'pricing',
  'recommend',
  'media',
  'gateway',
  'identity',
  'fraud',
  'loyalty',
  'cart',
  'profile',
  'messaging',
  'geo',
  'feeds',
  'ads',
  'audit',
  'backoffice',
  'crm',
  'etl',
  'ml',
  'metrics',
  'logging',
  'jenkins',
  'grafana',
  'vault',
  'consul',
  'kafka',
  'redis',
  'elastic',
];
const ROLES = ['web', 'api', 'worker', 'cache', 'queue', 'batch', 'cron', 'proxy', 'broker', 'node', 'runner', 'scheduler', 'ingest'];
const ENVS = ['prod', 'staging', 'dev', 'qa'];
const ENV_TAG: Record<string, string[]> = {
  prod: ['production', 'production', 'prod', 'Prod'],
  staging: ['staging', 'Staging', 'stage'],
  dev: ['dev', 'development'],
  qa: ['qa', 'test'],
};
const TEAMS = ['web', 'platform', 'payments', 'data', 'search', 'ml', 'growth', 'core', 'infra', 'security'];
const ENGINES = [
  ['postgres', 'pg'],
  ['mysql', 'mysql'],
  ['mariadb', 'maria'],
  ['aurora-postgresql', 'aurora'],
] as const;
const SUFFIXES = ['', '', '', '', '', '', '-old', '-new', '-blue', '-green', '-canary'];
const REGION_TAG: Record<string, string> = { 'us-west-2': '', 'us-east-1': 'east', 'eu-west-1': 'eu' };

export interface Target {
  name: string;
  id: string;
  type: 'ec2-instance' | 'rds-instance';
  account: string;
  accountAlias: string;
  region: string;
  app: string;
  env: string;
  role?: string;
  engine?: string;
}

export interface Synthetic {
  estate: Estate;
  /** Resources references are generated for (instances and databases). */
  targets: Target[];
  /** How many inventory resources the estate yields (instances + volumes + databases + clusters + tag-only). */
  resources: number;
}

function hex(r: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += Math.floor(r() * 16).toString(16);
  return s;
}

/**
 * An estate of about `size` inventory resources over `accounts` accounts (production, staging, dev)
 * and `regions` regions. Deterministic for a seed.
 */
export function syntheticEstate(size: number, options: { accounts?: number; regions?: string[]; seed?: number } = {}): Synthetic {
  const r = rng(options.seed ?? 42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const regions = options.regions ?? ['us-west-2', 'us-east-1', 'eu-west-1'];
  const accountDefs = [
    { id: '111111111111', alias: 'production', envs: ['prod'] },
    { id: '222222222222', alias: 'staging', envs: ['staging', 'qa'] },
    { id: '333333333333', alias: 'dev', envs: ['dev'] },
  ].slice(0, options.accounts ?? 3);
  if (accountDefs.length === 1) accountDefs[0].envs = ENVS;
  const estate: Estate = {
    name: `synthetic-${size}`,
    accounts: accountDefs.map((a) => ({ id: a.id, alias: a.alias, regions: Object.fromEntries(regions.map((g) => [g, empty()])) })),
    costs: [],
  };
  const targets: Target[] = [];
  const used = new Set<string>();
  let count = 0;
  while (count < size) {
    const acct = pick(accountDefs);
    const env = pick(acct.envs);
    const region = pick(regions);
    const where = estate.accounts.find((a) => a.id === acct.id)!.regions[region];
    const app = pick(APPS);
    const envTag = pick(ENV_TAG[env]);
    const team = pick(TEAMS);
    const tags = (name: string) => [
      { Key: 'Name', Value: name },
      ...(r() < 0.93 ? [{ Key: 'environment', Value: envTag }] : []),
      ...(r() < 0.85 ? [{ Key: 'owner', Value: team }] : []),
      { Key: 'app', Value: app },
      { Key: 'cost-center', Value: `CC-${1000 + Math.floor(r() * 90)}` },
    ];
    const kind = r();
    if (kind < 0.8) {
      // A fleet of instances: checkout-web-prod-1..n, with region words and padding in some fleets.
      const role = pick(ROLES);
      const regionWord = REGION_TAG[region] && r() < 0.5 ? `-${REGION_TAG[region]}` : '';
      const suffix = pick(SUFFIXES);
      const pad = r() < 0.2;
      const n = 1 + Math.floor(r() ** 2 * 12);
      for (let i = 1; i <= n && count < size; i++) {
        const name = `${app}-${role}-${env}${regionWord}-${pad ? String(i).padStart(2, '0') : i}${suffix}`;
        const key = `${acct.id}|${region}|${name}`;
        if (used.has(key)) continue;
        used.add(key);
        const id = `i-0${hex(r, 16)}`;
        const rootVol = `vol-0${hex(r, 16)}`;
        const dataVol = r() < 0.3 ? `vol-0${hex(r, 16)}` : undefined;
        where.ec2Instances.push({
          InstanceId: id,
          InstanceType: pick(['m6i.large', 'c6i.xlarge', 'r6i.2xlarge', 't3.small', 'm5.xlarge']) as never,
          State: { Name: r() < 0.9 ? 'running' : 'stopped' },
          PlatformDetails: r() < 0.95 ? 'Linux/UNIX' : 'Windows',
          RootDeviceType: 'ebs',
          Placement: { AvailabilityZone: `${region}a` },
          BlockDeviceMappings: [
            { DeviceName: '/dev/xvda', Ebs: { VolumeId: rootVol } },
            ...(dataVol ? [{ DeviceName: '/dev/sdf', Ebs: { VolumeId: dataVol } }] : []),
          ],
          Tags: tags(name),
        });
        where.ebsVolumes.push({
          VolumeId: rootVol,
          Size: 20,
          VolumeType: 'gp3',
          State: 'in-use',
          Attachments: [{ InstanceId: id, VolumeId: rootVol }],
          Tags: tags(`${name}-root`),
        });
        count += 2;
        if (dataVol) {
          where.ebsVolumes.push({
            VolumeId: dataVol,
            Size: 500,
            VolumeType: 'gp3',
            State: 'in-use',
            Attachments: [{ InstanceId: id, VolumeId: dataVol }],
            Tags: tags(`${name}-data`),
          });
          count += 1;
        }
        if (r() < 0.7)
          where.ssmInstances.push({
            InstanceId: id,
            PingStatus: r() < 0.95 ? 'Online' : 'ConnectionLost',
            PlatformType: 'Linux',
            AgentVersion: '3.3.987.0',
          });
        targets.push({ name, id, type: 'ec2-instance', account: acct.id, accountAlias: acct.alias, region, app, env, role });
      }
    } else if (kind < 0.97) {
      // Databases: orders-pg-prod, pg-orders-prod-main1 (+ replica), an Aurora cluster with members.
      const [engine, short] = pick(ENGINES);
      const style = r();
      const base = style < 0.5 ? `${app}-${short}-${env}` : style < 0.8 ? `${short}-${app}-${env}-main1` : `${app}-db-${env}`;
      // One database per app, engine and environment in a region, whichever naming style it got.
      const key = `${acct.id}|${region}|db|${app}|${short}|${env}`;
      if (used.has(key)) continue;
      used.add(key);
      const arn = (id: string) => `arn:aws:rds:${region}:${acct.id}:db:${id}`;
      if (engine === 'aurora-postgresql') {
        where.rdsClusters.push({
          DBClusterIdentifier: base,
          DBClusterArn: `arn:aws:rds:${region}:${acct.id}:cluster:${base}`,
          Engine: engine,
          Status: 'available',
          DBClusterMembers: [
            { DBInstanceIdentifier: `${base}-1`, IsClusterWriter: true },
            { DBInstanceIdentifier: `${base}-2`, IsClusterWriter: false },
          ],
          TagList: tags(base),
        });
        for (const m of [`${base}-1`, `${base}-2`])
          where.rdsInstances.push({
            DBInstanceIdentifier: m,
            DBInstanceArn: arn(m),
            Engine: engine,
            DBInstanceStatus: 'available',
            DBClusterIdentifier: base,
            TagList: tags(m),
          });
        count += 3;
      } else {
        const replica = r() < 0.25 ? `${base}-replica` : undefined;
        where.rdsInstances.push({
          DBInstanceIdentifier: base,
          DBInstanceArn: arn(base),
          Engine: engine,
          DBInstanceStatus: r() < 0.95 ? 'available' : 'stopped',
          MultiAZ: env === 'prod',
          ReadReplicaDBInstanceIdentifiers: replica ? [replica] : [],
          TagList: tags(base),
        });
        targets.push({ name: base, id: base, type: 'rds-instance', account: acct.id, accountAlias: acct.alias, region, app, env, engine });
        count += 1;
        if (replica) {
          where.rdsInstances.push({
            DBInstanceIdentifier: replica,
            DBInstanceArn: arn(replica),
            Engine: engine,
            DBInstanceStatus: 'available',
            ReadReplicaSourceDBInstanceIdentifier: base,
            TagList: tags(replica),
          });
          count += 1;
        }
      }
    } else {
      // Unattached volumes, some without any tags.
      const name = `${app}-${pick(['scratch', 'backup', 'export', 'dataset'])}-${env}-${Math.floor(r() * 50)}`;
      const id = `vol-0${hex(r, 16)}`;
      where.ebsVolumes.push({
        VolumeId: id,
        Size: 100,
        VolumeType: 'gp2',
        State: 'available',
        Attachments: [],
        Tags: r() < 0.8 ? tags(name) : [],
      });
      count += 1;
    }
  }
  return { estate, targets, resources: count };
}

function empty(): RegionEstate {
  return {
    ec2Instances: [],
    ebsVolumes: [],
    rdsInstances: [],
    rdsClusters: [],
    ssmInstances: [],
    lambdaFunctions: [],
    s3Buckets: [],
    ecsServices: [],
    autoScalingGroups: [],
  };
}

export type ReferenceKind = 'exact' | 'typo' | 'partial' | 'abbreviated' | 'tag-words';
export interface Reference {
  kind: ReferenceKind;
  text: string;
  target: Target;
}

const ABBREV: Record<string, string> = { prod: 'prd', staging: 'stg', production: 'prd', development: 'dev', postgres: 'pg' };

/** What people would type for a target: the exact name, a typo, truncated words, abbreviated and shuffled words, tag words. */
export function references(s: Synthetic, count: number, seed = 7): Reference[] {
  const r = rng(seed);
  const out: Reference[] = [];
  const nameCount = new Map<string, number>();
  for (const t of s.targets) nameCount.set(t.name, (nameCount.get(t.name) ?? 0) + 1);
  // What tag words can tell apart: app, role or engine, environment, number and blue/green suffix.
  const tagKey = (t: Target) =>
    [
      t.app,
      t.role ?? t.engine,
      t.env,
      Number(t.name.match(/-(\d+)(?:-[a-z]+)?$/)?.[1] ?? -1),
      t.name.match(/-(old|new|blue|green|canary)$/)?.[1] ?? '',
    ].join('|');
  const tagCount = new Map<string, number>();
  for (const t of s.targets) tagCount.set(tagKey(t), (tagCount.get(tagKey(t)) ?? 0) + 1);
  // A reference that fits several places says where, as a person would ("... in us-east-1").
  const where = (t: Target, kind: ReferenceKind) =>
    ((kind === 'tag-words' ? tagCount.get(tagKey(t)) : nameCount.get(t.name)) ?? 0) > 1
      ? ` in ${t.region}${r() < 0.5 ? ` in ${t.accountAlias}` : ''}`
      : '';
  const kinds: ReferenceKind[] = ['exact', 'typo', 'partial', 'abbreviated', 'tag-words'];
  for (let i = 0; i < count; i++) {
    const t = s.targets[Math.floor(r() * s.targets.length)];
    const kind = kinds[i % kinds.length];
    const words = t.name.split('-');
    let text: string;
    if (kind === 'exact') text = t.name;
    else if (kind === 'typo') {
      const longest = words.reduce((a, w, j) => (w.length > words[a].length ? j : a), 0);
      const w = words[longest];
      const at = 1 + Math.floor(r() * (w.length - 2));
      const op = r();
      const typo =
        op < 0.4
          ? w.slice(0, at) + w[at + 1] + w[at] + w.slice(at + 2)
          : op < 0.7
            ? w.slice(0, at) + w.slice(at + 1)
            : w.slice(0, at) + 'x' + w.slice(at + 1);
      text = words.map((x, j) => (j === longest ? typo : x)).join('-');
    } else if (kind === 'partial') text = words.map((w) => (w.length > 5 ? w.slice(0, 4) : w)).join(' ');
    else if (kind === 'abbreviated') {
      const shuffled = words.map((w) => ABBREV[w] ?? w);
      const a = Math.floor(r() * shuffled.length);
      const b = Math.floor(r() * shuffled.length);
      [shuffled[a], shuffled[b]] = [shuffled[b], shuffled[a]];
      text = shuffled.join(' ');
    } else {
      // Tag words: "the production payments postgres", "the staging orders api box 3".
      const env = { prod: 'production', staging: 'staging', dev: 'dev', qa: 'qa' }[t.env] ?? t.env;
      text =
        t.type === 'rds-instance'
          ? `the ${env} ${t.app} ${t.engine === 'postgres' ? 'postgres' : t.engine} database`
          : `the ${env} ${t.app} ${t.role} box ${t.name.match(/-(\d+)(?:-[a-z]+)?$/)?.[1] ?? ''}` +
            `${t.name.match(/-(old|new|blue|green|canary)$/) ? ` ${t.name.split('-').pop()}` : ''}`;
    }
    out.push({ kind, text: `${text}${where(t, kind)}`.trim(), target: t });
  }
  return out;
}

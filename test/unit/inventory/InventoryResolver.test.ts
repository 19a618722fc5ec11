import { resolve } from 'node:path';
import { SandboxProvider } from '../../../src/cloud';
import type { Resolution } from '../../../src/core';
import { Inventory, InventoryResolver } from '../../../src/inventory';

const ESTATE = resolve(__dirname, '../../fixtures/estates/resolver-estate.yaml');

let provider: SandboxProvider;
let resolver: InventoryResolver;

beforeEach(async () => {
  provider = SandboxProvider.fromFile(ESTATE);
  resolver = new InventoryResolver(await Inventory.scan(provider), provider);
});

/** What a plan would get, in words a test can compare: the name and account, or the candidates, or nearest names. */
function outcome(r: Resolution): string {
  if (r.kind === 'match') return `match ${r.resource.name} ${r.resource.accountAlias}/${r.resource.region}`;
  if (r.kind === 'ambiguous') return `ambiguous ${r.candidates.map((c) => `${c.name}@${c.accountAlias}/${c.region}`).join(' ')}`;
  return `none ${r.nearest.join(' ')}`.trim();
}

const decide = async (q: string, type: Parameters<InventoryResolver['resolve']>[1] = 'any', states?: string[]) =>
  outcome(await resolver.resolve(q, type, { states }));

describe('resolver: exact references', () => {
  it('an instance id, an ARN and a unique id prefix each name exactly one resource', async () => {
    expect(await decide('i-0b00000000000002b', 'ec2-instance')).toBe('match kafka-broker-2 production/us-west-2');
    expect(await decide('arn:aws:rds:us-west-2:111111111111:db:billing-mysql-prod', 'rds-instance')).toBe(
      'match billing-mysql-prod production/us-west-2',
    );
    expect(await decide('i-0c000', 'ec2-instance')).toBe('match pg-main-bouncer production/us-west-2');
  });

  it('an exact Name tag or DB identifier wins over near names (web-prod-1 is not its -root volume)', async () => {
    expect(await decide('web-prod-1')).toBe('match web-prod-1 production/us-west-2');
    expect(await decide('pg-instance-main1', 'rds-instance')).toBe('match pg-instance-main1 production/us-west-2');
    expect(await decide('Web_Prod 1', 'ec2-instance')).toBe('match web-prod-1 production/us-west-2');
  });

  it('the same name in two accounts is asked about, and "in staging" settles it', async () => {
    expect(await decide('worker-a-1', 'ec2-instance')).toBe('ambiguous worker-a-1@production/us-west-2 worker-a-1@staging/us-west-2');
    expect(await decide('worker-a-1 in staging', 'ec2-instance')).toBe('match worker-a-1 staging/us-west-2');
    expect(await decide('worker-a-1 in 111111111111', 'ec2-instance')).toBe('match worker-a-1 production/us-west-2');
  });
});

describe('resolver: fuzzy references', () => {
  it('pg-main -> pg-instance-main1 (its replica carries an extra word, so it is not a close second)', async () => {
    expect(await decide('pg-main', 'rds-instance')).toBe('match pg-instance-main1 production/us-west-2');
  });

  it('abbreviations and words in any order: "web prd 2", "prod web 2"', async () => {
    expect(await decide('web prd 2', 'ec2-instance')).toBe('match web-prod-2 production/us-west-2');
    expect(await decide('prod web 2', 'ec2-instance')).toBe('match web-prod-2 production/us-west-2');
  });

  it('prefixes and plurals: "kafka-brok 2", "kafka brokers 1"', async () => {
    expect(await decide('kafka-brok 2', 'ec2-instance')).toBe('match kafka-broker-2 production/us-west-2');
    expect(await decide('kafka brokers 1', 'ec2-instance')).toBe('match kafka-broker-1 production/us-west-2');
  });

  it('typos: "pg-mian", "kafak broker 2", "biling mysql"', async () => {
    expect(await decide('pg-mian', 'rds-instance')).toBe('match pg-instance-main1 production/us-west-2');
    expect(await decide('kafak broker 2', 'ec2-instance')).toBe('match kafka-broker-2 production/us-west-2');
    expect(await decide('biling mysql', 'rds-instance')).toBe('match billing-mysql-prod production/us-west-2');
  });

  it('tag and fact words: "the prod postgres", "the staging mysql", "the untagged box in us-west-2"', async () => {
    expect(await decide('the prod postgres', 'rds-instance')).toBe('match pg-instance-main1 production/us-west-2');
    expect(await decide('the staging mysql', 'rds-instance')).toBe('match mysql-staging staging/us-west-2');
    expect(await decide('the untagged box in us-west-2', 'ec2-instance')).toBe('match i-0e00000000000001e production/us-west-2');
  });

  it('region and account words narrow: "api-1 in eu-west-1", "the postgres in staging"', async () => {
    expect(await decide('api-1', 'ec2-instance')).toBe('ambiguous api-1@production/eu-west-1 api-1@production/us-west-2');
    expect(await decide('api-1 in eu-west-1', 'ec2-instance')).toBe('match api-1 production/eu-west-1');
    expect(await decide('the postgres in staging', 'rds-instance')).toBe('match pg-staging staging/us-west-2');
  });
});

describe('resolver: what the parameter needs narrows the candidates', () => {
  it('an rds-instance parameter never resolves to an EC2 instance, and the reverse', async () => {
    expect(await decide('pg main', 'rds-instance')).toBe('match pg-instance-main1 production/us-west-2');
    expect(await decide('pg main', 'ec2-instance')).toBe('match pg-main-bouncer production/us-west-2');
    expect(await decide('billing-mysql-prod', 'ec2-instance')).toMatch(/^none billing-mysql-prod \(rds-instance\)/);
  });

  it('an ssm-instance parameter takes EC2 instances and on-premises managed machines', async () => {
    expect(await decide('build-host', 'ssm-instance')).toBe('match build-host.corp production/us-west-2');
    expect(await decide('web-prod-1', 'ssm-instance')).toBe('match web-prod-1 production/us-west-2');
  });

  it(
    'the state the action needs picks the one stopped web server for a start, but never ' + 'overrides two candidates in that state',
    async () => {
      expect(await decide('web-prod', 'ec2-instance')).toBe(
        'ambiguous web-prod-1@production/us-west-2 web-prod-2@production/us-west-2 web-prod-3@production/us-west-2',
      );
      expect(await decide('web-prod', 'ec2-instance', ['stopped'])).toBe('match web-prod-3 production/us-west-2');
      expect(await decide('web-prod', 'ec2-instance', ['running'])).toMatch(/^ambiguous web-prod-1@\S+ web-prod-2@\S+ web-prod-3@/);
    },
  );
});

describe('resolver: never guesses, says what is near', () => {
  it('several close matches come back as candidates for the plan to ask about', async () => {
    expect(await decide('kafka broker', 'ec2-instance')).toBe(
      'ambiguous kafka-broker-1@production/us-west-2 kafka-broker-2@production/us-west-2',
    );
  });

  it('nothing close: no match, with the nearest names when some are near', async () => {
    expect(await decide('zookeeper', 'ec2-instance')).toBe('none');
    expect(await decide('kafkaa-brokerr-9', 'ec2-instance')).toMatch(/^none kafka-broker-1 kafka-broker-2/);
  });

  it('a name typed without its dashes is the first nearest name, never a plan on it ("webprod1", "kafkabroker2")', async () => {
    expect(await decide('webprod1', 'ec2-instance')).toMatch(/^none web-prod-1( |$)/);
    expect(await decide('kafkabroker2', 'ec2-instance')).toMatch(/^none kafka-broker-2( |$)/);
    expect(await decide('webprd1', 'ec2-instance')).toMatch(/^none web-prod-1( |$)/);
  });

  it('another number is another member of the fleet, not a typo: kafka-broker-3 is none of the brokers', async () => {
    expect(await decide('kafka-broker-3', 'ec2-instance')).toMatch(/^none kafka-broker-1 kafka-broker-2/);
    expect(await decide('web prod 4', 'ec2-instance')).toMatch(/^none web-prod-1 web-prod-2 web-prod-3/);
    // The same number written differently, and a name without its number, still match.
    expect(await decide('kafka-broker-02', 'ec2-instance')).toBe('match kafka-broker-2 production/us-west-2');
    expect(await decide('pg-main', 'rds-instance')).toBe('match pg-instance-main1 production/us-west-2');
  });

  it('a name typed whole must be explained whole: web-prod-canary-2 is not web-prod-2; words stay looser', async () => {
    expect(await decide('web-prod-canary-2', 'ec2-instance')).toMatch(/^none web-prod-2/);
    expect(await decide('web prod 2 canary', 'ec2-instance')).toBe('match web-prod-2 production/us-west-2');
    // Every word of it explained, by the name or by tags and facts, is still a match (`mysql` is the engine).
    expect(await decide('billing-mysql-prod', 'rds-instance')).toBe('match billing-mysql-prod production/us-west-2');
    const r = await resolver.resolve('pg-main', 'rds-instance');
    expect(r.kind === 'match' && r.fuzzy).toBe(true);
    const exact = await resolver.resolve('pg-instance-main1', 'rds-instance');
    expect(exact.kind === 'match' && exact.fuzzy).toBeFalsy();
  });

  it('a bare number names nothing ("stop 1"), though it is in many names', async () => {
    expect(await decide('1', 'ec2-instance')).toMatch(/^none/);
    expect(await decide('1', 'rds-instance')).toMatch(/^none/);
  });

  it('the exact name of a resource of another kind is that resource, not a look-alike of the kind asked for', async () => {
    // web-prod-1-root is a volume: asked as an instance it is not found (and said to be a volume), never web-prod-1.
    expect(await decide('web-prod-1-root', 'ec2-instance')).toMatch(/^none web-prod-1-root \(ebs-volume\)/);
    expect(await decide('web-prod-1-root', 'ebs-volume')).toBe('match web-prod-1-root production/us-west-2');
  });

  it('ranks with scores, best first, for `cloudops find`', () => {
    const ranked = resolver.rank('web prd 2', 'any', 3);
    expect(ranked.map((x) => x.resource.name)).toEqual(['web-prod-2', 'web-prod-1', 'web-prod-3']);
    expect(ranked[0].score).toBeGreaterThan(0.9);
    expect(ranked[1].score).toBeLessThan(ranked[0].score - 0.2);
  });
});

describe('resolver: re-reading', () => {
  it('re-reads a match while planning when asked, so the plan shows the current state', async () => {
    const inventory = await Inventory.scan(provider);
    const fresh = new InventoryResolver(inventory, provider, { freshOnMatch: true });
    const web2 = inventory.all('ec2-instance').find((r) => r.name === 'web-prod-2')!;
    await provider.ec2(web2).stopInstances({ InstanceIds: [web2.id] });
    const r = await fresh.resolve('web-prod-2', 'ec2-instance');
    expect(r.kind === 'match' && r.resource.state).toBe('stopped');
    expect(inventory.get(web2)?.state).toBe('stopped');
  });

  it('a resource deleted since the scan is gone from the inventory after a re-read', async () => {
    const inventory = await Inventory.scan(provider);
    const r = new InventoryResolver(inventory, provider);
    const db = inventory.all('rds-instance').find((x) => x.name === 'billing-mysql-prod')!;
    const region = provider.state.region(db.account, db.region);
    region.rdsInstances = region.rdsInstances.filter((d) => d.DBInstanceIdentifier !== db.id);
    expect(await r.reread(db)).toBeUndefined();
    expect((await r.resolve('billing-mysql-prod', 'rds-instance')).kind).toBe('none');
  });
});

import {
  Planner,
  narrowToScope,
  type IntentClassifier,
  type IntentGuess,
  type Resolution,
  type Resource,
  type ResourceResolver,
  type RiskAssessor,
} from '../../../src/core';
import { repoCatalog } from '../../helpers/understanding';

function resource(
  name: string,
  type: Resource['type'],
  account: string,
  region: string,
  tags: Record<string, string> = {},
  accountAlias?: string,
): Resource {
  return { type, id: `${type}:${name}:${region}`, name, account, accountAlias, region, tags, facts: {} };
}

const pgMain = resource('pg-instance-main1', 'rds-instance', '111111111111', 'us-west-2', { environment: 'production' }, 'production');
const workerProd = resource('worker-a-1', 'ec2-instance', '111111111111', 'us-west-2', { environment: 'production' }, 'production');
const workerStaging = resource('worker-a-1', 'ec2-instance', '222222222222', 'us-west-2', { environment: 'staging' }, 'staging');
const webProd = resource('web-prod-1', 'ec2-instance', '111111111111', 'us-west-2', { environment: 'production' }, 'production');
const billingWorker = resource('billing-worker', 'ec2-instance', '111111111111', 'us-west-2');
const billingDb = resource('billing-db', 'rds-instance', '111111111111', 'us-west-2');
const scratch1 = resource('dev-scratch-1', 'ec2-instance', '222222222222', 'us-west-2');
const scratch2 = resource('dev-scratch-2', 'ec2-instance', '222222222222', 'us-west-2');
const pgScratch = resource('pg-dev-scratch', 'rds-instance', '222222222222', 'us-west-2');
const qaMysql = resource('qa-mysql-01', 'ec2-instance', '222222222222', 'us-west-2');

/** A resolver over a tiny estate: exact names, "pg-main" for pg-instance-main1, type-filtered. */
const resolver: ResourceResolver = {
  async resolve(query, type): Promise<Resolution> {
    // "billing": a weak fuzzy match among instances, a strong one among databases.
    // "dev-scratch": the shared prefix of two instances, and one word of a database's name.
    if (query === 'dev-scratch')
      return type === 'ec2-instance'
        ? { kind: 'ambiguous', candidates: [scratch1, scratch2], score: 0.92 }
        : type === 'rds-instance'
          ? { kind: 'match', resource: pgScratch, score: 0.86, fuzzy: true }
          : { kind: 'none', nearest: [] };
    // "qa-mysql-1": looks like a database; only an instance's name is near.
    if (query === 'qa-mysql-1')
      return type === 'ec2-instance' ? { kind: 'match', resource: qaMysql, score: 0.9, fuzzy: true } : { kind: 'none', nearest: [] };
    if (query === 'qa-mysql-01')
      return type === 'ec2-instance' ? { kind: 'match', resource: qaMysql, score: 1 } : { kind: 'none', nearest: [] };
    if (query === 'billing')
      return type === 'ec2-instance'
        ? { kind: 'match', resource: billingWorker, score: 0.62 }
        : type === 'rds-instance'
          ? { kind: 'match', resource: billingDb, score: 0.95 }
          : { kind: 'none', nearest: [] };
    const all = [pgMain, workerProd, workerStaging, webProd].filter(
      (r) => type === 'any' || type === 'taggable' || r.type === type || (type === 'ssm-instance' && r.type === 'ec2-instance'),
    );
    const found = all.filter((r) => r.name === query || (query === 'pg-main' && r === pgMain));
    if (found.length === 1) return { kind: 'match', resource: found[0], score: 0.9 };
    if (found.length > 1) return { kind: 'ambiguous', candidates: found };
    return { kind: 'none', nearest: [] };
  },
  async reread(r) {
    return r;
  },
};

const assessor: RiskAssessor = {
  assess: () => ({ level: 'medium', reasons: [], blocked: false, reversible: true }),
  approvalFor: () => ({ required: true, approvers: 1, requesterMayApprove: false, eligible: ['ops'], ttlSeconds: 3600 }),
};

function planner(guess: IntentGuess): Planner {
  const classifier: IntentClassifier = { classify: async () => guess };
  return new Planner({ classifier, resolver, assessor, catalog: repoCatalog() });
}

const at = { at: new Date('2026-11-22T09:00:00Z') };

describe('Planner: choosing between playbooks by what resolves', () => {
  it('"stop pg-main" becomes an RDS stop because pg-main is a database, even when EC2 scored higher', async () => {
    const plan = await planner({
      playbook: 'ec2-stop-instance',
      confidence: 0.8,
      params: { instance: 'pg-main' },
      alternatives: [],
      candidates: [
        { playbook: 'ec2-stop-instance', confidence: 0.45, params: { instance: 'pg-main' } },
        { playbook: 'rds-stop-instance', confidence: 0.35, params: { db: 'pg-main' } },
      ],
    }).plan('stop pg-main', at);
    expect(plan.playbook?.id).toBe('rds-stop-instance');
    expect(plan.params.db).toBe(pgMain);
  });

  it('when both resolve, the better match wins', async () => {
    const plan = await planner({
      playbook: 'ec2-reboot-instance',
      confidence: 0.8,
      params: { instance: 'billing' },
      alternatives: [],
      candidates: [
        { playbook: 'ec2-reboot-instance', confidence: 0.5, params: { instance: 'billing' } },
        { playbook: 'rds-reboot-instance', confidence: 0.3, params: { db: 'billing' } },
      ],
    }).plan('reboot billing', at);
    expect(plan.playbook?.id).toBe('rds-reboot-instance');
    expect(plan.params.db).toBe(billingDb);
  });

  it('several close resources of one kind beat one of another kind that merely shares a word: it asks among the close ones', async () => {
    const ec2 = { playbook: 'ec2-stop-instance', confidence: 0.6, params: { instance: 'dev-scratch' } };
    const rds = { playbook: 'rds-stop-instance', confidence: 0.39, params: { db: 'dev-scratch' } };
    for (const candidates of [
      [ec2, rds],
      [rds, ec2],
    ]) {
      const plan = await planner({
        playbook: candidates[0].playbook,
        confidence: 0.99,
        params: candidates[0].params,
        alternatives: [],
        candidates,
      }).plan('stop dev-scratch', at);
      expect(plan.playbook?.id).toBe('ec2-stop-instance');
      expect(plan.clarify).toMatchObject({ param: 'instance', query: 'dev-scratch' });
      expect(plan.clarify?.candidates.map((r) => r.name)).toEqual(['dev-scratch-1', 'dev-scratch-2']);
      expect(plan.params.db).toBeUndefined();
    }
  });

  it('a kind the words rule out is taken only on an exact name, never on a look-alike', async () => {
    const guess = (name: string): IntentGuess => ({
      playbook: 'rds-stop-instance',
      confidence: 0.76,
      params: { db: name },
      alternatives: [],
      candidates: [
        { playbook: 'rds-stop-instance', confidence: 0.5, params: { db: name } },
        { playbook: 'ec2-stop-instance', confidence: 0.26, params: { instance: name }, exactOnly: true },
      ],
    });
    const near = await planner(guess('qa-mysql-1')).plan('stop qa-mysql-1', at);
    expect(near.playbook?.id).toBe('rds-stop-instance');
    expect(near.missing).toMatchObject({ param: 'db', query: 'qa-mysql-1' });
    const exact = await planner(guess('qa-mysql-01')).plan('stop qa-mysql-01', at);
    expect(exact.playbook?.id).toBe('ec2-stop-instance');
    expect(exact.params.instance).toBe(qaMysql);
  });

  it('keeps the best-scoring playbook when neither resolves, and says what was not found', async () => {
    const plan = await planner({
      playbook: 'ec2-stop-instance',
      confidence: 0.8,
      params: { instance: 'nope-9' },
      alternatives: [],
      candidates: [
        { playbook: 'ec2-stop-instance', confidence: 0.45, params: { instance: 'nope-9' } },
        { playbook: 'rds-stop-instance', confidence: 0.35, params: { db: 'nope-9' } },
      ],
    }).plan('stop nope-9', at);
    expect(plan.playbook?.id).toBe('ec2-stop-instance');
    expect(plan.missing).toMatchObject({ param: 'instance', query: 'nope-9' });
  });

  it('uses the parameters read for a suggestion the user clicked', async () => {
    const plan = await planner({
      playbook: null,
      confidence: 0.3,
      params: {},
      alternatives: [],
      candidates: [{ playbook: 'rds-reboot-instance', confidence: 0.3, params: { db: 'pg-main' } }],
    }).plan('give pg-main a kick', at, { playbook: 'rds-reboot-instance' });
    expect(plan.playbook?.id).toBe('rds-reboot-instance');
    expect(plan.params.db).toBe(pgMain);
  });
});

describe('Planner: narrowing by where the user said the resource is', () => {
  const reboot = (scope: IntentGuess['scope']): IntentGuess => ({
    playbook: 'ec2-reboot-instance',
    confidence: 0.9,
    params: { instance: 'worker-a-1' },
    alternatives: [],
    scope,
  });

  it('two resources with the same name: the account settles it', async () => {
    const plan = await planner(reboot({ account: 'staging' })).plan('reboot worker-a-1 in the staging account', at);
    expect(plan.clarify).toBeUndefined();
    expect(plan.params.instance).toBe(workerStaging);
  });

  it('the environment settles it too ("the prod one")', async () => {
    const plan = await planner(reboot({ environment: 'prod' })).plan('the prod one', at);
    expect(plan.params.instance).toBe(workerProd);
  });

  it('without a scope the user is asked which one', async () => {
    const plan = await planner(reboot(undefined)).plan('reboot worker-a-1', at);
    expect(plan.clarify?.candidates).toEqual([workerProd, workerStaging]);
  });

  it('a match somewhere else is not silently used: "web-prod-1 in us-east-1" is not the one in us-west-2', async () => {
    const plan = await planner({
      playbook: 'ec2-stop-instance',
      confidence: 0.9,
      params: { instance: 'web-prod-1' },
      alternatives: [],
      scope: { region: 'us-east-1' },
    }).plan('stop web-prod-1 in us-east-1', at);
    expect(plan.missing).toMatchObject({ param: 'instance', query: 'web-prod-1 in us-east-1' });
    expect(plan.missing?.nearest[0]).toMatch(/web-prod-1 .*us-west-2/);
  });

  it('narrowToScope keeps what the resolver said when there is no scope', () => {
    const found: Resolution = { kind: 'ambiguous', candidates: [workerProd, workerStaging] };
    expect(narrowToScope(found, undefined)).toBe(found);
    expect(narrowToScope(found, { region: 'eu-west-1' })).toMatchObject({ kind: 'none' });
  });
});

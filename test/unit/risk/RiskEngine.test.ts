import { parseConfig } from '../../../src/config';
import type { Playbook, Resource, RiskRule } from '../../../src/core';
import { estateView, RiskEngine } from '../../../src/risk';

function instance(name: string, extra: Partial<Resource> = {}, facts: Resource['facts'] = {}): Resource {
  return {
    type: 'ec2-instance',
    id: `i-${Buffer.from(name).toString('hex')}`,
    name,
    account: '111111111111',
    accountAlias: 'production',
    region: 'us-west-2',
    state: 'running',
    tags: { Name: name, environment: 'staging' },
    facts: { instanceType: 'm6i.large', ssmPingStatus: 'Online', volumes: [], ...facts },
    ...extra,
  };
}

function playbook(rules: RiskRule[] = [], extra: Partial<Playbook> = {}): Playbook {
  return {
    id: 'ec2-stop-instance',
    title: 'Stop an EC2 instance',
    description: '',
    examples: ['stop x'],
    parameters: [{ name: 'instance', type: 'ec2-instance', required: true, states: ['running'] }],
    readOnly: false,
    risk: { base: 'medium', reversible: true, downtime: 'until started again', rules },
    steps: [{ action: 'ec2.stopInstance', with: {} }],
    rollback: 'ec2-start-instance',
    ...extra,
  };
}

const monday10 = new Date('2026-11-23T10:00:00Z'); // a Monday
const engine = (risk: Record<string, unknown> = {}, approval: Record<string, unknown> = {}, estate?: Resource[]) => {
  const config = parseConfig({ sandbox: {}, approval, risk });
  return RiskEngine.fromConfig(config, estate ? estateView(estate) : undefined);
};

describe('RiskEngine: resource conditions', () => {
  const rules: RiskRule[] = [
    { when: { tag: { Environment: ['PROD', 'production'] } }, raise: 'high', reason: '{{instance.name}} is tagged as production' },
    { when: { fact: { rootDeviceType: { equals: 'instance-store' } } }, block: '{{instance.name}} has an instance-store root' },
  ];

  it('without the risky facts: the base level, no reasons, not blocked, rollback and downtime on the card', () => {
    const risk = engine().assess(playbook(rules), { instance: instance('web-1') }, { at: monday10 });
    expect(risk).toEqual({
      level: 'medium',
      reasons: [],
      blocked: false,
      reversible: true,
      rollback: 'ec2-start-instance',
      downtime: 'until started again',
    });
  });

  it('tags compare case-insensitively; reasons are rendered from the resource', () => {
    const r = instance('web-1', { tags: { environment: 'Production' } });
    expect(engine().assess(playbook(rules), { instance: r }, { at: monday10 })).toMatchObject({
      level: 'high',
      reasons: ['web-1 is tagged as production'],
      blocked: false,
    });
  });

  it('a block rule blocks, and its reason comes first', () => {
    const r = instance('old-1', { tags: { environment: 'production' } }, { rootDeviceType: 'instance-store' });
    expect(engine().assess(playbook(rules), { instance: r }, { at: monday10 })).toMatchObject({
      blocked: true,
      reasons: ['old-1 has an instance-store root', 'old-1 is tagged as production'],
    });
  });

  it('a rule naming a level below the base changes nothing and gives no reason', () => {
    const pb = playbook([{ when: { tag: { environment: ['staging'] } }, raise: 'low', reason: 'not production' }]);
    expect(engine().assess(pb, { instance: instance('web-1') }, { at: monday10 })).toMatchObject({ level: 'medium', reasons: [] });
  });

  it('a missing fact reads "none" in a reason, never an empty gap', () => {
    const pb = playbook([
      { when: { not: { fact: { ssmPingStatus: { equals: 'Online' } } } }, block: 'agent: {{instance.facts.ssmPingStatus}}' },
    ]);
    expect(engine().assess(pb, { instance: instance('box', {}, { ssmPingStatus: null }) }, { at: monday10 }).reasons).toEqual([
      'agent: none',
    ]);
  });

  it('equalsParam compares a fact with a parameter value', () => {
    const pb = playbook([{ when: { fact: { instanceType: { equalsParam: 'instance_type' } } }, block: 'same type' }], {
      parameters: [
        { name: 'instance', type: 'ec2-instance', required: true },
        { name: 'instance_type', type: 'string', required: true },
      ],
    });
    expect(engine().assess(pb, { instance: instance('a'), instance_type: 'M6I.large' }, { at: monday10 }).blocked).toBe(true);
    expect(engine().assess(pb, { instance: instance('a'), instance_type: 'm6i.xlarge' }, { at: monday10 }).blocked).toBe(false);
  });

  it('a rule with downtime replaces the playbook default when it holds', () => {
    const pb = playbook([{ when: { fact: { multiAZ: { equals: true } } }, downtime: 'about a minute while it fails over' }]);
    expect(engine().assess(pb, { instance: instance('a', {}, { multiAZ: true }) }, { at: monday10 }).downtime).toBe(
      'about a minute while it fails over',
    );
    expect(engine().assess(pb, { instance: instance('a', {}, { multiAZ: false }) }, { at: monday10 }).downtime).toBe('until started again');
  });
});

describe('RiskEngine: built-in blocks (no rule needed)', () => {
  it('a resource in the wrong state: starting a running instance, stopping a stopped one', () => {
    const risk = engine().assess(playbook(), { instance: instance('web-1', { state: 'stopped' }) }, { at: monday10 });
    expect(risk.blocked).toBe(true);
    expect(risk.reasons).toEqual(['web-1 is stopped; ec2-stop-instance needs it running, so it cannot run now']);
  });

  it('Run Command on an instance whose SSM agent is not online, or that has none', () => {
    const pb = playbook([], {
      id: 'ssm-x',
      parameters: [{ name: 'instance', type: 'ssm-instance', required: true }],
      steps: [{ action: 'ssm.runShellScript', with: {} }],
    });
    expect(engine().assess(pb, { instance: instance('s-1', {}, { ssmPingStatus: 'ConnectionLost' }) }, { at: monday10 }).reasons).toEqual([
      "s-1's SSM agent is ConnectionLost, not Online: Run Command cannot reach it (check the agent and the instance's IAM role)",
    ]);
    expect(engine().assess(pb, { instance: instance('s-2', {}, { ssmPingStatus: null }) }, { at: monday10 }).reasons).toEqual([
      's-2 is not managed by SSM (no agent has registered): Run Command cannot reach it',
    ]);
    expect(engine().assess(pb, { instance: instance('s-3') }, { at: monday10 }).blocked).toBe(false);
  });

  it('the built-in SSM check steps aside when the playbook has its own blocking rule on the agent', () => {
    const pb = playbook([{ when: { not: { fact: { ssmPingStatus: { equals: 'Online' } } } }, block: 'own wording' }], {
      parameters: [{ name: 'instance', type: 'ssm-instance', required: true }],
    });
    expect(engine().assess(pb, { instance: instance('s-1', {}, { ssmPingStatus: 'ConnectionLost' }) }, { at: monday10 }).reasons).toEqual([
      'own wording',
    ]);
  });

  it('resizing to the type it already has changes nothing: blocked', () => {
    const pb = playbook([], {
      id: 'ec2-resize-instance',
      parameters: [
        { name: 'instance', type: 'ec2-instance', required: true },
        { name: 'instance_type', type: 'instance-type', required: true },
      ],
    });
    expect(engine().assess(pb, { instance: instance('web-1'), instance_type: 'm6i.large' }, { at: monday10 }).reasons).toEqual([
      'web-1 already is m6i.large; resizing it to the same type would change nothing',
    ]);
    expect(engine().assess(pb, { instance: instance('web-1'), instance_type: 'm6i.xlarge' }, { at: monday10 }).blocked).toBe(false);
  });
});

describe('RiskEngine: request and account conditions from the config', () => {
  it('production accounts by alias or id raise changes to the configured level', () => {
    const r = instance('web-1');
    expect(engine({ productionAccounts: ['production'] }).assess(playbook(), { instance: r }, { at: monday10 })).toMatchObject({
      level: 'high',
      reasons: ['web-1 is in a production account (production 111111111111)'],
    });
    expect(
      engine({ productionAccounts: ['111111111111'], productionLevel: 'critical' }).assess(playbook(), { instance: r }, { at: monday10 })
        .level,
    ).toBe('critical');
    expect(engine({ productionAccounts: ['222222222222'] }).assess(playbook(), { instance: r }, { at: monday10 }).level).toBe('medium');
  });

  it('aws.accounts[].production counts as a production account', () => {
    const config = parseConfig({ aws: { accounts: [{ id: '111111111111', regions: ['us-west-2'], production: true }] } });
    expect(RiskEngine.fromConfig(config).assess(playbook(), { instance: instance('web-1') }, { at: monday10 }).level).toBe('high');
  });

  it('time-of-day and weekday windows, in the configured time zone, wrapping midnight', () => {
    const e = engine({
      timezone: 'Europe/Berlin',
      rules: [
        { when: { time: { from: '18:00', to: '08:00' } }, raise: 'high', reason: 'outside working hours ({{playbook}})' },
        { when: { time: { days: ['sat', 'sun'] } }, raise: 'high', reason: 'weekend' },
      ],
    });
    const at = (iso: string) => e.assess(playbook(), { instance: instance('w') }, { at: new Date(iso) }).reasons;
    expect(at('2026-11-23T16:59:00Z')).toEqual([]); // 17:59 in Berlin
    expect(at('2026-11-23T17:00:00Z')).toEqual(['outside working hours (Stop an EC2 instance)']); // 18:00 in Berlin
    expect(at('2026-11-24T06:59:00Z')).toEqual(['outside working hours (Stop an EC2 instance)']); // 07:59
    expect(at('2026-11-24T07:00:00Z')).toEqual([]);
    expect(at('2026-11-28T12:00:00Z')).toEqual(['weekend']);
  });

  it('change freezes: raise (default critical) or block; bounds are wall-clock dates in the zone unless they carry an offset', () => {
    const e = engine({
      timezone: 'America/New_York',
      freezes: [
        { name: 'year-end', from: '2026-12-20', to: '2027-01-04' },
        { name: 'launch', from: '2026-11-25T14:00:00Z', to: '2026-11-25T16:00:00Z', block: true, reason: 'Launch day' },
      ],
    });
    const at = (iso: string) => e.assess(playbook(), { instance: instance('w') }, { at: new Date(iso) });
    expect(at('2026-12-20T04:59:00Z').reasons).toEqual([]); // 23:59 on the 19th in New York
    expect(at('2026-12-20T05:00:00Z')).toMatchObject({
      level: 'critical',
      blocked: false,
      reasons: ['change freeze "year-end" is in force (2026-12-20 to 2027-01-04)'],
    });
    expect(at('2026-11-25T15:00:00Z')).toMatchObject({
      blocked: true,
      reasons: ['Launch day: nothing that changes AWS runs until it ends'],
    });
    expect(at('2026-11-25T16:00:00Z').blocked).toBe(false);
    // Read-only playbooks are never affected by freezes or global rules.
    expect(e.assess(playbook([], { readOnly: true, parameters: [] }), {}, { at: new Date('2026-12-24T12:00:00Z') })).toMatchObject({
      level: 'medium',
      reasons: [],
    });
  });

  it('a `freeze: true` condition in a rule; the number of resources; global rules limited to some playbooks', () => {
    const e = engine({
      freezes: [{ name: 'f', from: '2026-11-01', to: '2026-11-02', raise: 'high' }],
      rules: [
        { when: { freeze: true }, block: 'no changes during {{freeze}}' },
        { when: { resources: { min: 2 } }, raise: 'high', reason: 'several resources at once' },
        {
          when: { tag: { environment: ['staging'] } },
          raise: 'critical',
          reason: 'only for terminate',
          playbooks: ['ec2-terminate-instance'],
        },
      ],
    });
    expect(e.assess(playbook(), { instance: instance('a') }, { at: new Date('2026-11-01T10:00:00Z') }).reasons).toEqual([
      'no changes during f',
      'change freeze "f" is in force (2026-11-01 to 2026-11-02)',
    ]);
    const two = playbook([], {
      parameters: [
        { name: 'a', type: 'ec2-instance', required: true },
        { name: 'b', type: 'ec2-instance', required: true },
      ],
    });
    expect(e.assess(two, { a: instance('a'), b: instance('b') }, { at: monday10 }).reasons).toEqual(['several resources at once']);
    expect(e.assess(playbook(), { instance: instance('a') }, { at: monday10 }).level).toBe('medium');
    expect(e.assess(playbook([], { id: 'ec2-terminate-instance' }), { instance: instance('a') }, { at: monday10 }).level).toBe('critical');
  });
});

describe('RiskEngine: what depends on the resource', () => {
  const primary: Resource = {
    ...instance('pg-main'),
    type: 'rds-instance',
    id: 'pg-main',
    state: 'available',
    facts: { readReplicas: ['pg-main-replica'], replicaSource: null, cluster: null },
  };
  const replica: Resource = {
    ...instance('pg-main-replica'),
    type: 'rds-instance',
    id: 'pg-main-replica',
    state: 'available',
    facts: { readReplicas: [], replicaSource: 'pg-main', cluster: null },
  };
  const fleet = [
    instance('web-prod-1', {}, { volumes: ['vol-1'] }),
    instance('web-prod-2'),
    instance('web-prod-3', { state: 'stopped' }),
    instance('web-prod-eu-1'),
    instance('webby'),
  ];
  const vol: Resource = {
    ...instance('web-prod-1-root'),
    type: 'ebs-volume',
    id: 'vol-1',
    state: 'in-use',
    facts: { attachedTo: [fleet[0].id] },
  };
  const estate = [primary, replica, ...fleet, vol];
  const rds = playbook([], { parameters: [{ name: 'db', type: 'rds-instance', required: true }] });

  it('a primary with replicas, a replica with its source', () => {
    expect(engine({}, {}, estate).assess(rds, { db: primary }, { at: monday10 }).dependents).toEqual([
      'pg-main has read replica pg-main-replica, which read from it',
    ]);
    expect(engine({}, {}, estate).assess(rds, { db: replica }, { at: monday10 }).dependents).toEqual([
      'pg-main-replica is a read replica of pg-main',
    ]);
  });

  it('instances behind the same Name prefix, and attached volumes', () => {
    expect(engine({}, {}, estate).assess(playbook(), { instance: fleet[0] }, { at: monday10 }).dependents).toEqual([
      'other instances named web-prod-N: web-prod-2, web-prod-3 (1 of 2 running)',
      'attached EBS volume: web-prod-1-root',
    ]);
    expect(engine({}, {}, estate).assess(playbook(), { instance: fleet[4] }, { at: monday10 }).dependents).toBeUndefined();
  });

  it('is deterministic: the same request on the same estate gives the same assessment', () => {
    const a = engine({ productionAccounts: ['production'] }, {}, estate).assess(playbook(), { instance: fleet[0] }, { at: monday10 });
    const b = engine({ productionAccounts: ['production'] }, {}, [...estate].reverse()).assess(
      playbook(),
      { instance: fleet[0] },
      { at: monday10 },
    );
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });
});

describe('RiskEngine: approval policy per level', () => {
  const e = engine(
    {},
    {
      ttl: '2h',
      approvers: { sre: { console: ['bob'] }, dba: { slack: ['U0DBA'] } },
      levels: { high: { from: ['sre'], approvers: 2, ttl: '30m' }, low: { required: true } },
    },
  );
  const pb = playbook();
  const need = (level: 'low' | 'medium' | 'high' | 'critical') =>
    e.approvalFor(pb, { level, reasons: [], blocked: false, reversible: true });

  it('defaults: low needs none and the requester may run it; medium/high one other person; critical two; TTL from the config', () => {
    const plain = engine();
    const n = (level: 'low' | 'medium' | 'high' | 'critical') =>
      plain.approvalFor(pb, { level, reasons: [], blocked: false, reversible: true });
    expect(n('low')).toEqual({ required: false, approvers: 1, requesterMayApprove: true, eligible: [], ttlSeconds: 3600 });
    expect(n('medium')).toMatchObject({ required: true, approvers: 1, requesterMayApprove: false });
    expect(n('high')).toMatchObject({ required: true, approvers: 1, requesterMayApprove: false });
    expect(n('critical')).toMatchObject({ required: true, approvers: 2, requesterMayApprove: false });
  });

  it('per-level overrides: who, how many, how long', () => {
    expect(need('high')).toEqual({ required: true, approvers: 2, requesterMayApprove: false, eligible: ['sre'], ttlSeconds: 1800 });
    expect(need('medium')).toEqual({
      required: true,
      approvers: 1,
      requesterMayApprove: false,
      eligible: ['sre', 'dba'],
      ttlSeconds: 7200,
    });
    expect(need('low')).toMatchObject({ required: true, requesterMayApprove: true });
  });
});

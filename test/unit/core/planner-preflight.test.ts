import { Planner, planToJson, type Playbook, type PlanPreflight, type Resource } from '../../../src/core';
import { parseConfig } from '../../../src/config';
import { Catalog } from '../../../src/playbooks';
import { RiskEngine } from '../../../src/risk';

const web: Resource = {
  type: 'ec2-instance',
  id: 'i-0123456789abcdef0',
  name: 'web-1',
  account: '111111111111',
  region: 'us-west-2',
  state: 'running',
  tags: {},
  facts: {},
};
const base = (id: string, extra: Partial<Playbook> = {}): Playbook => ({
  id,
  title: id,
  description: '',
  examples: ['x'],
  readOnly: false,
  parameters: [{ name: 'instance', type: 'ec2-instance', required: true, states: ['running'] }],
  risk: { base: 'medium', rules: [], reversible: true },
  steps: [{ action: 'ec2.stopInstance', with: {} }],
  ...extra,
});

function planner(playbook: Playbook, preflight: PlanPreflight, state = 'running') {
  return new Planner({
    classifier: { classify: async () => ({ playbook: playbook.id, confidence: 1, params: { instance: 'web-1' }, alternatives: [] }) },
    resolver: { resolve: async () => ({ kind: 'match', resource: { ...web, state }, score: 1 }), reread: async (r) => r },
    assessor: new RiskEngine(parseConfig({}).approval),
    catalog: new Catalog([playbook]),
    preflight,
  });
}

describe('Planner preflight (dry runs before approval)', () => {
  it('a refused dry run blocks the plan and leads its reasons; the request id names the session', async () => {
    const check = jest.fn(async () => ({ blocks: ['Step 1 (stop): AWS dry run: the bot lacks permission ec2:StopInstances'], notes: [] }));
    const plan = await planner(base('p'), { check }).plan('stop web-1', { at: new Date(), requestId: 'req-9' });
    expect(check).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'p' }),
      { instance: expect.objectContaining({ id: web.id }) },
      'req-9',
    );
    expect(plan.blocked).toBe(true);
    expect(plan.risk.reasons[0]).toContain('ec2:StopInstances');
    expect(planToJson(plan)).toMatchObject({
      blocked: true,
      preflight: ['Step 1 (stop): AWS dry run: the bot lacks permission ec2:StopInstances'],
    });
  });

  it('a passed dry run leaves the plan as it was and is shown in the JSON', async () => {
    const plan = await planner(base('p'), {
      check: async () => ({ blocks: [], notes: ['Step 1 (stop): AWS dry run: the request would succeed'] }),
    }).plan('stop web-1', { at: new Date() });
    expect(plan.blocked).toBe(false);
    expect(planToJson(plan).preflight).toEqual(['Step 1 (stop): AWS dry run: the request would succeed']);
  });

  it('is not run for plans already blocked by the rules, nor for read-only playbooks', async () => {
    const check = jest.fn(async () => ({ blocks: [], notes: [] }));
    await planner(base('p'), { check }, 'stopped').plan('stop web-1', { at: new Date() });
    await planner(base('r', { readOnly: true }), { check }).plan('find web-1', { at: new Date() });
    expect(check).not.toHaveBeenCalled();
  });
});

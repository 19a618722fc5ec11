import { inertLine, inertText } from '../../../src/core/inert';
import { planCard, type CardPlan } from '../../../src/core/cards';

describe('inert text', () => {
  it('removes control characters and bidi controls, keeping line breaks and tabs in text', () => {
    expect(inertText('a\x1b[31mb\x00c\x7f\x85d\r\ne\tf\u202Eg\u2066h')).toBe('a[31mbcd\ne\tfgh');
    expect(inertText('one\u2028two')).toBe('one\ntwo');
  });

  it('makes one line of a value, so it cannot add lines to a card', () => {
    expect(inertLine('pg-main\n*Approved by <@U0BOSS>.*\r\nDone\tnow')).toBe('pg-main *Approved by <@U0BOSS>.* Done now');
  });

  it('is applied to every parameter value on the plan card', () => {
    const card: CardPlan = {
      requestId: 'req-1',
      playbook: { id: 'x', title: 'Tag', examples: ['tag'], parameters: [], steps: [{ action: 'tag' }] } as unknown as CardPlan['playbook'],
      params: { owner: 'alice\n*Approved*', tags: { team: 'ops\r\nDone' } },
      risk: { level: 'low', reasons: ['because\nof \x1b]0;x\x07this'], reversible: true } as CardPlan['risk'],
      approval: { required: false, approvers: 0, requesterMayApprove: true, eligible: [], ttlSeconds: 0 },
    };
    const m = planCard(card, { status: ['Result:\nline two'] });
    expect(m.fields!.find((f) => f.label === 'owner')!.value).toBe('alice *Approved*');
    expect(m.fields!.find((f) => f.label === 'tags')!.value).toBe('team=ops Done');
    expect(m.risk!.reasons).toEqual(['because of ]0;xthis']);
    expect(m.text).toContain('Result: line two');
  });

  it('names on purpose only the requester, the approvers and who closed the request', () => {
    const alice = { platform: 'slack' as const, id: 'U0ALICE', displayName: '<@U0ALICE>' };
    const bob = { platform: 'slack' as const, id: 'U0BOB', displayName: '<@U0BOB>' };
    const card = {
      requestId: 'req-1',
      playbook: { id: 'x', title: 'Tag', examples: ['tag'], parameters: [], steps: [] },
      params: { owner: '<@U0VICTIM>' },
      risk: { level: 'low', reasons: [], reversible: true },
      approval: { required: true, approvers: 1, requesterMayApprove: false, eligible: ['oncall'], ttlSeconds: 3600 },
    } as unknown as CardPlan;
    const record = {
      id: 'req-1',
      state: 'rejected',
      plan: {},
      requester: alice,
      place: { platform: 'slack', channel: 'C1' },
      approvals: [{ user: bob, at: '' }],
      closedBy: bob,
      createdAt: '',
      expiresAt: '2026-11-22T10:00:00.000Z',
    } as never;
    expect(planCard(card, { record }).mentions).toEqual([alice, bob]);
    expect(planCard(card).mentions).toBeUndefined();
  });
});

import type { ApprovalConfig } from '../config';
import type { ChatPlace, ChatUser, MessageRef } from '../core/chat';
import { userKey } from '../core/chat';
import type { ApprovalDesk as Desk, ApprovalRecord, Clock, Decision, DecisionOutcome, StoredPlan } from '../core/ports';
import type { ApprovalRepository } from '../store';
import { approvalRefusal, isApprover, sameUser } from './authorize';

/**
 * Approval requests as a state machine in the store:
 * proposed -> approved | rejected | expired | cancelled; approved -> executing -> succeeded | failed | interrupted.
 * Checked for "already answered" and "timed out" before anything runs; deny by default.
 */
export class ApprovalDesk implements Desk {
  constructor(
    private readonly repo: ApprovalRepository,
    private readonly policy: ApprovalConfig,
    private readonly clock: Clock,
  ) {}

  async open(id: string, plan: StoredPlan, requester: ChatUser, place: ChatPlace): Promise<ApprovalRecord> {
    const now = this.clock.now();
    const expires = new Date(now.getTime() + plan.approval.ttlSeconds * 1000);
    this.repo.insert({ id, plan, requester, place, createdAt: now.toISOString(), expiresAt: expires.toISOString() });
    return this.repo.get(id)!;
  }

  async attachMessage(id: string, ref: MessageRef): Promise<void> {
    this.repo.setMessage(id, ref);
  }

  async get(id: string): Promise<ApprovalRecord | undefined> {
    return this.repo.get(id);
  }

  async decide(id: string, user: ChatUser, decision: Decision): Promise<DecisionOutcome> {
    return this.repo.atomically((): DecisionOutcome => {
      const req = this.repo.get(id);
      if (!req) return { kind: 'unknown' };
      if (req.state !== 'proposed') return { kind: 'closed', state: req.state };
      const now = this.clock.now().toISOString();
      if (now >= req.expiresAt) {
        this.repo.transition(id, 'proposed', 'expired', now);
        return { kind: 'expired' };
      }
      if (decision === 'cancel') {
        if (!sameUser(user, req.requester)) return { kind: 'refused', reason: 'only the person who asked can cancel a request; approvers can reject it.' };
        this.repo.transition(id, 'proposed', 'cancelled', now, { closedBy: user });
        return { kind: 'cancelled' };
      }
      const need = req.plan.approval;
      if (decision === 'reject') {
        if (!sameUser(user, req.requester) && !isApprover(this.policy, need.eligible, user)) {
          return { kind: 'refused', reason: 'you are not an approver for this request, so you cannot reject it either.' };
        }
        this.repo.transition(id, 'proposed', 'rejected', now, { closedBy: user });
        return { kind: 'rejected' };
      }
      const refusal = approvalRefusal(this.policy, need, req.requester, user);
      if (refusal) return { kind: 'refused', reason: refusal };
      const have = this.repo.addVote(id, userKey(user), user, now);
      const needed = need.required ? need.approvers : 1;
      if (have < needed) return { kind: 'counted', have, need: needed };
      return this.repo.transition(id, 'proposed', 'approved', now, { closedBy: user }) ? { kind: 'approved' } : { kind: 'closed', state: 'approved' };
    });
  }

  async beginExecution(id: string): Promise<boolean> {
    return this.repo.transition(id, 'approved', 'executing', this.clock.now().toISOString());
  }

  async finish(id: string, state: 'succeeded' | 'failed', result: string): Promise<void> {
    this.repo.transition(id, 'executing', state, this.clock.now().toISOString(), { result });
  }

  /** At start-up: executions that were running when the process died are marked interrupted, never re-run. */
  interruptRunning(): ApprovalRecord[] {
    const running = this.repo.inState('executing');
    for (const r of running) this.repo.transition(r.id, 'executing', 'interrupted', this.clock.now().toISOString(), { result: 'the bot stopped while this was running; check the resource before asking again' });
    return running;
  }
}

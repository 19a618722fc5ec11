import type { ApprovalConfig } from '../config';
import type { ChatPlace, ChatUser, MessageRef, Platform } from '../core';
import { userKey } from '../core';
import { randomBytes } from 'node:crypto';
import type { ApprovalDesk as Desk, ApprovalRecord, Clock, Decision, DecisionOutcome, FinishOutcome, StoredPlan } from '../core';
import type { ApprovalRepository } from '../store';
import { approvalRefusal, isApprover, OTHER_TENANT, otherTenant, sameUser } from './authorize';

/** Who runs executions in this process, and how long a run's lease holds without a heartbeat. */
export interface RunLeaseOptions {
  /** This process (replica): host, pid and a random part, so two processes never share it. */
  owner: string;
  /** A lease not renewed for this long is expired: another process may then mark the run interrupted. */
  ttlMs: number;
  /** How often a running execution renews its lease. */
  heartbeatMs: number;
}

export const DEFAULT_RUN_LEASE = { ttlMs: 60_000, heartbeatMs: 10_000 };

/**
 * Approval requests as a state machine in the store:
 * proposed -> approved | rejected | expired | cancelled; approved -> executing -> succeeded | failed | interrupted.
 * Every click is checked for "already answered", "timed out" and "allowed" inside one transaction before
 * anything changes; deny by default. Votes are per person (N of M distinct approvers).
 */
export class ApprovalDesk implements Desk {
  readonly lease: RunLeaseOptions;
  /** Heartbeat timers of the runs this process is executing. */
  private readonly beats = new Map<string, ReturnType<typeof setInterval>>();

  constructor(
    private readonly repo: ApprovalRepository,
    private readonly policy: ApprovalConfig,
    private readonly clock: Clock,
    lease: Partial<RunLeaseOptions> = {},
  ) {
    this.lease = {
      owner: lease.owner ?? `desk-${randomBytes(6).toString('hex')}`,
      ttlMs: lease.ttlMs ?? DEFAULT_RUN_LEASE.ttlMs,
      heartbeatMs: lease.heartbeatMs ?? DEFAULT_RUN_LEASE.heartbeatMs,
    };
  }

  private leaseUntil(): string {
    return new Date(this.clock.now().getTime() + this.lease.ttlMs).toISOString();
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  private expiry(plan: StoredPlan): string {
    return new Date(this.clock.now().getTime() + plan.approval.ttlSeconds * 1000).toISOString();
  }

  async open(id: string, plan: StoredPlan, requester: ChatUser, place: ChatPlace): Promise<ApprovalRecord> {
    await this.repo.insert({ id, plan, requester, place, createdAt: this.now(), expiresAt: this.expiry(plan) });
    return (await this.repo.get(id))!;
  }

  async attachMessage(id: string, ref: MessageRef): Promise<void> {
    await this.repo.atomically(async (repo) => {
      await repo.setMessage(id, ref);
      await repo.addOrigin(id, ref, 'card', this.now());
    });
  }

  async addCardCopy(id: string, ref: MessageRef): Promise<void> {
    await this.repo.addOrigin(id, ref, 'copy', this.now());
  }

  async get(id: string): Promise<ApprovalRecord | undefined> {
    return this.repo.get(id);
  }

  async mayApprove(id: string, user: ChatUser): Promise<boolean> {
    const req = await this.repo.get(id);
    if (!req || req.state !== 'proposed' || this.now() >= req.expiresAt || req.plan.risk.blocked) return false;
    return approvalRefusal(this.policy, req.plan.approval, req.requester, user) === undefined;
  }

  async decide(id: string, user: ChatUser, decision: Decision, revision?: number): Promise<DecisionOutcome> {
    return this.repo.atomically(async (repo): Promise<DecisionOutcome> => {
      const req = await repo.get(id, { lock: true });
      if (!req) return { kind: 'unknown' };
      if (req.state !== 'proposed') return { kind: 'closed', state: req.state };
      const now = this.now();
      if (now >= req.expiresAt) {
        await repo.transition(id, 'proposed', 'expired', now, { result: 'nobody approved it in time' });
        return { kind: 'expired' };
      }
      if (decision === 'cancel') {
        if (!sameUser(user, req.requester))
          return { kind: 'refused', reason: 'only the person who asked can cancel a request; approvers can reject it.' };
        await repo.transition(id, 'proposed', 'cancelled', now, { closedBy: user });
        return { kind: 'cancelled' };
      }
      const need = req.plan.approval;
      if (decision === 'reject') {
        if (otherTenant(req.requester, user)) return { kind: 'refused', reason: OTHER_TENANT };
        if (!sameUser(user, req.requester) && !isApprover(this.policy, need.eligible, user)) {
          return { kind: 'refused', reason: 'you are not an approver for this request, so you cannot reject it either.' };
        }
        await repo.transition(id, 'proposed', 'rejected', now, { closedBy: user });
        return { kind: 'rejected' };
      }
      if (req.plan.risk.blocked)
        return { kind: 'refused', reason: `this plan cannot run: ${req.plan.risk.reasons[0] ?? 'it is blocked'}.` };
      const refusal = approvalRefusal(this.policy, need, req.requester, user);
      if (refusal) return { kind: 'refused', reason: refusal };
      if (revision !== undefined && revision !== (req.revision ?? 0)) return { kind: 'stale', revision: req.revision ?? 0 };
      const needed = need.required ? need.approvers : 1;
      if (req.approvals.some((a) => sameUser(a.user, user)))
        return { kind: 'counted', have: req.approvals.length, need: needed, again: true };
      const have = await repo.addVote(id, userKey(user), user, now);
      if (have < needed) return { kind: 'counted', have, need: needed };
      return (await repo.transition(id, 'proposed', 'approved', now, { closedBy: user }))
        ? { kind: 'approved' }
        : { kind: 'closed', state: 'approved' };
    });
  }

  async revise(id: string, revision: number, plan: StoredPlan): Promise<ApprovalRecord | undefined> {
    return this.repo.atomically(async (repo) => {
      const req = await repo.get(id, { lock: true });
      if (!req || req.state !== 'proposed' || (req.revision ?? 0) !== revision) return undefined;
      return (await repo.revise(id, revision, plan, this.expiry(plan), this.now())) ? repo.get(id) : undefined;
    });
  }

  async beginExecution(id: string): Promise<boolean> {
    if (!(await this.repo.beginRun(id, this.lease.owner, this.now(), this.leaseUntil()))) return false;
    const beat = setInterval(() => {
      this.heartbeat(id).then(
        (mine) => {
          if (!mine) this.stopBeat(id);
        },
        (e) => {
          // Busy (SQLITE_BUSY past busy_timeout) or a Postgres connection hiccup: beat again next time.
          // A closed store means this process is going away.
          if ((e as { code?: string }).code === 'STORE_CLOSED') this.stopBeat(id);
        },
      );
    }, this.lease.heartbeatMs);
    beat.unref();
    this.beats.set(id, beat);
    return true;
  }

  /** Renew this process's lease on a run. False when it is not executing under this process any more. */
  heartbeat(id: string): Promise<boolean> {
    return this.repo.renewLease(id, this.lease.owner, this.now(), this.leaseUntil());
  }

  private stopBeat(id: string): void {
    const beat = this.beats.get(id);
    if (beat) clearInterval(beat);
    this.beats.delete(id);
  }

  async finish(id: string, state: 'succeeded' | 'failed', result: string): Promise<FinishOutcome> {
    this.stopBeat(id);
    return this.repo.atomically(async (repo): Promise<FinishOutcome> => {
      const now = this.now();
      let outcome: FinishOutcome;
      await repo.get(id, { lock: true });
      if (await repo.transition(id, 'executing', state, now, { result })) outcome = { recorded: true };
      // Another process took the lease for dead (this one stalled past it) and said "interrupted": the
      // run did finish, and its real outcome is what the request must say.
      else if (await repo.transition(id, 'interrupted', state, now, { result })) outcome = { recorded: true, overrode: 'interrupted' };
      else outcome = { recorded: false, state: (await repo.get(id))?.state };
      await repo.releaseLease(id);
      return outcome;
    });
  }

  /** The runs this process is executing now (their leases are being renewed). */
  running(): string[] {
    return [...this.beats.keys()];
  }

  /**
   * Shutting down with runs still going (the grace period is over): stop renewing their leases and
   * release them, so the next replica's sweep (or this bot's next start) marks them interrupted at once
   * instead of after the lease time. They are never run again. Returns their ids, and those whose lease
   * could not be released (the store unreachable): they are marked interrupted once the lease expires.
   */
  async handBack(): Promise<{ handedBack: string[]; kept: { id: string; error: string }[] }> {
    const handedBack: string[] = [];
    const kept: { id: string; error: string }[] = [];
    for (const id of this.running()) {
      this.stopBeat(id);
      // The store unreachable (the reason for the shutdown, often): the lease stays and runs out instead.
      await this.repo.releaseLease(id).then(
        () => handedBack.push(id),
        (e) => kept.push({ id, error: (e as Error).message }),
      );
    }
    return { handedBack, kept };
  }

  /** This process stops: its runs' leases are no longer renewed (another process may interrupt them once they expire). */
  close(): void {
    for (const id of [...this.beats.keys()]) this.stopBeat(id);
  }

  async expireDue(): Promise<ApprovalRecord[]> {
    return this.repo.atomically(async (repo) => {
      const now = this.now();
      const out: ApprovalRecord[] = [];
      for (const r of await repo.due(now)) {
        if (await repo.transition(r.id, 'proposed', 'expired', now, { result: 'nobody approved it in time' }))
          out.push((await repo.get(r.id))!);
      }
      return out;
    });
  }

  /**
   * At start-up and now and then: executions whose process died (their lease expired: nobody renewed it
   * for `ttlMs`) are marked interrupted, never re-run. A live run of another process is left alone. A
   * request approved but not started within the lease time is closed the same way: nothing ran, and
   * nobody should be surprised by it running hours later.
   */
  interruptRunning(): Promise<ApprovalRecord[]> {
    return this.repo.atomically(async (repo) => {
      const now = this.now();
      const out: ApprovalRecord[] = [];
      for (const r of await repo.abandonedRuns(now)) {
        if (
          await repo.transition(r.id, 'executing', 'interrupted', now, {
            result: 'the bot stopped while this was running; it was not run again. Check the resource before asking again.',
          })
        ) {
          await repo.releaseLease(r.id);
          out.push((await repo.get(r.id))!);
        }
      }
      for (const r of await repo.approvedBefore(new Date(this.clock.now().getTime() - this.lease.ttlMs).toISOString())) {
        if (
          await repo.transition(r.id, 'approved', 'interrupted', now, {
            result: 'the bot stopped after this was approved and before it started; nothing was run. Ask again if it is still needed.',
          })
        )
          out.push((await repo.get(r.id))!);
      }
      return out;
    });
  }

  async waiting(platform: Platform): Promise<ApprovalRecord[]> {
    return this.repo.waiting(platform, this.now());
  }

  async unannounced(platform: Platform): Promise<ApprovalRecord[]> {
    return this.repo.unannounced(platform);
  }

  async markAnnounced(id: string): Promise<boolean> {
    return this.repo.markAnnounced(id, this.now());
  }

  async releaseAnnouncement(id: string): Promise<void> {
    await this.repo.unmarkAnnounced(id);
  }
}

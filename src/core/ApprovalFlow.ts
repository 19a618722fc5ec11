import { cardOriginRefusal } from './card-origin';
import { approvalButtonValue, formatUtc, parseApprovalButtonValue, planCard, progressCard, refusalCard, resultCard } from './cards';
import type { ChatButtonEvent, ChatMessage, ChatPlace, ChatSink, ChatTextEvent, ChatUser, Platform } from './chat';
import { userKey } from './chat';
import { inertLine } from './inert';
import { patientChat } from './patient-chat';
import { isResourceParameter, type Playbook } from './playbook';
import type { ResourceType } from './resource';
import { isResource, type FleetPlan, type ParamValue, type RiskAssessment } from './plan';
import { assessFleet, memberKey } from './fleet-plan';

/** A closed request's state, said as a sentence ("has already succeeded", "has already been rejected"). */
const FINISHED: Record<string, string> = {
  succeeded: 'succeeded',
  failed: 'failed',
  executing: 'started running',
  interrupted: 'been interrupted',
  rejected: 'been rejected',
  expired: 'expired',
  cancelled: 'been cancelled',
  approved: 'been approved',
};
import type {
  ApprovalDesk,
  ApprovalRecord,
  AuditTrail,
  Clock,
  Decision,
  Executor,
  Logger,
  PlaybookCatalog,
  ResourceResolver,
  RiskAssessor,
  StoredPlan,
} from './ports';

export interface ApprovalFlowDeps {
  catalog: PlaybookCatalog;
  resolver: ResourceResolver;
  desk: ApprovalDesk;
  executor: Executor;
  audit: AuditTrail;
  clock: Clock;
  /** Re-assesses the plan at approval time; without it only the resources' states are checked. */
  assessor?: RiskAssessor;
  label?: string;
  log?: Logger;
  /** Waits between retries of a chat call that failed for a passing reason (tests pass an instant one). */
  sleep?: (ms: number) => Promise<void>;
}

type Recheck =
  | { kind: 'same'; params: Record<string, ParamValue>; fleet?: FleetPlan }
  | { kind: 'changed'; plan: StoredPlan; changes: string[] };

/**
 * What happens after the plan card is posted: approve / reject / cancel clicks, the re-check of the facts
 * at approval time, the single execution, expiry, and reporting executions a restart interrupted.
 */
export class ApprovalFlow {
  constructor(private readonly deps: ApprovalFlowDeps) {}

  /** Chat calls around approvals and runs: retried when the failure passes, logged when it does not, never thrown. */
  private patient(sink: ChatSink): ChatSink {
    return patientChat(sink, { log: this.deps.log, sleep: this.deps.sleep });
  }

  async onDecision(event: ChatButtonEvent, chat: ChatSink): Promise<void> {
    const sink = this.patient(chat);
    const { id, revision } = parseApprovalButtonValue(event.value);
    const decision: Decision =
      event.action === 'approve' || event.action === 'run' ? 'approve' : event.action === 'reject' ? 'reject' : 'cancel';
    const actor = userKey(event.user);
    // A click decides only the card it was clicked on: request B's id on another message decides nothing.
    const clicked = await this.deps.desk.get(id);
    const misplaced = clicked && cardOriginRefusal(clicked, event);
    if (misplaced) {
      this.deps.log?.warn(
        { requestId: id, decision, actor, from: event.message ?? event.place },
        "click refused: not from the request's card",
      );
      await this.deps.audit.record({
        requestId: id,
        kind: 'refusal',
        actor,
        data: { decision, reason: misplaced, user: event.user, from: event.message ?? { place: event.place } },
      });
      await sink.whisper(event.place, event.user, refusalCard(misplaced));
      return;
    }
    let fresh: Record<string, ParamValue> | undefined;
    let freshFleet: FleetPlan | undefined;
    if (decision === 'approve' && (await this.deps.desk.mayApprove(id, event.user))) {
      const record = (await this.deps.desk.get(id))!;
      if ((record.revision ?? 0) === revision) {
        const check = await this.recheck(record);
        if (check.kind === 'changed') {
          if (await this.refresh(record, check, event.user, event.place, sink)) return;
        } else {
          fresh = check.params;
          freshFleet = check.fleet;
        }
      }
    }
    const outcome = await this.deps.desk.decide(id, event.user, decision, decision === 'approve' ? revision : undefined);
    const record = await this.deps.desk.get(id);
    const who = event.user.displayName ?? event.user.id;
    this.deps.log?.info({ requestId: id, decision, outcome: outcome.kind, actor, revision }, 'approval click');
    switch (outcome.kind) {
      case 'unknown':
        await sink.whisper(event.place, event.user, refusalCard('that request does not exist (it may be from another bot installation).'));
        return;
      case 'refused':
        await this.deps.audit.record({
          requestId: id,
          kind: 'refusal',
          actor,
          data: { decision, reason: outcome.reason, user: event.user },
        });
        await sink.whisper(event.place, event.user, refusalCard(outcome.reason));
        return;
      case 'closed':
        await sink.whisper(event.place, event.user, {
          kind: 'info',
          text: `That request has already ${FINISHED[outcome.state] ?? `been ${outcome.state}`}; nothing more to do.`,
        });
        return;
      case 'stale':
        await sink.whisper(event.place, event.user, {
          kind: 'info',
          text: 'The plan changed since that card was shown (it has been refreshed above). Review the new card and approve it there.',
        });
        return;
      case 'expired':
        await this.deps.audit.record({ requestId: id, kind: 'expiry', actor, data: { expiresAt: record?.expiresAt } });
        await this.updateCard(record!, sink);
        await sink.whisper(event.place, event.user, {
          kind: 'info',
          text: 'That request expired before it was approved. Ask again if it is still needed.',
        });
        return;
      case 'rejected':
      case 'cancelled':
        await this.deps.audit.record({
          requestId: id,
          kind: outcome.kind === 'rejected' ? 'rejection' : 'cancellation',
          actor,
          data: { user: event.user },
        });
        await this.updateCard(record!, sink, [`${outcome.kind === 'rejected' ? 'Rejected' : 'Cancelled'} by ${who}.`]);
        return;
      case 'counted':
        if (outcome.again) {
          const more = outcome.need - outcome.have;
          await sink.whisper(event.place, event.user, {
            kind: 'info',
            text:
              `You have already approved this; your vote counts once. It needs ${more} more ` +
              `approver${more === 1 ? '' : 's'}` +
              `${record?.plan.approval.eligible.length ? ` from ${record.plan.approval.eligible.join(', ')}` : ''}` +
              `.`,
          });
          return;
        }
        await this.deps.audit.record({
          requestId: id,
          kind: 'approval',
          actor,
          data: { have: outcome.have, need: outcome.need, revision, user: event.user },
        });
        await this.updateCard(record!, sink, [`${outcome.have} of ${outcome.need} approvals so far.`]);
        return;
      case 'approved':
        await this.deps.audit.record({ requestId: id, kind: 'approval', actor, data: { final: true, revision, user: event.user } });
        await this.run(record!, fresh, sink, freshFleet);
        return;
    }
  }

  /**
   * `approve req-…` / `reject req-…` typed in the console: decided as a click on the request's own card
   * would be (same authorization, re-check and single run). Only in the console, only for console
   * requests: in Slack and Teams a decision comes from the card itself.
   */
  async decideTyped(id: string, action: 'approve' | 'reject', event: ChatTextEvent, chat: ChatSink): Promise<void> {
    const sink = this.patient(chat);
    const say = (text: string) => sink.post(event.place, { kind: 'info', text });
    if (event.place.platform !== 'console') {
      await say("Decide on the request's card, with its buttons: typed approvals are only for the console.");
      return;
    }
    const record = await this.deps.desk.get(id);
    const card = record?.message ?? record?.origins?.[0];
    if (!record || record.place.platform !== 'console' || !card) {
      await say(
        `There is no request ${inertLine(id)} in this console. \`${action} <id>\` takes the id shown under a plan card (request req-…).`,
      );
      return;
    }
    await this.onDecision(
      {
        kind: 'button',
        id: event.id,
        user: event.user,
        place: card.place,
        action,
        value: approvalButtonValue(record.id, record.revision),
        message: card,
      },
      sink,
    );
  }

  /**
   * At console start: the requests still waiting there, shown again with working buttons (the console's
   * earlier messages went away with its process). The new message becomes the card.
   */
  async showWaiting(platform: Platform, chat: ChatSink): Promise<number> {
    const sink = this.patient(chat);
    const waiting = await this.deps.desk.waiting(platform);
    for (const r of waiting) {
      const card = this.cardFor(r, ['Shown again: the bot restarted while this was waiting. Its buttons work.']);
      if (!card) continue;
      const ref = await sink.post(r.place, card);
      if (ref.id) await this.deps.desk.attachMessage(r.id, ref);
    }
    return waiting.length;
  }

  /**
   * The requester corrected the request in its thread ("actually make it m5.large"): the old one, if
   * still waiting, is cancelled so that nobody approves the plan they took back.
   */
  async supersede(id: string, user: ChatUser, replacedBy: string, sink: ChatSink): Promise<void> {
    const outcome = await this.deps.desk.decide(id, user, 'cancel');
    if (outcome.kind !== 'cancelled') return;
    await this.deps.audit.record({ requestId: id, kind: 'cancellation', actor: userKey(user), data: { user, replacedBy } });
    await this.updateCard(await this.record(id), sink, [
      `Replaced by request ${replacedBy}, which ${user.displayName ?? user.id} asked for instead.`,
    ]);
  }

  /** "cancel" typed under a waiting request: 'cancelled', or why not, in words for the user. */
  async withdraw(id: string, user: ChatUser, sink: ChatSink): Promise<string> {
    const outcome = await this.deps.desk.decide(id, user, 'cancel');
    if (outcome.kind === 'cancelled') {
      await this.deps.audit.record({ requestId: id, kind: 'cancellation', actor: userKey(user), data: { user, by: 'text' } });
      await this.updateCard(await this.record(id), sink, [`Cancelled by ${user.displayName ?? user.id}.`]);
      return 'cancelled';
    }
    if (outcome.kind === 'refused') return `You cannot do that: ${outcome.reason}`;
    if (outcome.kind === 'closed')
      return `Request ${id} has already ${FINISHED[outcome.state] ?? `been ${outcome.state}`}; nothing to cancel.`;
    if (outcome.kind === 'expired') return `Request ${id} had already expired; nothing to cancel.`;
    return 'There is no request of yours waiting here to cancel.';
  }

  /** Re-read the resources and re-assess: did a fact the risk depends on change since the card was made? */
  private async recheck(record: ApprovalRecord): Promise<Recheck> {
    const playbook = this.deps.catalog.get(record.plan.playbook);
    if (!playbook) return { kind: 'same', params: record.plan.params };
    if (record.plan.fleet) return this.recheckFleet(record, playbook, record.plan.fleet);
    const params: Record<string, ParamValue> = { ...record.plan.params };
    const gone: string[] = [];
    for (const param of playbook.parameters.filter(isResourceParameter)) {
      const value = params[param.name];
      if (!isResource(value)) continue;
      const now = await this.deps.resolver.reread(value, record.id);
      if (now) params[param.name] = now;
      else gone.push(`${value.name} no longer exists`);
    }
    const before = record.plan;
    let risk: RiskAssessment = this.deps.assessor
      ? this.deps.assessor.assess(playbook, params, { requester: record.requester, at: this.deps.clock.now() })
      : before.risk;
    if (gone.length) risk = { ...risk, blocked: true, reasons: [...gone, ...risk.reasons] };
    const approval = this.deps.assessor ? this.deps.assessor.approvalFor(playbook, risk) : before.approval;
    if (canonical({ risk, approval }) === canonical({ risk: before.risk, approval: before.approval })) return { kind: 'same', params };
    return {
      kind: 'changed',
      plan: { ...before, params, risk, approval },
      changes: describeChanges(before, { ...before, params, risk, approval }),
    };
  }

  /**
   * A fleet plan: every member re-read from the cloud, the set read again as the request named it, and each
   * member assessed again. One approval covers the listed set exactly: a set that changed (a member
   * stopped, re-tagged, gone, a new one matching) revises the plan; it is never run as approved.
   */
  private async recheckFleet(record: ApprovalRecord, playbook: Playbook, before: FleetPlan): Promise<Recheck> {
    const param = playbook.parameters.find((p) => p.name === before.param);
    const gone: string[] = [];
    const members: typeof before.members = [];
    for (const m of [...before.members, ...before.skipped.map((x) => x.resource)]) {
      const now = await this.deps.resolver.reread(m, record.id);
      if (now) members.push(now);
      else gone.push(m.name);
    }
    const set =
      param && this.deps.resolver.resolveSet
        ? await this.deps.resolver.resolveSet(before.selector, param.type as ResourceType)
        : { members, unresolved: [], described: before.described };
    if (!this.deps.assessor || !param) {
      const same = !gone.length && memberKey(set.members) === memberKey([...before.members, ...before.skipped.map((x) => x.resource)]);
      if (same)
        return {
          kind: 'same',
          params: record.plan.params,
          fleet: { ...before, members: before.members.map((m) => members.find((x) => x.id === m.id && x.account === m.account) ?? m) },
        };
      const risk = {
        ...record.plan.risk,
        blocked: true,
        reasons: ['the set of resources changed since it was approved for', ...record.plan.risk.reasons],
      };
      return { kind: 'changed', plan: { ...record.plan, risk }, changes: ['the set of resources changed'] };
    }
    const facts = { requester: record.requester, at: this.deps.clock.now() };
    const again = await assessFleet(
      { assessor: this.deps.assessor },
      playbook,
      param,
      before.selector,
      set,
      record.plan.params,
      facts,
      before.tooMany?.limit ?? Number.MAX_SAFE_INTEGER,
    );
    // A limit was applied when planning: keep it (the plan above recorded it only when it was exceeded).
    const approval = again.risk.blocked ? record.plan.approval : this.deps.assessor.approvalFor(playbook, again.risk);
    const changes = fleetChanges(before, again.fleet, gone);
    const sameRisk = canonical({ risk: again.risk, approval }) === canonical({ risk: record.plan.risk, approval: record.plan.approval });
    if (!changes.length && sameRisk) return { kind: 'same', params: record.plan.params, fleet: again.fleet };
    const plan: StoredPlan = { ...record.plan, fleet: again.fleet, risk: again.risk, approval };
    return {
      kind: 'changed',
      plan,
      changes: changes.length
        ? [...changes, ...(sameRisk ? [] : describeChanges(record.plan, plan).filter((c) => c !== 'the risk assessment changed'))]
        : describeChanges(record.plan, plan),
    };
  }

  /** The facts changed: store the new plan (votes start over), refresh the card, tell the thread. */
  private async refresh(
    record: ApprovalRecord,
    check: Extract<Recheck, { kind: 'changed' }>,
    user: ChatUser,
    place: ChatPlace,
    sink: ChatSink,
  ): Promise<boolean> {
    const revised = await this.deps.desk.revise(record.id, record.revision ?? 0, check.plan);
    if (!revised) return false;
    this.deps.log?.info(
      { requestId: record.id, revision: revised.revision, changes: check.changes },
      'facts changed at approval time; card refreshed',
    );
    await this.deps.audit.record({
      requestId: record.id,
      kind: 'revision',
      actor: userKey(user),
      data: {
        revision: revised.revision,
        changes: check.changes,
        risk: check.plan.risk,
        approval: check.plan.approval,
        votesDropped: record.approvals.length,
      },
    });
    const blocked = check.plan.risk.blocked;
    const note = `The facts changed since this was proposed: ${check.changes.join('; ')}.`;
    await this.updateCard(revised, sink, [
      note,
      blocked ? 'It cannot run now.' : 'Approvals start over: review the refreshed card and approve again.',
    ]);
    await sink.post(this.thread(revised), {
      kind: 'info',
      text: `${note} ${blocked ? 'The plan is blocked; nothing was run.' : 'The card above was refreshed and needs approval again.'}`,
    });
    await sink.whisper(place, user, {
      kind: 'info',
      text: `Nothing was run: ${note} Look at the refreshed card${blocked ? '' : ' and approve again if it is still right'}.`,
    });
    return true;
  }

  /**
   * Approved: run exactly once, on the resources as they are now. Whatever happens on the way (a chat
   * call failing, a re-read throwing), the request ends succeeded, failed or interrupted, never executing.
   */
  private async run(
    record: ApprovalRecord,
    fresh: Record<string, ParamValue> | undefined,
    sink: ChatSink,
    freshFleet?: FleetPlan,
  ): Promise<void> {
    if (!(await this.deps.desk.beginExecution(record.id))) return;
    // Everyone whose vote counted, not only the last click (a critical change has two approvers).
    const by = `Approved by ${approverNames(record)}.`;
    let params: Record<string, ParamValue> | undefined;
    try {
      const playbook = this.deps.catalog.get(record.plan.playbook);
      if (!playbook) {
        await this.fail(record.id, sink, `The playbook ${record.plan.playbook} is no longer loaded; nothing was run.`);
        return;
      }
      await this.deps.audit.record({
        requestId: record.id,
        kind: 'execution-start',
        actor: record.closedBy ? userKey(record.closedBy) : undefined,
        data: {},
      });
      if (record.plan.fleet) {
        await this.runFleet(record, playbook, freshFleet ?? record.plan.fleet, by, sink);
        return;
      }
      const now = fresh ?? (await this.reread(playbook, record.plan.params, record.id));
      if (typeof now === 'string') {
        await this.fail(record.id, sink, now);
        return;
      }
      params = now;
      for (const param of playbook.parameters.filter(isResourceParameter)) {
        const value = params[param.name];
        if (isResource(value) && param.states && !param.states.includes(value.state ?? '')) {
          await this.fail(
            record.id,
            sink,
            `${value.name} is now ${value.state}; ${playbook.id} needs it ${param.states.join(' or ')}. Nothing was run.`,
          );
          return;
        }
      }
      await this.updateCard(await this.record(record.id), sink, [`${by} Running…`]);
      const thread = this.thread(record);
      const result = await this.deps.executor.execute(playbook, params, {
        requestId: record.id,
        onProgress: async (text) => {
          await sink.post(thread, progressCard(text));
        },
      });
      const summary = result.steps.map((s) => (s.ok ? s.summary : s.error)).join('; ');
      await this.finish(record.id, result.ok ? 'succeeded' : 'failed', summary, sink);
      await this.deps.audit.record({ requestId: record.id, kind: 'result', data: { ok: result.ok, steps: result.steps } });
      await this.updateCard(await this.record(record.id), sink, [by, `${result.ok ? 'Result' : 'Failed'}: ${summary}`]);
      await sink.post(thread, resultCard(playbook.title, result, record.id));
    } catch (e) {
      // Never leave it "executing": say it failed part-way, so nobody assumes it did nothing.
      this.deps.log?.error({ requestId: record.id, err: (e as Error).message }, 'run failed on the bot side');
      const current = await this.deps.desk.get(record.id);
      if (current?.state === 'executing' || current?.state === 'interrupted') {
        await this.fail(
          record.id,
          sink,
          `The run stopped with an error on the bot's side (${(e as Error).message}); some ` +
            `steps may have run. Check ` +
            `${describeTargets(params ?? record.plan.params, record.plan.fleet)} before asking ` +
            `again.`,
        );
      }
    }
  }

  /**
   * A fleet, member by member through the executor's rolling run (health gate after each, first failure
   * stops the rest); progress per member in the thread; the card ends with done / failed / not started.
   */
  private async runFleet(record: ApprovalRecord, playbook: Playbook, fleet: FleetPlan, by: string, sink: ChatSink): Promise<void> {
    if (!this.deps.executor.executeFleet) {
      await this.fail(record.id, sink, 'This bot cannot run plans over a set of resources; nothing was run.');
      return;
    }
    await this.updateCard(await this.record(record.id), sink, [`${by} Running on ${fleet.members.length} resources…`]);
    const thread = this.thread(record);
    const result = await this.deps.executor.executeFleet(playbook, record.plan.params, fleet, {
      requestId: record.id,
      onProgress: async (text) => {
        await sink.post(thread, progressCard(text));
      },
    });
    const line = (status: string) => result.members.filter((m) => m.status === status).map((m) => m.resource.name);
    const done = line('done');
    const failed = result.members.filter((m) => m.status === 'failed');
    const notStarted = line('not started');
    const summary = [
      `done (${done.length}): ${done.join(', ') || 'none'}`,
      ...(failed.length ? [`failed (${failed.length}): ${failed.map((m) => `${m.resource.name} (${m.summary})`).join(', ')}`] : []),
      ...(notStarted.length ? [`not started (${notStarted.length}): ${notStarted.join(', ')}`] : []),
    ].join('; ');
    await this.finish(record.id, result.ok ? 'succeeded' : 'failed', summary, sink);
    await this.deps.audit.record({
      requestId: record.id,
      kind: 'result',
      data: {
        ok: result.ok,
        members: result.members.map((m) => ({ id: m.resource.id, name: m.resource.name, status: m.status, summary: m.summary })),
      },
    });
    await this.updateCard(await this.record(record.id), sink, [by, `${result.ok ? 'Result' : 'Stopped at the first failure'}: ${summary}`]);
    await sink.post(thread, resultCard(playbook.title, result, record.id));
  }

  /** Record the run's end; when the state was changed under it (another process), say so rather than lose it. */
  private async finish(id: string, state: 'succeeded' | 'failed', result: string, sink: ChatSink): Promise<void> {
    const outcome = await this.deps.desk.finish(id, state, result);
    if (outcome.recorded && !outcome.overrode) return;
    if (outcome.recorded) {
      this.deps.log?.warn(
        { requestId: id, state },
        'run finished after another process had marked it interrupted; its real outcome replaces that',
      );
      const record = await this.record(id);
      await sink.post(this.thread(record), {
        kind: 'info',
        text:
          `Correction: this run was reported as interrupted, but it was still running and has ` +
          `now ${state}. The card shows the real outcome.`,
        context: [`request ${id}`],
      });
      return;
    }
    this.deps.log?.error(
      { requestId: id, state, found: outcome.state },
      'could not record the end of a run: the request was no longer executing',
    );
  }

  private async reread(
    playbook: Playbook,
    stored: Record<string, ParamValue>,
    requestId: string,
  ): Promise<Record<string, ParamValue> | string> {
    const params = { ...stored };
    for (const param of playbook.parameters.filter(isResourceParameter)) {
      const value = params[param.name];
      if (!isResource(value)) continue;
      const now = await this.deps.resolver.reread(value, requestId);
      if (!now) return `${value.name} no longer exists; nothing was run.`;
      params[param.name] = now;
    }
    return params;
  }

  private async fail(id: string, sink: ChatSink, why: string): Promise<void> {
    await this.finish(id, 'failed', why, sink);
    await this.deps.audit.record({ requestId: id, kind: 'result', data: { ok: false, reason: why } });
    await this.updateCard(await this.record(id), sink, [why]);
  }

  /** Close requests past their time to live and say so on their cards. Returns how many it closed. */
  async expireDue(chat: ChatSink): Promise<number> {
    const sink = this.patient(chat);
    const closed = await this.deps.desk.expireDue();
    for (const r of closed) {
      await this.deps.audit.record({ requestId: r.id, kind: 'expiry', data: { expiresAt: r.expiresAt, approvals: r.approvals.length } });
      await this.updateCard(r, sink, [`Nobody approved it by ${formatUtc(r.expiresAt)}.`]);
    }
    return closed.length;
  }

  /** At start-up: tell each thread whose execution a restart interrupted; it was not run again. */
  async announceInterrupted(platform: Platform, sink: ChatSink): Promise<number> {
    const records = await this.deps.desk.unannounced(platform);
    for (const r of records) {
      const what = ` Check ${describeTargets(r.plan.params, r.plan.fleet)} before asking again.`;
      // Claimed before posting: of several replicas sweeping at once, one says it, once.
      if (!(await this.deps.desk.markAnnounced(r.id))) continue;
      try {
        await sink.post(this.thread(r), {
          kind: 'error',
          header: 'Interrupted by a restart',
          text: `${r.result ?? 'The bot stopped while this request was in progress.'}${what}`,
          context: [`request ${r.id}`],
        });
      } catch (e) {
        await this.deps.desk.releaseAnnouncement(r.id).catch(() => undefined);
        this.deps.log?.warn(
          { requestId: r.id, err: (e as Error).message },
          'could not report an interrupted execution; will try at the next sweep',
        );
        continue;
      }
      await this.updateCard(r, sink).catch((e) =>
        this.deps.log?.warn({ requestId: r.id, err: (e as Error).message }, 'could not update the card of an interrupted execution'),
      );
    }
    return records.length;
  }

  private thread(r: ApprovalRecord): ChatPlace {
    return { ...r.place, thread: r.place.thread ?? r.message?.id };
  }

  private async record(id: string): Promise<ApprovalRecord> {
    return (await this.deps.desk.get(id))!;
  }

  private async updateCard(record: ApprovalRecord, sink: ChatSink, status: string[] = []): Promise<void> {
    const message = this.cardFor(record, status);
    if (record.message && message) await sink.update(record.message, message);
  }

  /** The plan card for a stored request (also after a restart). */
  cardFor(record: ApprovalRecord, status: string[] = []): ChatMessage | undefined {
    const playbook = this.deps.catalog.get(record.plan.playbook);
    if (!playbook) return undefined;
    return planCard(
      {
        requestId: record.id,
        playbook,
        params: record.plan.params,
        risk: record.plan.risk,
        approval: record.plan.approval,
        ...(record.plan.notes ? { notes: record.plan.notes } : {}),
        ...(record.plan.fleet ? { fleet: record.plan.fleet } : {}),
      },
      { record, status, label: this.deps.label },
    );
  }
}

function approverNames(record: ApprovalRecord): string {
  const names = record.approvals.map((a) => a.user.displayName ?? a.user.id);
  if (!names.length && record.closedBy) names.push(record.closedBy.displayName ?? record.closedBy.id);
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? 'nobody');
}

/** How the set changed between the approved card and now, in words. */
function fleetChanges(before: FleetPlan, after: FleetPlan, gone: string[]): string[] {
  const ids = (f: FleetPlan) => new Set(f.members.map((m) => `${m.account}/${m.id}`));
  const was = ids(before);
  const now = ids(after);
  const out: string[] = gone.map((n) => `${n} no longer exists`);
  const added = after.members.filter((m) => !was.has(`${m.account}/${m.id}`)).map((m) => m.name);
  const dropped = before.members
    .filter((m) => !now.has(`${m.account}/${m.id}`))
    .map((m) => {
      const skip = after.skipped.find((x) => x.resource.id === m.id && x.resource.account === m.account);
      return skip ? `${m.name} (${skip.reasons[0]})` : m.name;
    });
  if (added.length) out.push(`the set now also has ${added.join(', ')}`);
  if (dropped.length) out.push(`the set no longer covers ${dropped.join(', ')}`);
  if (after.tooMany && !before.tooMany) out.push('the set is now larger than one plan may cover');
  return out;
}

function describeTargets(params: Record<string, ParamValue>, fleet?: FleetPlan): string {
  const names = [
    ...Object.values(params)
      .filter(isResource)
      .map((r) => r.name),
    ...(fleet?.members.map((m) => m.name) ?? []),
  ];
  return names.length ? names.join(', ') : 'the resources';
}

/** JSON with sorted keys, so two assessments compare by content. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

/** What changed between two plans, in words for the thread. */
function describeChanges(before: StoredPlan, after: StoredPlan): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(after.params)) {
    const old = before.params[name];
    if (isResource(value) && isResource(old) && old.state !== value.state)
      out.push(`${value.name} is now ${value.state ?? 'in an unknown state'} (was ${old.state ?? 'unknown'})`);
  }
  if (before.risk.level !== after.risk.level) out.push(`risk is now ${after.risk.level} (was ${before.risk.level})`);
  if (after.risk.blocked && !before.risk.blocked) out.push('the plan is now blocked');
  if (!after.risk.blocked && before.risk.blocked) out.push('the plan is no longer blocked');
  for (const r of after.risk.reasons) if (!before.risk.reasons.includes(r)) out.push(`new: ${r}`);
  for (const r of before.risk.reasons) if (!after.risk.reasons.includes(r)) out.push(`no longer: ${r}`);
  const deps = (p: StoredPlan) => p.risk.dependents ?? [];
  if (canonical(deps(before)) !== canonical(deps(after)))
    out.push(`what depends on it changed: ${deps(after).join('; ') || 'nothing now'}`);
  if (canonical(before.approval) !== canonical(after.approval)) out.push('the approval needed changed');
  return out.length ? out : ['the risk assessment changed'];
}

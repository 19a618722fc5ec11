import { clarifyCard, helpCard, missingCard, notUnderstoodCard, planCard, progressCard, refusalCard, resultCard, type CardPlan } from './cards';
import type { ChatButtonEvent, ChatEvent, ChatMessage, ChatPlace, ChatSink, ChatTextEvent, ChatUser, MessageRef } from './chat';
import { userKey } from './chat';
import { isResourceParameter } from './playbook';
import { isActionable, isResource, type ParamValue, type Plan } from './plan';
import type { Planner } from './planner';
import type { ApprovalDesk, ApprovalRecord, AuditTrail, Clock, Executor, Logger, PlaybookCatalog, ResourceResolver, StoredPlan, ThreadContext } from './ports';

export interface ConversationDeps {
  planner: Planner;
  catalog: PlaybookCatalog;
  resolver: ResourceResolver;
  desk: ApprovalDesk;
  executor: Executor;
  audit: AuditTrail;
  clock: Clock;
  newId: () => string;
  /** Shown on every card when the estate is a sandbox. */
  label?: string;
  log?: Logger;
}

interface Pending {
  input: string;
  requester: ChatUser;
  plan: Plan;
}

/**
 * The core flow: chat -> understand -> resolve -> assess -> approve -> execute -> audit.
 * It speaks only the neutral chat model; adapters bring events in and render what it posts.
 */
export class Conversation {
  /** Clarifying questions and suggestions waiting for a click, by token. */
  private readonly pending = new Map<string, Pending>();
  /** The last plan per thread, for follow-ups. */
  private readonly threads = new Map<string, ThreadContext>();

  constructor(private readonly deps: ConversationDeps) {}

  async handle(event: ChatEvent, sink: ChatSink): Promise<void> {
    try {
      if (event.kind === 'message') await this.onText(event, sink);
      else await this.onButton(event, sink);
    } catch (e) {
      this.deps.log?.error({ err: (e as Error).message, event: event.id }, 'conversation failed');
      await sink.post(event.place, { kind: 'error', text: `Something went wrong on my side: ${(e as Error).message}. Nothing was changed in AWS by this message.` });
    }
  }

  private async onText(event: ChatTextEvent, sink: ChatSink): Promise<void> {
    const text = event.text.trim();
    if (!text) return;
    if (/^(help|\?|what can you do\??)$/i.test(text)) {
      await sink.post(event.place, helpCard(this.deps.catalog.list(), this.deps.label));
      return;
    }
    const requestId = this.deps.newId();
    await this.deps.audit.record({ requestId, kind: 'request', actor: userKey(event.user), data: { text, place: event.place } });
    const context = this.threads.get(threadKey(event.place)) ?? (event.place.thread ? undefined : this.threads.get(channelKey(event.place, event.user)));
    const plan = await this.deps.planner.plan(text, { requester: event.user, at: this.deps.clock.now(), requestId }, { context });
    await this.present(plan, requestId, event.user, event.place, sink);
  }

  private async present(plan: Plan, requestId: string, requester: ChatUser, place: ChatPlace, sink: ChatSink): Promise<void> {
    await this.deps.audit.record({
      requestId,
      kind: 'understood',
      data: { playbook: plan.playbook?.id ?? null, confidence: plan.confidence, by: plan.understoodBy, params: summarizeParams(plan.params), clarify: plan.clarify?.param, missing: plan.missing?.param },
    });
    if (!plan.playbook) {
      const token = this.remember({ input: plan.input, requester, plan });
      await sink.post(place, notUnderstoodCard(plan, token));
      return;
    }
    if (plan.playbook.id === 'help') {
      await sink.post(place, helpCard(this.deps.catalog.list(), this.deps.label));
      return;
    }
    if (plan.clarify) {
      const token = this.remember({ input: plan.input, requester, plan });
      this.keepThread(place, await sink.post(place, clarifyCard(plan, token, this.deps.label)), requester, plan);
      return;
    }
    if (plan.missing) {
      this.keepThread(place, await sink.post(place, missingCard(plan, this.deps.label)), requester, plan);
      return;
    }
    const card: CardPlan = { requestId, playbook: plan.playbook, params: plan.params, risk: plan.risk, approval: plan.approval };
    await this.deps.audit.record({ requestId, kind: 'plan', data: { playbook: plan.playbook.id, risk: plan.risk, approval: plan.approval, blocked: plan.blocked } });
    if (!isActionable(plan)) {
      this.keepThread(place, await sink.post(place, planCard(card, { label: this.deps.label })), requester, plan);
      return;
    }
    if (plan.playbook.readOnly) {
      const result = await this.deps.executor.execute(plan.playbook, plan.params, { requestId, onProgress: () => undefined });
      await this.deps.audit.record({ requestId, kind: 'result', data: { ok: result.ok, steps: result.steps } });
      this.keepThread(place, await sink.post(place, result.output ?? resultCard(plan.playbook.title, result, requestId)), requester, plan);
      return;
    }
    const stored: StoredPlan = { input: plan.input, playbook: plan.playbook.id, params: plan.params, risk: plan.risk, approval: plan.approval };
    const record = await this.deps.desk.open(requestId, stored, requester, place);
    const ref = await sink.post(place, planCard(card, { record, label: this.deps.label }));
    await this.deps.desk.attachMessage(requestId, ref);
    this.keepThread(place, ref, requester, plan);
  }

  /**
   * Remember the plan for follow-ups in its thread ("and web-prod-2 too"); in a place without threads
   * (the console, a channel message), for the same person's next message there.
   */
  private keepThread(place: ChatPlace, ref: MessageRef, requester: ChatUser, plan: Plan): void {
    if (!plan.playbook) return;
    const params = rawParams(plan.params);
    if (plan.clarify) params[plan.clarify.param] = plan.clarify.query;
    const context: ThreadContext = { playbook: plan.playbook.id, params };
    this.threads.set(threadKey({ ...place, thread: place.thread ?? ref.id }), context);
    if (!place.thread) this.threads.set(channelKey(place, requester), context);
    // Follow-ups are for recent plans: keep the latest few thousand threads, not every one forever.
    for (const key of this.threads.keys()) {
      if (this.threads.size <= 5000) break;
      this.threads.delete(key);
    }
  }

  private remember(p: Pending): string {
    const token = this.deps.newId();
    this.pending.set(token, p);
    return token;
  }

  private async onButton(event: ChatButtonEvent, sink: ChatSink): Promise<void> {
    if (event.action === 'choose' || event.action === 'suggest') return this.onChoice(event, sink);
    const id = event.value;
    const decision = event.action === 'approve' || event.action === 'run' ? 'approve' : event.action === 'reject' ? 'reject' : 'cancel';
    const outcome = await this.deps.desk.decide(id, event.user, decision);
    const actor = userKey(event.user);
    const record = await this.deps.desk.get(id);
    switch (outcome.kind) {
      case 'unknown':
        await sink.whisper(event.place, event.user, refusalCard('that request does not exist (it may be from another bot installation).'));
        return;
      case 'refused':
        await this.deps.audit.record({ requestId: id, kind: 'refusal', actor, data: { decision, reason: outcome.reason } });
        await sink.whisper(event.place, event.user, refusalCard(outcome.reason));
        return;
      case 'closed':
        await sink.whisper(event.place, event.user, { kind: 'info', text: `That request is already ${outcome.state}; nothing more to do.` });
        return;
      case 'expired':
        await this.deps.audit.record({ requestId: id, kind: 'expiry', actor, data: {} });
        await this.updateCard(record!, sink);
        await sink.whisper(event.place, event.user, { kind: 'info', text: 'That request expired before it was approved. Ask again if it is still needed.' });
        return;
      case 'rejected':
      case 'cancelled':
        await this.deps.audit.record({ requestId: id, kind: outcome.kind === 'rejected' ? 'rejection' : 'cancellation', actor, data: {} });
        await this.updateCard(record!, sink, [`${outcome.kind === 'rejected' ? 'Rejected' : 'Cancelled'} by ${event.user.displayName ?? event.user.id}.`]);
        return;
      case 'counted':
        await this.deps.audit.record({ requestId: id, kind: 'approval', actor, data: { have: outcome.have, need: outcome.need } });
        await this.updateCard(record!, sink, [`${outcome.have} of ${outcome.need} approvals so far.`]);
        return;
      case 'approved':
        await this.deps.audit.record({ requestId: id, kind: 'approval', actor, data: { final: true } });
        await this.run(record!, event.user, sink);
        return;
    }
  }

  private async onChoice(event: ChatButtonEvent, sink: ChatSink): Promise<void> {
    const [token, choice] = splitOnce(event.value);
    const p = this.pending.get(token);
    if (!p) {
      await sink.whisper(event.place, event.user, { kind: 'info', text: 'That question has expired (the bot restarted or it was answered). Please ask again.' });
      return;
    }
    this.pending.delete(token);
    const requestId = this.deps.newId();
    await this.deps.audit.record({ requestId, kind: 'request', actor: userKey(event.user), data: { text: p.input, choice } });
    let plan: Plan;
    if (event.action === 'choose') {
      const c = p.plan.clarify!;
      const chosen = c.candidates[Number(choice)];
      if (!chosen) return;
      const fixed: Record<string, ParamValue> = { ...p.plan.params, [c.param]: chosen };
      plan = await this.deps.planner.plan(p.input, { requester: event.user, at: this.deps.clock.now(), requestId }, { playbook: p.plan.playbook!.id, fixed });
    } else {
      plan = await this.deps.planner.plan(p.input, { requester: event.user, at: this.deps.clock.now(), requestId }, { playbook: choice });
    }
    await this.present(plan, requestId, event.user, event.place, sink);
  }

  /** Approved: re-read the resources, then run exactly once. */
  private async run(record: ApprovalRecord, approver: ChatUser, sink: ChatSink): Promise<void> {
    const playbook = this.deps.catalog.get(record.plan.playbook);
    if (!(await this.deps.desk.beginExecution(record.id))) return;
    const fresh = await this.desk(record.id);
    if (!playbook) {
      await this.deps.desk.finish(record.id, 'failed', `playbook ${record.plan.playbook} is no longer in the catalog`);
      await this.updateCard(await this.desk(record.id), sink, [`The playbook ${record.plan.playbook} is no longer loaded; nothing was run.`]);
      return;
    }
    await this.deps.audit.record({ requestId: record.id, kind: 'execution-start', actor: userKey(approver), data: {} });
    const params: Record<string, ParamValue> = { ...record.plan.params };
    for (const param of playbook.parameters.filter(isResourceParameter)) {
      const value = params[param.name];
      if (!isResource(value)) continue;
      const now = await this.deps.resolver.reread(value);
      if (!now) {
        await this.fail(record.id, sink, `${value.name} no longer exists; nothing was run.`);
        return;
      }
      if (param.states && !param.states.includes(now.state ?? '')) {
        await this.fail(record.id, sink, `${now.name} is now ${now.state}; ${playbook.id} needs it ${param.states.join(' or ')}. Nothing was run.`);
        return;
      }
      params[param.name] = now;
    }
    await this.updateCard(fresh, sink, [`Approved by ${approver.displayName ?? approver.id}. Running…`]);
    const thread: ChatPlace = { ...record.place, thread: record.message?.id ?? record.place.thread };
    const result = await this.deps.executor.execute(playbook, params, {
      requestId: record.id,
      onProgress: async (text) => {
        await sink.post(thread, progressCard(text));
      },
    });
    const summary = result.steps.map((s) => (s.ok ? s.summary : s.error)).join('; ');
    await this.deps.desk.finish(record.id, result.ok ? 'succeeded' : 'failed', summary);
    await this.deps.audit.record({ requestId: record.id, kind: 'result', data: { ok: result.ok, steps: result.steps } });
    await this.updateCard(await this.desk(record.id), sink, [`Approved by ${approver.displayName ?? approver.id}.`, `${result.ok ? 'Result' : 'Failed'}: ${summary}`]);
    await sink.post(thread, resultCard(playbook.title, result, record.id));
  }

  private async fail(id: string, sink: ChatSink, why: string): Promise<void> {
    await this.deps.desk.finish(id, 'failed', why);
    await this.deps.audit.record({ requestId: id, kind: 'result', data: { ok: false, reason: why } });
    await this.updateCard(await this.desk(id), sink, [why]);
  }

  private async desk(id: string): Promise<ApprovalRecord> {
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
      { requestId: record.id, playbook, params: record.plan.params, risk: record.plan.risk, approval: record.plan.approval },
      { record, status, label: this.deps.label },
    );
  }
}

function threadKey(place: ChatPlace): string {
  return `${place.platform}:${place.channel}:${place.thread ?? ''}`;
}

function channelKey(place: ChatPlace, user: ChatUser): string {
  return `${threadKey({ ...place, thread: undefined })}@${userKey(user)}`;
}

function splitOnce(v: string): [string, string] {
  const i = v.indexOf(':');
  return i < 0 ? [v, ''] : [v.slice(0, i), v.slice(i + 1)];
}

function rawParams(params: Record<string, ParamValue>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, isResource(v) ? v.id : typeof v === 'object' ? Object.entries(v).map(([a, b]) => `${a}=${b}`).join(' ') : String(v)]));
}

function summarizeParams(params: Record<string, ParamValue>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, isResource(v) ? { id: v.id, name: v.name, type: v.type, account: v.account, region: v.region } : v]));
}

export type { MessageRef };

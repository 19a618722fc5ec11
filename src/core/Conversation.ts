import { ApprovalFlow } from './ApprovalFlow';
import type { ChatCommands, PlanRequest } from './commands';
import { clarifyCard, helpCard, missingCard, notUnderstoodCard, planCard, resultCard, type CardPlan } from './cards';
import type { ChatButtonEvent, ChatEvent, ChatMessage, ChatPlace, ChatSink, ChatTextEvent, ChatUser, MessageRef, Platform } from './chat';
import { userKey } from './chat';
import { isActionable, isResource, type ParamValue, type Plan } from './plan';
import { isResourceParameter } from './playbook';
import type { Planner } from './planner';
import type {
  ApprovalDesk,
  ApprovalRecord,
  AuditTrail,
  Clock,
  ConversationState,
  Executor,
  Logger,
  PlaybookCatalog,
  ResourceResolver,
  RiskAssessor,
  ChoiceLabel,
  StoredPlan,
  ThreadContext,
} from './ports';
import { CHOICE_TTL_MS, MemoryConversationState, THREAD_TTL_MS } from './conversation-state';
import { ExplainedError } from './explained-error';
import type { Resource } from './resource';
import { chosenByReply } from './choice-reply';

export interface ConversationDeps {
  planner: Planner;
  catalog: PlaybookCatalog;
  resolver: ResourceResolver;
  desk: ApprovalDesk;
  executor: Executor;
  audit: AuditTrail;
  clock: Clock;
  newId: () => string;
  /** Re-assesses a plan when it is approved: a changed fact refreshes the card and asks again. */
  assessor?: RiskAssessor;
  /** Shown on every card when the estate is a sandbox. */
  label?: string;
  /** A platform's own note under the help card (the console's typed controls), by platform id. */
  helpNotes?: Partial<Record<string, string>>;
  log?: Logger;
  /** Commands answered beside the playbook flow (digests), tried before planning. */
  commands?: ChatCommands[];
  /** Waits between retries of chat calls around a run (tests pass an instant one). */
  sleep?: (ms: number) => Promise<void>;
  /** Clarification choices and thread follow-ups (the store's, shared by replicas); in memory when left out. */
  state?: ConversationState;
}

/** A question waiting for its click: what was asked, and (for a clarification) the plan's choices. Plain JSON. */
interface Pending {
  input: string;
  requester: ChatUser;
  playbook?: string;
  params?: Plan['params'];
  clarify?: Plan['clarify'];
}

/**
 * The core flow: chat -> understand -> resolve -> assess -> approve -> execute -> audit.
 * It speaks only the neutral chat model; adapters bring events in and render what it posts.
 */
export class Conversation {
  /** Clarifying questions and suggestions waiting for a click (by token), and the last plan per thread. */
  private readonly state: ConversationState;

  /** Approve / reject / cancel, the single execution, expiry, interrupted executions. */
  readonly approvals: ApprovalFlow;

  constructor(private readonly deps: ConversationDeps) {
    this.approvals = new ApprovalFlow(deps);
    this.state = deps.state ?? new MemoryConversationState(deps.clock);
  }

  async handle(event: ChatEvent, sink: ChatSink): Promise<void> {
    try {
      if (event.kind === 'message') await this.onText(event, sink);
      else await this.onButton(event, sink);
    } catch (e) {
      this.deps.log?.error({ err: (e as Error).message, event: event.id }, 'conversation failed');
      const text =
        e instanceof ExplainedError
          ? e.message
          : `Something went wrong on my side: ${(e as Error).message}. Nothing was changed in AWS by this message.`;
      await sink.post(event.place, { kind: 'error', text });
    }
  }

  private async onText(event: ChatTextEvent, sink: ChatSink): Promise<void> {
    const text = event.text.trim();
    if (!text) return;
    if (/^(help|\?|what can you do\??)$/i.test(text)) {
      await sink.post(event.place, helpCard(this.deps.catalog.list(), this.deps.label, this.deps.helpNotes?.[event.place.platform]));
      return;
    }
    const requestId = this.deps.newId();
    const context =
      (await this.state.get<ThreadContext>('thread', threadKey(event.place))) ??
      (event.place.thread ? undefined : await this.state.get<ThreadContext>('thread', channelKey(event.place, event.user)));
    // "cancel", "never mind" under one's own waiting request: take it back (the card's Cancel, in words),
    // also as a plain reply in the plan's thread.
    if (CANCEL.test(text) && !event.addressed && context?.requestId) {
      await this.deps.audit.record({ requestId, kind: 'request', actor: userKey(event.user), data: { text, place: event.place } });
      await this.deps.audit.record({ requestId, kind: 'understood', data: { command: 'cancel', target: context.requestId } });
      const outcome = await this.approvals.withdraw(context.requestId, event.user, sink);
      if (outcome !== 'cancelled') await sink.whisper(event.place, event.user, { kind: 'info', text: outcome });
      return;
    }
    // "the second one", "staging", "web-staging-1 then" under a "which one did you mean?" card: that choice, as its click.
    const chosen = context?.choices ? chosenByReply(text, context.choices.candidates) : undefined;
    if (context?.choices && chosen) {
      // Answered once: a click on the card (or an earlier reply) took its choice; this reply then plans nothing (qa 18f).
      if (context.choices.token && !(await this.state.take<Pending>('choice', context.choices.token))) {
        await sink.whisper(event.place, event.user, {
          kind: 'info',
          text: 'That question has already been answered (or has expired), so I planned nothing. Ask again if you need another plan.',
        });
        return;
      }
      await this.deps.audit.record({ requestId, kind: 'request', actor: userKey(event.user), data: { text, place: event.place } });
      const plan = await this.deps.planner.plan(
        text,
        { requester: event.user, at: this.deps.clock.now(), requestId },
        { playbook: context.playbook, raw: { ...context.params, [context.choices.param]: chosen.id } },
      );
      await this.present(plan, requestId, event.user, event.place, sink);
      return;
    }
    if (!event.addressed) {
      // Chatter in a plan's thread ("looks good", "thanks") reaches us without a mention: answer only a
      // follow-up the bot understands; stay quiet (and keep it out of the audit trail) otherwise.
      const plan = await this.deps.planner.plan(text, { requester: event.user, at: this.deps.clock.now(), requestId }, { context });
      if (!plan.playbook) return;
      await this.deps.audit.record({ requestId, kind: 'request', actor: userKey(event.user), data: { text, place: event.place } });
      await this.present(plan, requestId, event.user, event.place, sink, plan.replaces ? context?.requestId : undefined);
      await this.presentAlso(plan, event, sink);
      return;
    }
    await this.deps.audit.record({ requestId, kind: 'request', actor: userKey(event.user), data: { text, place: event.place } });
    if (CANCEL.test(text)) {
      await this.deps.audit.record({ requestId, kind: 'understood', data: { command: 'cancel', target: context?.requestId ?? null } });
      const outcome = context?.requestId ? await this.approvals.withdraw(context.requestId, event.user, sink) : undefined;
      if (outcome === 'cancelled') return;
      await sink.post(event.place, {
        kind: 'info',
        text:
          outcome ??
          'There is no request of yours waiting here to cancel. A plan card you asked for has its own Cancel (or Reject) button.',
      });
      return;
    }
    const typed = TYPED_DECISION.exec(text);
    if (typed) {
      const action = typed[1].toLowerCase() as 'approve' | 'reject';
      await this.deps.audit.record({ requestId, kind: 'understood', data: { command: action, target: typed[2] } });
      await this.approvals.decideTyped(typed[2], action, event, sink);
      return;
    }
    for (const command of this.deps.commands ?? []) {
      if (!(await command.onText(event, sink))) continue;
      await this.deps.audit.record({ requestId, kind: 'understood', data: { command: text } });
      return;
    }
    const plan = await this.deps.planner.plan(text, { requester: event.user, at: this.deps.clock.now(), requestId }, { context });
    await this.present(plan, requestId, event.user, event.place, sink, plan.replaces ? context?.requestId : undefined);
    await this.presentAlso(plan, event, sink);
  }

  /** "stop web-prod-1 and web-prod-2": the other resources get plans (and approvals) of their own. */
  private async presentAlso(plan: Plan, event: ChatTextEvent, sink: ChatSink): Promise<void> {
    const param = plan.playbook?.parameters.find(isResourceParameter);
    if (!plan.playbook || !param) return;
    for (const name of plan.alsoNamed ?? []) {
      const requestId = this.deps.newId();
      await this.deps.audit.record({
        requestId,
        kind: 'request',
        actor: userKey(event.user),
        data: { text: event.text, place: event.place, resource: name },
      });
      const next = await this.deps.planner.plan(
        event.text.trim(),
        { requester: event.user, at: this.deps.clock.now(), requestId },
        { playbook: plan.playbook.id, raw: { [param.name]: name } },
      );
      await this.present(next, requestId, event.user, event.place, sink);
    }
  }

  /** `replacing`: the request this one corrects; cancelled once this one is open for approval. */
  private async present(
    plan: Plan,
    requestId: string,
    requester: ChatUser,
    place: ChatPlace,
    sink: ChatSink,
    replacing?: string,
  ): Promise<void> {
    await this.deps.audit.record({
      requestId,
      kind: 'understood',
      data: {
        playbook: plan.playbook?.id ?? null,
        confidence: plan.confidence,
        by: plan.understoodBy,
        params: summarizeParams(plan.params),
        clarify: plan.clarify?.param,
        missing: plan.missing?.param,
      },
    });
    if (!plan.playbook) {
      const token = await this.remember({ input: plan.input, requester });
      await sink.post(place, notUnderstoodCard(plan, token));
      return;
    }
    if (plan.playbook.id === 'help') {
      await sink.post(place, helpCard(this.deps.catalog.list(), this.deps.label, this.deps.helpNotes?.[place.platform]));
      return;
    }
    if (plan.clarify) {
      const token = await this.remember({
        input: plan.input,
        requester,
        playbook: plan.playbook.id,
        params: plan.params,
        clarify: plan.clarify,
      });
      await this.keepThread(place, await sink.post(place, clarifyCard(plan, token, this.deps.label)), requester, plan, undefined, token);
      return;
    }
    if (plan.missing) {
      await this.keepThread(place, await sink.post(place, missingCard(plan, this.deps.label)), requester, plan);
      return;
    }
    const card: CardPlan = {
      requestId,
      playbook: plan.playbook,
      params: plan.params,
      risk: plan.risk,
      approval: plan.approval,
      ...(plan.notes ? { notes: plan.notes } : {}),
      ...(plan.fleet ? { fleet: plan.fleet } : {}),
    };
    await this.deps.audit.record({
      requestId,
      kind: 'plan',
      data: {
        playbook: plan.playbook.id,
        params: summarizeParams(plan.params),
        risk: plan.risk,
        approval: plan.approval,
        blocked: plan.blocked,
        ...(plan.fleet
          ? {
              fleet: {
                members: plan.fleet.members.map((m) => m.id),
                skipped: plan.fleet.skipped.map((x) => x.resource.id),
                concurrency: plan.fleet.concurrency,
                pauseSeconds: plan.fleet.pauseSeconds,
              },
            }
          : {}),
      },
    });
    if (!isActionable(plan)) {
      await this.keepThread(place, await sink.post(place, planCard(card, { label: this.deps.label })), requester, plan);
      return;
    }
    if (plan.playbook.readOnly) {
      const result = await this.deps.executor.execute(plan.playbook, plan.params, { requestId, onProgress: () => undefined });
      await this.deps.audit.record({ requestId, kind: 'result', data: { ok: result.ok, steps: result.steps } });
      this.keepThread(place, await sink.post(place, result.output ?? resultCard(plan.playbook.title, result, requestId)), requester, plan);
      return;
    }
    const stored: StoredPlan = {
      input: plan.input,
      playbook: plan.playbook.id,
      params: plan.params,
      risk: plan.risk,
      approval: plan.approval,
      ...(plan.notes ? { notes: plan.notes } : {}),
      ...(plan.fleet ? { fleet: plan.fleet } : {}),
    };
    const record = await this.deps.desk.open(requestId, stored, requester, place);
    const ref = await sink.post(place, planCard(card, { record, label: this.deps.label }));
    await this.deps.desk.attachMessage(requestId, ref);
    if (replacing) await this.approvals.supersede(replacing, requester, requestId, sink);
    await this.keepThread(place, ref, requester, plan, requestId);
  }

  /**
   * Remember the plan for follow-ups in its thread ("and web-prod-2 too"); in a place without threads
   * (the console, a channel message), for the same person's next message there.
   */
  private async keepThread(
    place: ChatPlace,
    ref: MessageRef,
    requester: ChatUser,
    plan: Plan,
    requestId?: string,
    choiceToken?: string,
  ): Promise<void> {
    if (!plan.playbook) return;
    const params = rawParams(plan.params);
    if (plan.clarify) params[plan.clarify.param] = plan.clarify.query;
    const context: ThreadContext = { playbook: plan.playbook.id, params, ...(requestId ? { requestId } : {}) };
    if (plan.clarify)
      context.choices = {
        param: plan.clarify.param,
        candidates: plan.clarify.candidates.map(choiceLabel),
        ...(choiceToken ? { token: choiceToken } : {}),
      };
    // Follow-ups are for recent plans: each thread's context expires (THREAD_TTL_MS).
    await this.state.put('thread', threadKey({ ...place, thread: place.thread ?? ref.id }), context, THREAD_TTL_MS);
    if (!place.thread) await this.state.put('thread', channelKey(place, requester), context, THREAD_TTL_MS);
  }

  private async remember(p: Pending): Promise<string> {
    const token = this.deps.newId();
    await this.state.put('choice', token, p, CHOICE_TTL_MS);
    return token;
  }

  private async onButton(event: ChatButtonEvent, sink: ChatSink): Promise<void> {
    for (const command of this.deps.commands ?? []) {
      const handled = await command.onButton(event, sink);
      if (handled === true) return;
      if (handled && 'expects' in handled) return this.expectReply(event, handled.expects);
      if (handled) return this.startPlan(handled, event, sink);
    }
    if (event.action === 'choose' || event.action === 'suggest') return this.onChoice(event, sink);
    await this.approvals.onDecision(event, sink);
  }

  /** A command asked the user for values ("Fix tags" with none to suggest): their reply follows up on it. */
  private async expectReply(event: ChatButtonEvent, context: ThreadContext): Promise<void> {
    const place = { ...event.place, thread: event.place.thread ?? event.message?.id };
    await this.state.put('thread', threadKey(place), context, THREAD_TTL_MS);
    if (!event.place.thread) await this.state.put('thread', channelKey(event.place, event.user), context, THREAD_TTL_MS);
  }

  /** A command's button asked for a plan (digest "Fix tags"): plan it in the message's thread, then the normal approval. */
  private async startPlan(request: PlanRequest, event: ChatButtonEvent, sink: ChatSink): Promise<void> {
    const requestId = this.deps.newId();
    await this.deps.audit.record({
      requestId,
      kind: 'request',
      actor: userKey(event.user),
      data: { text: request.input, button: event.value },
    });
    const plan = await this.deps.planner.plan(
      request.input,
      { requester: event.user, at: this.deps.clock.now(), requestId },
      { playbook: request.playbook, fixed: request.params },
    );
    await this.present(plan, requestId, event.user, { ...event.place, thread: event.place.thread ?? event.message?.id }, sink);
  }

  private async onChoice(event: ChatButtonEvent, sink: ChatSink): Promise<void> {
    const [token, choice] = splitOnce(event.value);
    // Taken, not read: a double click (or two replicas given the same click) plans once.
    const p = await this.state.take<Pending>('choice', token);
    if (!p) {
      await sink.whisper(event.place, event.user, {
        kind: 'info',
        text: 'That question has expired (it was answered, or asked more than a day ago). Please ask again.',
      });
      return;
    }
    const requestId = this.deps.newId();
    await this.deps.audit.record({ requestId, kind: 'request', actor: userKey(event.user), data: { text: p.input, choice } });
    let plan: Plan;
    if (event.action === 'choose') {
      const c = p.clarify;
      const chosen = c?.candidates[Number(choice)];
      if (!c || !chosen || !p.playbook) return;
      const fixed: Record<string, ParamValue> = { ...p.params, [c.param]: chosen };
      plan = await this.deps.planner.plan(
        p.input,
        { requester: event.user, at: this.deps.clock.now(), requestId },
        { playbook: p.playbook, fixed },
      );
    } else {
      plan = await this.deps.planner.plan(p.input, { requester: event.user, at: this.deps.clock.now(), requestId }, { playbook: choice });
    }
    await this.present(plan, requestId, event.user, event.place, sink);
  }

  /** Close requests past their time to live and say so on their cards. */
  expireDue(sink: ChatSink): Promise<number> {
    return this.approvals.expireDue(sink);
  }

  /** At console start: the requests still waiting there, shown again with working buttons. */
  showWaiting(platform: Platform, sink: ChatSink): Promise<number> {
    return this.approvals.showWaiting(platform, sink);
  }

  /** At start-up, per platform: report executions a restart interrupted, in their threads. */
  announceInterrupted(platform: Platform, sink: ChatSink): Promise<number> {
    return this.approvals.announceInterrupted(platform, sink);
  }

  /** The plan card for a stored request (also after a restart). */
  cardFor(record: ApprovalRecord, status: string[] = []): ChatMessage | undefined {
    return this.approvals.cardFor(record, status);
  }
}

/** `approve req-1a2b3c4d` / `reject req-…`: a decision typed in the console, naming the request. */
const TYPED_DECISION = /^(approve|reject)\s+(req-[A-Za-z0-9-]{1,40})[.!]?$/i;

/** Taking back the request above, in words. */
const CANCEL =
  /^(?:cancel|cancel (?:it|that|this|the request)|never ?mind|nvm|abort|forget (?:it|that)|scratch that)(?: please| pls)?[.!]*$/i;

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
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [
      k,
      isResource(v)
        ? v.id
        : typeof v === 'object'
          ? Object.entries(v)
              .map(([a, b]) => `${a}=${b}`)
              .join(' ')
          : String(v),
    ]),
  );
}

function summarizeParams(params: Record<string, ParamValue>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [
      k,
      isResource(v) ? { id: v.id, name: v.name, type: v.type, account: v.account, region: v.region } : v,
    ]),
  );
}

export type { MessageRef };

/** A clarify card's choice as a typed reply may name it (`chosenByReply`). */
function choiceLabel(r: Resource): ChoiceLabel {
  const environment = r.tags.environment ?? r.tags.Environment ?? r.tags.env;
  return {
    id: r.id,
    name: r.name,
    account: r.account,
    region: r.region,
    ...(r.accountAlias ? { accountAlias: r.accountAlias } : {}),
    ...(environment ? { environment } : {}),
  };
}

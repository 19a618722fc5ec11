/**
 * What the conversation flow needs from the rest of the bot. Core defines these; intents/, inventory/,
 * risk/, approvals/, execution/ and store/ implement them; main.ts wires them together.
 */
import type { ChatMessage, ChatPlace, ChatUser, MessageRef } from './chat';
import type { Playbook } from './playbook';
import type { ApprovalNeed, FleetPlan, ParamValue, RiskAssessment, Suggestion } from './plan';
import type { Resource, ResourceType } from './resource';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** What the previous plan in the same thread was, so follow-ups ("and web-prod-2 too") can refer to it. */
/**
 * What a conversation remembers between messages: clarification choices waiting for a click (`choice`),
 * the plan a thread follows up on (`thread`) and files offered in a Teams personal chat waiting for the
 * person's consent (`file-offer`). Kept in the store, so a click or a follow-up reaching
 * another replica (or this one after a restart) finds it; each entry expires after its time to live.
 */
export type ConversationStateKind = 'choice' | 'thread' | 'file-offer';
export interface ConversationState {
  put(kind: ConversationStateKind, key: string, value: unknown, ttlMs: number): Promise<void>;
  get<T>(kind: ConversationStateKind, key: string): Promise<T | undefined>;
  /** Get and forget at once: of several callers (replicas), one gets the value. */
  take<T>(kind: ConversationStateKind, key: string): Promise<T | undefined>;
}

export interface ThreadContext {
  playbook: string;
  params: Record<string, string>;
  /** The approval request the plan above opened, while it may still be waiting. */
  requestId?: string;
  /** The plan above asked which one (a clarify card): its choices, so a reply naming one ("the second one") answers it. */
  choices?: {
    param: string;
    candidates: ChoiceLabel[];
    /** The card's pending choice (state `choice`): a click or a typed reply takes it, so the question is answered once. */
    token?: string;
  };
}

/** One choice of a clarify card as a reply may name it: its name or id, its place, its environment. Plain JSON. */
export interface ChoiceLabel {
  id: string;
  name: string;
  account: string;
  accountAlias?: string;
  region: string;
  environment?: string;
}

/** Where the user said a resource is ("in us-west-2", "in the staging account", "the prod one"). */
export interface ResourceScope {
  region?: string;
  /** Account id or alias. */
  account?: string;
  /** Environment word (matched against the `environment` tag or the account alias). */
  environment?: string;
}

/** One playbook the request may be for, with the parameters read for it. */
export interface IntentCandidate {
  playbook: string;
  confidence: number;
  params: Record<string, string>;
  /**
   * The words say another kind of resource than this playbook takes (`stop billing-mysql-prod` names a
   * database): it is chosen only when its resource is named exactly, never on a look-alike.
   */
  exactOnly?: boolean;
}

export interface IntentGuess {
  /** The chosen playbook, or null when nothing in the catalog fits well enough. */
  playbook: string | null;
  confidence: number;
  /** Raw parameter values as typed: resource references stay text for the resolver. */
  params: Record<string, string>;
  /** The next best playbooks, best first (offered as buttons when confidence is low). */
  alternatives: Suggestion[];
  /** Why nothing was chosen, in words for the user (out of scope, not in the catalog, ...). */
  note?: string;
  /** Region, account or environment the user named for the resource. */
  scope?: ResourceScope;
  /**
   * Playbooks that fit about as well as the chosen one but take another kind of resource ("stop pg-main":
   * EC2 or RDS), best first, the chosen one included. The planner takes the first whose resources resolve.
   */
  candidates?: IntentCandidate[];
  /** Which classifier answered (local, bedrock), for the audit trail and the benchmark. */
  source?: string;
  /**
   * More resources named for the same action ("stop web-prod-1 and web-prod-2") than the playbook
   * takes: each gets a plan of its own, so none is dropped without a word.
   */
  alsoNamed?: string[];
  /** A time the user wants the action at ("tonight at 10pm"): the bot cannot schedule, so the card says so. */
  later?: string;
  /** A correction of the plan above ("actually make it m5.large"): that plan is replaced, not added to. */
  replaces?: boolean;
  /**
   * The request is about many resources at once ("terminate every instance": `set`; "stop all of
   * production": `everything`). No playbook is chosen; `note` says the bot acts on one named resource at a
   * time. No other classifier is asked to read it differently.
   */
  manyResources?: 'set' | 'everything';
  /** The set of resources the request names, when the playbook is to run over several ("reboot the kafka brokers"). */
  fleet?: FleetSelector;
}

/**
 * A set of resources named in one request: listed one by one (`names`), or described by a shared name
 * prefix (`prefix`: "the kafka brokers", "all web-prod servers"), tags, and where they are (`scope`).
 * At least one of names, prefix, tags or scope narrows it: "every instance" alone is never a set.
 */
export interface FleetSelector {
  names?: string[];
  /** Words people used for the shared part of the names ("kafka brokers", "web-prod"). */
  prefix?: string;
  tags?: Record<string, string>;
  /** "every gp2 volume": a fact every member has (`volumeType: gp2`), as the inventory records it. */
  facts?: Record<string, string>;
  scope?: ResourceScope;
  /** "two at a time", "in batches of 3". */
  concurrency?: number;
  /** "wait 5 minutes between". */
  pauseSeconds?: number;
  /** "reboot 30 web servers": how many the request says there are; planned only when exactly that many match. */
  count?: number;
}

/** What a fleet selector named: `described` says how, in words ("names starting kafka-broker, in staging"). */
export interface ResolvedSet {
  members: Resource[];
  unresolved: string[];
  described: string;
}

export interface IntentClassifier {
  classify(text: string, context?: ThreadContext): Promise<IntentGuess>;
}

export type Resolution =
  /** `fuzzy`: found by its words, not by its exact name or id (`pg-main` -> pg-instance-main1). */
  | { kind: 'match'; resource: Resource; score: number; fuzzy?: boolean }
  /** `score`: how well the closest candidates matched (the planner weighs it against other playbooks' matches). */
  | { kind: 'ambiguous'; candidates: Resource[]; score?: number }
  /**
   * `unscanned`: where such a resource could be but the last scan failed, in words ("staging/eu-west-1 could not be scanned: …").
   * `gone`: the name is a resource that no longer exists (terminated at …), in words for the user.
   */
  | { kind: 'none'; nearest: string[]; unscanned?: string[]; gone?: string };

export interface ResourceResolver {
  /**
   * `states`: the states the action needs; among close candidates, the only one in such a state wins. `service`: only
   * resources of that ARN service (`ec2:snapshot`) are the answer; a volume or instance named is asked for its own.
   * `requestId`: the chat request the read is for (its role session in AWS, so CloudTrail files it there).
   */
  resolve(
    query: string,
    type: ResourceType | 'any',
    options?: { states?: string[]; requestId?: string; service?: string },
  ): Promise<Resolution>;
  /**
   * Re-read one resource from the cloud so the bot never acts on stale cached state, as the request
   * `requestId` (its own role session: a role that can no longer be assumed fails here, before anything runs).
   */
  reread(resource: Resource, requestId?: string): Promise<Resource | undefined>;
  /**
   * The resources of `type` a fleet selector names, from the inventory, in name order. `unresolved`: names
   * listed one by one that matched nothing (or several).
   */
  resolveSet?(selector: FleetSelector, type: ResourceType | 'any'): Promise<ResolvedSet>;
  /**
   * Resources whose name or id is exactly `name` (any case), from the inventory: a lookup, never a fuzzy
   * search (the planner checks every name-like word of a request against it; a search each would cost
   * milliseconds and megabytes at 100k resources).
   */
  exactly?(name: string): Resource[];
}

export interface RequestFacts {
  requester?: ChatUser;
  at: Date;
  /** The chat request this plan is for (names the AWS role session of the dry runs). */
  requestId?: string;
}

/** What the dry runs said about a plan, before anyone approves it. */
export interface PreflightResult {
  /** Reasons the plan cannot run (a missing permission, termination protection, ...). */
  blocks: string[];
  /** What the checks found, for the record ("AWS dry run: the request would succeed"). */
  notes: string[];
  /** Dry runs that could not be made (AWS unreachable, role not assumable): shown on the card, not only in JSON. */
  failed?: string[];
}

/** Checks a plan against the cloud without changing anything: AWS dry runs where they exist, reads otherwise. */
export interface PlanPreflight {
  check(playbook: Playbook, params: Record<string, ParamValue>, requestId?: string): Promise<PreflightResult>;
}

export interface RiskAssessor {
  assess(playbook: Playbook, params: Record<string, ParamValue>, request: RequestFacts): RiskAssessment;
  approvalFor(playbook: Playbook, risk: RiskAssessment): ApprovalNeed;
}

export interface PlaybookCatalog {
  get(id: string): Playbook | undefined;
  list(): Playbook[];
}

export type ApprovalState =
  | 'proposed'
  | 'approved'
  | 'rejected'
  | 'expired'
  | 'cancelled'
  | 'executing'
  | 'succeeded'
  | 'failed'
  | 'interrupted';

/** A plan as it is kept while it waits for approval (plain JSON, survives restarts). */
export interface StoredPlan {
  input: string;
  playbook: string;
  params: Record<string, ParamValue>;
  risk: RiskAssessment;
  approval: ApprovalNeed;
  /** What the card must also tell (the request asked for a time the bot cannot schedule, ...). */
  notes?: string[];
  /** A plan over a set of resources: the members the approval covers, exactly. */
  fleet?: FleetPlan;
}

export interface ApprovalRecord {
  id: string;
  state: ApprovalState;
  /** Bumped when the card was refreshed because a fact the risk depends on changed; votes start over. Absent: 0. */
  revision?: number;
  plan: StoredPlan;
  requester: ChatUser;
  place: ChatPlace;
  message?: MessageRef;
  /** Every message that shows this request's card (the card itself, copies shown again): clicks count only from these. */
  origins?: MessageRef[];
  approvals: { user: ChatUser; at: string }[];
  createdAt: string;
  expiresAt: string;
  closedBy?: ChatUser;
  result?: string;
}

export type Decision = 'approve' | 'reject' | 'cancel';

export type DecisionOutcome =
  | { kind: 'refused'; reason: string }
  /** `again`: this person had already approved; their second click counts nothing. */
  | { kind: 'counted'; have: number; need: number; again?: boolean }
  | { kind: 'approved' }
  | { kind: 'rejected' }
  | { kind: 'cancelled' }
  | { kind: 'expired' }
  | { kind: 'closed'; state: ApprovalState }
  /** The click came from a card the bot has since refreshed: look at the new one. */
  | { kind: 'stale'; revision: number }
  | { kind: 'unknown' };

export interface ApprovalDesk {
  open(id: string, plan: StoredPlan, requester: ChatUser, place: ChatPlace): Promise<ApprovalRecord>;
  /** The card was posted at `ref`: its message, and where a click on it may come from. */
  attachMessage(id: string, ref: MessageRef): Promise<void>;
  /** The card was shown again at `ref` (after a restart, in another thread): clicks there count too. */
  addCardCopy(id: string, ref: MessageRef): Promise<void>;
  get(id: string): Promise<ApprovalRecord | undefined>;
  /**
   * Authorize and record one click. Only one caller ever sees `approved` for a request. With `revision`,
   * an approval from an older card than the current one is `stale` and counts for nothing.
   */
  decide(id: string, user: ChatUser, decision: Decision, revision?: number): Promise<DecisionOutcome>;
  /** Would an approve click from `user` be counted now (open, not expired, allowed)? Changes nothing. */
  mayApprove(id: string, user: ChatUser): Promise<boolean>;
  /**
   * The facts changed: replace the plan of a proposed request (only if it is still at `revision`), drop the
   * votes, restart its time to live. Undefined when it was no longer proposed at that revision.
   */
  revise(id: string, revision: number, plan: StoredPlan): Promise<ApprovalRecord | undefined>;
  /**
   * approved -> executing, atomically, with a lease on the run for this process (renewed by a heartbeat
   * until `finish`). False when someone else already started it.
   */
  beginExecution(id: string): Promise<boolean>;
  /** executing -> succeeded | failed, and the lease released. Says when the state had been changed under the run. */
  finish(id: string, state: 'succeeded' | 'failed', result: string): Promise<FinishOutcome>;
  /** proposed requests past their time to live -> expired; returns the ones this call closed. */
  expireDue(): Promise<ApprovalRecord[]>;
  /** Requests on `platform` still waiting for a decision (open, not expired), oldest first. */
  waiting(platform: ChatPlace['platform']): Promise<ApprovalRecord[]>;
  /** Interrupted executions on `platform` not yet reported in their thread. */
  unannounced(platform: ChatPlace['platform']): Promise<ApprovalRecord[]>;
  /** Claim the report of an interrupted run: true for the one caller (of every replica) that gets to post it. */
  markAnnounced(id: string): Promise<boolean>;
  /** The report could not be posted: let the next sweep (of any replica) try again. */
  releaseAnnouncement(id: string): Promise<void>;
}

/**
 * How a run's end was recorded. `overrode: 'interrupted'`: another process had marked it interrupted
 * (its lease lapsed) while it was still running; the real outcome replaced that. Not recorded: the
 * request was in `state`, which the run's end did not change.
 */
export type FinishOutcome = { recorded: true; overrode?: 'interrupted' } | { recorded: false; state?: ApprovalState };

export interface StepReport {
  step: string;
  action: string;
  ok: boolean;
  summary: string;
  awsRequestIds: string[];
  error?: string;
}

export interface ExecutionResult {
  ok: boolean;
  steps: StepReport[];
  /** For read-only playbooks: the answer to show (a table, a list). */
  output?: ChatMessage;
}

export interface ExecutionContext {
  requestId: string;
  onProgress(text: string): void | Promise<void>;
}

/** How each member of a fleet run ended: done (its health gate passed), failed, or not started. */
export interface FleetMemberOutcome {
  resource: Resource;
  status: 'done' | 'failed' | 'not started';
  summary: string;
}

export interface FleetExecutionResult extends ExecutionResult {
  members: FleetMemberOutcome[];
}

export interface Executor {
  execute(playbook: Playbook, params: Record<string, ParamValue>, ctx: ExecutionContext): Promise<ExecutionResult>;
  /**
   * A fleet plan: each member in turn (`fleet.concurrency` at once, `fleet.pauseSeconds` between), each
   * followed by its health gate; the first failure stops the rest.
   */
  executeFleet?(
    playbook: Playbook,
    params: Record<string, ParamValue>,
    fleet: FleetPlan,
    ctx: ExecutionContext,
  ): Promise<FleetExecutionResult>;
}

export type AuditKind =
  | 'request'
  | 'understood'
  | 'plan'
  | 'approval'
  | 'refusal'
  | 'rejection'
  | 'cancellation'
  | 'expiry'
  | 'revision'
  | 'execution-start'
  | 'aws-call'
  | 'result'
  | 'interrupted'
  /** One member of a fleet run: done, failed (and why), with its health gate. */
  | 'fleet-member'
  /** An outgoing note about an alert incident's outcome (a ticket / paging system), and whether it was delivered. */
  | 'notification'
  /** A finding put aside (or taken back) for a resource, with the reason. */
  | 'snooze';

export interface AuditEntry {
  requestId: string;
  kind: AuditKind;
  actor?: string;
  data: Record<string, unknown>;
}

export interface AuditTrail {
  record(entry: AuditEntry): Promise<void>;
}

export interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
}

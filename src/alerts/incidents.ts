/**
 * Incident state, kept in the store so every replica sees the same: alert key -> card, count, last seen,
 * state. The port the alert flow needs; src/store/AlertIncidentRepository.ts implements it on SqlStore.
 */
import type { MessageRef } from '../core';

export type IncidentState = 'open' | 'resolved' | 'suppressed';

export interface Incident {
  key: string;
  rule: string;
  state: IncidentState;
  /** How many times it fired since it was opened (the first included). */
  count: number;
  firstSeen: string;
  lastSeen: string;
  /** The approval request the card proposes (absent while the card is being posted, or with no plan). */
  requestId?: string;
  /** The incident card. */
  message?: MessageRef;
  /** The alert as it first came in (JSON). */
  alert: string;
}

export interface FireOutcome {
  incident: Incident;
  /** A new incident that should get a card (not a repeat, not over the rule's rate limit). */
  first: boolean;
}

export interface IncidentStore {
  /**
   * Record one firing, atomically. A repeat of an open (or suppressed) incident counts up; otherwise (none,
   * or resolved) a new incident is opened, `suppressed` when the rule already opened `limit.cards`
   * incidents since `limit.since`.
   */
  fire(key: string, rule: string, alert: string, at: Date, limit: { cards: number; since: Date }): Promise<FireOutcome>;
  /** The card was posted (and the plan opened as `requestId`). */
  attach(key: string, requestId: string | undefined, message: MessageRef): Promise<void>;
  /** True for one caller per `minIntervalMs`: that one refreshes the card. */
  claimCardUpdate(key: string, at: Date, minIntervalMs: number): Promise<boolean>;
  /** open/suppressed -> resolved. The incident as it was resolved, or undefined when none was open. */
  resolve(key: string, at: Date): Promise<Incident | undefined>;
  get(key: string): Promise<Incident | undefined>;
  /** Incidents whose plan's outcome has not been handled yet, a page of them (of these rules; all when left out). */
  unnotified(rules?: string[]): Promise<Incident[]>;
  /** Claim the sending of this incident's outcome: true for exactly one caller (replica). */
  claimNotification(key: string, outcome: string): Promise<boolean>;
  /** The incident whose card proposes `requestId`. */
  byRequest(requestId: string): Promise<Incident | undefined>;
}

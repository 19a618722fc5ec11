import type { AuditTrail } from '../../core';
import { type Resource, resourceTypeLabel, withArticle } from '../../core';
import { resourceKey, RULES } from '../../findings';
import type { FindingSnooze } from '../../store';
import type { ResourceSource } from '../tagging/taggable';
import type { FindingsDigest } from './FindingsDigest';

export interface SnoozeStore {
  snooze(s: FindingSnooze): void | Promise<void>;
  active(at?: Date): FindingSnooze[] | Promise<FindingSnooze[]>;
  remove(rule: string, resourceKey: string): boolean | Promise<boolean>;
}

export interface SnoozeRequest {
  /** The resource's name, id or ARN, as the findings digest shows it. */
  ref: string;
  /** One rule id; every rule when left out. */
  rule?: string;
  days?: number;
  reason: string;
  /** Who asked (`slack:U123`, `cli:alice`), for the audit trail. */
  by: string;
  /** The audit trail's request id for this snooze. */
  requestId: string;
}

export type SnoozeOutcome = { ok: true; text: string; snooze: FindingSnooze } | { ok: false; text: string };

const MAX_DAYS = 365;

/**
 * Snoozing a finding: the resource found by its name or id (the inventory's, or a snapshot the last findings
 * digest named), recorded in the store and the audit trail. Bad input names the problem and changes nothing.
 */
export class FindingSnoozes {
  constructor(
    private readonly deps: {
      store: SnoozeStore;
      audit: AuditTrail;
      inventory: ResourceSource;
      findings: FindingsDigest;
      now: () => Date;
      defaultDays: number;
    },
  ) {}

  private candidates(ref: string): Resource[] {
    const want = ref.trim().toLowerCase();
    const pool = [...(this.deps.findings.last?.findings.map((f) => f.resource) ?? []), ...this.deps.inventory.all()];
    const byKey = new Map<string, Resource>();
    for (const r of pool) {
      if (r.type === 'ssm-instance') continue;
      if (r.id.toLowerCase() === want || r.name.toLowerCase() === want || r.arn?.toLowerCase() === want)
        byKey.set(resourceKey(r), byKey.get(resourceKey(r)) ?? r);
    }
    return [...byKey.values()];
  }

  private find(ref: string): { resource: Resource } | { error: string } {
    const found = this.candidates(ref);
    if (!found.length)
      return {
        error: `I know no resource called "${ref}". Snooze takes the name or id the findings digest shows (\`findings\` lists them).`,
      };
    if (found.length > 1)
      return {
        error:
          `"${ref}" names ${found.length} resources (` +
          `${found.map((r) => `${r.id} in ${r.accountAlias ?? r.account}/${r.region}`).join(', ')}` +
          `); snooze one by its id.`,
      };
    return { resource: found[0] };
  }

  private checkRule(rule: string | undefined): string | undefined {
    if (rule && !RULES.some((r) => r.id === rule))
      return `"${rule}" is not a findings rule; the rules are ${RULES.map((r) => r.id).join(', ')}.`;
    return undefined;
  }

  async snooze(req: SnoozeRequest): Promise<SnoozeOutcome> {
    const reason = req.reason.trim();
    if (!reason)
      return { ok: false, text: 'A snooze needs a reason, e.g. `snooze orphan-data for 30 days because restore test on Friday`.' };
    if (reason.length > 500) return { ok: false, text: 'The reason is longer than 500 characters; say it shorter.' };
    const days = req.days ?? this.deps.defaultDays;
    if (!Number.isInteger(days) || days < 1 || days > MAX_DAYS)
      return { ok: false, text: `Snooze for 1 to ${MAX_DAYS} days (got ${req.days}).` };
    const ruleError = this.checkRule(req.rule);
    if (ruleError) return { ok: false, text: ruleError };
    const hit = this.find(req.ref);
    if ('error' in hit) return { ok: false, text: hit.error };
    const r = hit.resource;
    // A rule that never names this kind of resource: snoozing it would hide nothing (and hide the mistake).
    const types = RULES.find((x) => x.id === req.rule)?.types;
    if (types && !types.includes(r.type))
      return {
        ok: false,
        text:
          `${req.rule} never names ${r.name}: it checks ` +
          `${types.map((t) => withArticle(resourceTypeLabel(t))).join(' or ')}, and ${r.name} ` +
          `is ${withArticle(resourceTypeLabel(r.type))}. Nothing changed. Name the rule the ` +
          `findings digest shows for it, or leave the rule out to snooze all its findings.`,
      };
    const until = new Date(this.deps.now().getTime() + days * 86_400_000).toISOString();
    const snooze: FindingSnooze = { rule: req.rule ?? '*', resourceKey: resourceKey(r), reason, by: req.by, until };
    await this.deps.store.snooze(snooze);
    await this.deps.audit.record({
      requestId: req.requestId,
      kind: 'snooze',
      actor: req.by,
      data: { action: 'snooze', rule: snooze.rule, resource: snooze.resourceKey, name: r.name, reason, until },
    });
    const what = req.rule ? `the ${req.rule} finding on ${r.name}` : `findings on ${r.name}`;
    return {
      ok: true,
      snooze,
      text:
        `Snoozed ${what} (${r.id}, ${r.accountAlias ?? r.account}/${r.region}) until ` +
        `${until.slice(0, 10)}: ${reason}. The findings digest leaves it out until then; ` +
        `\`unsnooze ${r.name}\` brings it back.`,
    };
  }

  async unsnooze(req: { ref: string; rule?: string; by: string; requestId: string }): Promise<SnoozeOutcome> {
    const ruleError = this.checkRule(req.rule);
    if (ruleError) return { ok: false, text: ruleError };
    const hit = this.find(req.ref);
    if ('error' in hit) return { ok: false, text: hit.error };
    const key = resourceKey(hit.resource);
    // With a rule: that snooze. Without: every snooze on the resource (all rules, or one rule snoozed on its
    // own), as the snooze reply's `unsnooze <name>` promises.
    const existing = (await this.deps.store.active(this.deps.now())).filter(
      (s) => s.resourceKey === key && (!req.rule || s.rule === req.rule),
    );
    const removed: FindingSnooze[] = [];
    for (const s of existing) if (await this.deps.store.remove(s.rule, key)) removed.push(s);
    if (!removed.length) return { ok: false, text: `Nothing is snoozed for ${hit.resource.name}${req.rule ? ` under ${req.rule}` : ''}.` };
    for (const s of removed)
      await this.deps.audit.record({
        requestId: req.requestId,
        kind: 'snooze',
        actor: req.by,
        data: { action: 'unsnooze', rule: s.rule, resource: key, name: hit.resource.name },
      });
    return { ok: true, snooze: removed[0], text: `${hit.resource.name} is back in the findings digest.` };
  }

  async list(): Promise<FindingSnooze[]> {
    return this.deps.store.active(this.deps.now());
  }
}

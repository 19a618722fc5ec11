import type { TaggingPolicy } from '../../config';
import { editDistance } from '../../inventory';
import type { TaggedResource } from './taggable';

export type RequiredTag = TaggingPolicy['required'][number];

/** One way a resource breaks the policy. */
export interface TagProblem {
  key: string;
  kind: 'missing' | 'invalid';
  /** The value it has, when invalid. */
  value?: string;
  /** An allowed value close to the one it has (a typo or the wrong case). */
  closest?: string;
}

/** The tagging policy, compiled once: which keys apply to which types, exemptions, value checks. */
export class TagPolicy {
  private readonly patterns = new Map<string, RegExp>();

  constructor(readonly config: TaggingPolicy) {
    for (const r of config.required) if (r.pattern) this.patterns.set(r.key, new RegExp(`^(?:${r.pattern})$`, 'u'));
  }

  get ownerTag(): string {
    return this.config.ownerTag;
  }

  get keys(): string[] {
    return this.config.required.map((r) => r.key);
  }

  /** Does the policy look at this resource at all? */
  covers(r: TaggedResource): boolean {
    return !this.config.resourceTypes || this.config.resourceTypes.includes(r.type);
  }

  /** The exemption that applies, by its reason (or "exempt"), or undefined. */
  exemption(r: TaggedResource): string | undefined {
    for (const x of this.config.exemptions) {
      const checks: boolean[] = [];
      if (x.ids) checks.push(x.ids.includes(r.id) || x.ids.includes(r.key));
      if (x.names) checks.push(x.names.some((n) => glob(n).test(r.name)));
      if (x.tag) checks.push(Object.entries(x.tag).every(([k, v]) => r.tags[k] === v));
      if (x.accounts) checks.push(x.accounts.includes(r.account));
      if (x.types) checks.push(x.types.includes(r.type));
      if (checks.length && checks.every(Boolean)) return x.reason ?? 'exempt';
    }
    return undefined;
  }

  requiredFor(r: TaggedResource): RequiredTag[] {
    return this.config.required.filter((t) => !t.types || t.types.includes(r.type));
  }

  /** Is `value` allowed for `key`? */
  allows(t: RequiredTag, value: string): boolean {
    if (t.values && !t.values.includes(value)) return false;
    const re = this.patterns.get(t.key);
    return !re || re.test(value);
  }

  problems(r: TaggedResource): TagProblem[] {
    const out: TagProblem[] = [];
    for (const t of this.requiredFor(r)) {
      const value = r.tags[t.key];
      if (value === undefined || value.trim() === '') out.push({ key: t.key, kind: 'missing' });
      else if (!this.allows(t, value)) {
        const closest = t.values ? closestValue(value, t.values) : undefined;
        out.push({ key: t.key, kind: 'invalid', value, ...(closest ? { closest } : {}) });
      }
    }
    return out;
  }

  /** "environment (production, staging, dev)", "cost-center (CC-\d{4})", "owner". */
  describe(): string {
    return this.config.required
      .map((t) => {
        if (t.values) return `${t.key} (${t.values.length > 4 ? `${t.values.slice(0, 4).join(', ')}, …` : t.values.join(', ')})`;
        return t.pattern ? `${t.key} (${t.pattern})` : t.key;
      })
      .join(', ');
  }
}

/** "payment" -> "payments", "Prod" -> "production", "prodution" -> "production". */
export function closestValue(value: string, allowed: string[]): string | undefined {
  const v = value.trim().toLowerCase();
  const exact = allowed.find((a) => a.toLowerCase() === v);
  if (exact) return exact;
  const prefixed = allowed.filter((a) => v.length >= 3 && a.toLowerCase().startsWith(v));
  if (prefixed.length === 1) return prefixed[0];
  const scored = allowed.map((a) => ({ a, d: editDistance(v, a.toLowerCase()) })).sort((x, y) => x.d - y.d);
  if (scored[0] && scored[0].d <= Math.max(1, Math.floor(v.length / 4)) && scored[0].d < (scored[1]?.d ?? Infinity)) return scored[0].a;
  return undefined;
}

function glob(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
    'iu',
  );
}

/** "missing owner", "environment \"Prod\" not allowed (production?)". */
export function problemText(p: TagProblem): string {
  if (p.kind === 'missing') return `missing ${p.key}`;
  return `${p.key}="${p.value}" not allowed${p.closest ? ` (${p.closest}?)` : ''}`;
}

import type { TagPolicy, TagProblem } from './policy';
import type { TaggedResource } from './taggable';

/** The tags that would fix an offender, each with the evidence for it, and the keys nobody can guess. */
export interface FixSuggestion {
  tags: Record<string, string>;
  because: string[];
  unresolved: string[];
}

function words(name: string): string[] {
  return name
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w.length >= 3);
}

/** "web-prod-1" -> "web-prod": the fleet a numbered resource belongs to. */
function stem(name: string): string {
  return name.toLowerCase().replace(/[-_.]?\d+$/, '');
}

/** The value most of `values` agree on, when at least `min` of them and `share` of them do. */
function consensus(values: string[], min: number, share: number): string | undefined {
  if (values.length < min) return undefined;
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  const [best, n] = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  return n >= min && n / values.length >= share ? best : undefined;
}

/**
 * Guess the right value for each problem key from evidence in the estate, most direct first: the allowed
 * value closest to a misspelt one; the instance a volume is attached to; a word in the name that is an
 * allowed value ("web-staging-1" -> staging); the resource's numbered siblings; resources with the same
 * owner in its account; the rest of its account. A key with no clear evidence stays unresolved: people fill it in.
 */
export function suggestFix(target: TaggedResource, problems: TagProblem[], all: TaggedResource[], policy: TagPolicy): FixSuggestion {
  const out: FixSuggestion = { tags: {}, because: [], unresolved: [] };
  const valid = (r: TaggedResource, key: string) => {
    const t = policy.config.required.find((x) => x.key === key);
    const v = r.tags[key];
    return t && v !== undefined && v.trim() !== '' && policy.allows(t, v) ? v : undefined;
  };
  const peers = all.filter((r) => r.key !== target.key);
  const attachedTo = target.resource?.facts.attachedTo;
  const instance =
    Array.isArray(attachedTo) && attachedTo.length ? peers.find((r) => r.id === attachedTo[0] && r.account === target.account) : undefined;
  for (const p of problems) {
    const values = policy.config.required.find((x) => x.key === p.key)?.values;
    const agreed = (rs: TaggedResource[], min: number, share: number) =>
      consensus(rs.map((r) => valid(r, p.key)!).filter(Boolean), min, share);
    type Evidence = { value: string; why: string } | undefined;
    const closest = (): Evidence =>
      p.kind === 'invalid' && p.closest ? { value: p.closest, why: `the allowed value closest to "${p.value}"` } : undefined;
    const fromInstance = (): Evidence => {
      const v = instance && valid(instance, p.key);
      return v ? { value: v, why: `from the instance it is attached to, ${instance!.name}` } : undefined;
    };
    const fromName = (): Evidence => {
      const named = values?.filter((v) => words(target.name).some((w) => v.toLowerCase() === w || v.toLowerCase().startsWith(w)));
      return named?.length === 1 ? { value: named[0], why: `its name ${target.name} says so` } : undefined;
    };
    const fromSiblings = (): Evidence => {
      const siblings = peers.filter(
        (r) => r.account === target.account && /\d$/.test(r.name) && stem(r.name) === stem(target.name) && valid(r, p.key),
      );
      const v = agreed(siblings, 1, 1);
      return v
        ? {
            value: v,
            why: `like ${siblings
              .slice(0, 3)
              .map((r) => r.name)
              .join(', ')}`,
          }
        : undefined;
    };
    const fromTeam = (): Evidence => {
      const owner = p.key !== policy.ownerTag ? (valid(target, policy.ownerTag) ?? out.tags[policy.ownerTag]) : undefined;
      const v =
        owner &&
        agreed(
          peers.filter((r) => r.account === target.account && valid(r, policy.ownerTag) === owner),
          3,
          0.9,
        );
      return v ? { value: v, why: `like ${owner}'s other resources in ${target.accountAlias ?? target.account}` } : undefined;
    };
    const fromAccount = (): Evidence => {
      const v = agreed(
        peers.filter((r) => r.account === target.account),
        5,
        0.9,
      );
      return v ? { value: v, why: `like the rest of account ${target.accountAlias ?? target.account}` } : undefined;
    };
    // An attached volume is named after its instance ("web-1-data"): its name and siblings say nothing of its own.
    const rules = instance ? [closest, fromInstance, fromTeam, fromAccount] : [closest, fromName, fromSiblings, fromTeam, fromAccount];
    let found: Evidence;
    for (const rule of rules) if ((found = rule())) break;
    if (!found) {
      out.unresolved.push(p.key);
      continue;
    }
    out.tags[p.key] = found.value;
    out.because.push(`${p.key}=${found.value}: ${found.why}`);
  }
  return out;
}

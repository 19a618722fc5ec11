import { resourceTypeLabel, type Resource, type ResourceType } from '../core';
import { resourceKey } from './ResourceIndex';
import { resourceKinds } from './kinds';
import { typesFor } from './resource-words';

/**
 * Resources AWS still lists but that no longer exist to act on: EC2 keeps returning a terminated
 * instance from DescribeInstances (and the Tagging API) for about an hour. They are kept apart from the
 * inventory: never resolved, never candidates, never counted by the tagging digest; a request that
 * names one exactly is told it was terminated, and when.
 */
export function isGone(r: Pick<Resource, 'type' | 'state'>): boolean {
  return !!r.state && !!resourceKinds.get(r.type)?.goneStates?.includes(r.state);
}

/** `"web-x" (i-0abc…, staging/us-west-2) was terminated at 2026-11-22 09:00 UTC` */
export function goneSentence(r: Resource): string {
  const at = typeof r.facts.terminatedAt === 'string' ? ` at ${r.facts.terminatedAt.slice(0, 16).replace('T', ' ')} UTC` : '';
  const what = `"${r.name}" (${r.name === r.id ? '' : `${r.id}, `}${r.accountAlias ?? r.account}/${r.region})`;
  const label = resourceTypeLabel(r.type);
  if (r.state === 'shutting-down')
    return `The ${label} ${what} is being terminated (since${at ? at.slice(3) : ' a moment ago'}); there is nothing left to act on.`;
  return `The ${label} ${what} was terminated${at}; there is nothing left to act on.`;
}

/** The gone resources, found by exact name, id or ARN (case-insensitive), the way a request names them. */
export class Tombstones {
  private readonly byKey = new Map<string, Resource>();
  private readonly byWord = new Map<string, Resource[]>();
  private readonly arns = new Set<string>();

  get size(): number {
    return this.byKey.size;
  }

  add(r: Resource): void {
    this.delete(r);
    this.byKey.set(resourceKey(r), r);
    for (const w of words(r)) {
      const list = this.byWord.get(w);
      if (list) list.push(r);
      else this.byWord.set(w, [r]);
    }
    if (r.arn) this.arns.add(r.arn.toLowerCase());
  }

  delete(ref: Pick<Resource, 'account' | 'region' | 'type' | 'id'>): void {
    const key = resourceKey(ref);
    const old = this.byKey.get(key);
    if (!old) return;
    this.byKey.delete(key);
    for (const w of words(old)) {
      const left = (this.byWord.get(w) ?? []).filter((x) => resourceKey(x) !== key);
      if (left.length) this.byWord.set(w, left);
      else this.byWord.delete(w);
    }
    if (old.arn) this.arns.delete(old.arn.toLowerCase());
  }

  get(ref: Pick<Resource, 'account' | 'region' | 'type' | 'id'>): Resource | undefined {
    return this.byKey.get(resourceKey(ref));
  }

  /** Gone resources a parameter of `type` could have meant by exactly this name, id or ARN. */
  named(text: string, type: ResourceType | 'any'): Resource[] {
    if (!this.byKey.size) return [];
    const allowed = typesFor(type);
    return (this.byWord.get(text.trim().toLowerCase()) ?? []).filter((r) => !allowed || allowed.has(r.type));
  }

  hasArn(arn: string): boolean {
    return this.arns.has(arn.toLowerCase());
  }

  all(): Resource[] {
    return [...this.byKey.values()];
  }
}

function words(r: Resource): string[] {
  return [...new Set([r.name, r.id, r.arn].filter((x): x is string => !!x).map((x) => x.toLowerCase()))];
}

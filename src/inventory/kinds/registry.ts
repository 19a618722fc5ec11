import { nameResourceType } from '../../core';
import type { ResourceKind } from './ResourceKind';

/**
 * Every kind of resource the bot knows, by type id (Cloud Custodian's `c7n/registry.py`). Registering a
 * kind is all it takes for the inventory to scan and re-read it, the resolver and classifier to know its
 * words, labels to name it, and the IAM policy to include its scan permissions.
 */
export class ResourceKindRegistry {
  private readonly kinds = new Map<string, ResourceKind>();
  private changes = 0;

  register(...kinds: ResourceKind[]): this {
    for (const kind of kinds) {
      if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(kind.type))
        throw new Error(`resource kind type \`${kind.type}\` must be kebab-case, like lambda-function`);
      if (this.kinds.has(kind.type)) throw new Error(`resource kind ${kind.type} is registered twice`);
      const scanner = [...this.kinds.values()].find((k) => k.scanner.name === kind.scanner.name);
      if (scanner) throw new Error(`resource kind ${kind.type}: scanner ${kind.scanner.name} is already ${scanner.type}'s`);
      this.kinds.set(kind.type, kind);
      nameResourceType(kind);
      this.changes += 1;
    }
    return this;
  }

  /** Take a kind out again (tests that register one of their own). */
  unregister(type: string): void {
    if (this.kinds.delete(type)) this.changes += 1;
  }

  get(type: string): ResourceKind | undefined {
    return this.kinds.get(type);
  }

  has(type: string): boolean {
    return this.kinds.has(type);
  }

  all(): ResourceKind[] {
    return [...this.kinds.values()];
  }

  types(): string[] {
    return [...this.kinds.keys()];
  }

  /** Moves on every registration: caches derived from the kinds (classifier nouns) rebuild then. */
  get version(): number {
    return this.changes;
  }

  /** The kind whose scanner has this name. */
  byScanner(name: string): ResourceKind | undefined {
    return this.all().find((k) => k.scanner.name === name);
  }

  /** IAM actions scanning and re-reading every kind needs, sorted. */
  permissions(): string[] {
    return [...new Set(this.all().flatMap((k) => [...k.scanner.permissions, ...k.permissions]))].sort();
  }

  /** Which kinds a parameter of `type` may resolve to; undefined means any. */
  typesFor(type: string): ReadonlySet<string> | undefined {
    if (type === 'any') return undefined;
    const kind = this.kinds.get(type);
    if (kind?.acceptsAny) return undefined;
    return new Set([type, ...(kind?.accepts ?? [])]);
  }
}

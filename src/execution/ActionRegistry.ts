import type { KnownActions } from '../playbooks';
import type { ActionDefinition } from './action';

/** Every action the bot can run, by name. */
export class ActionRegistry implements KnownActions {
  private readonly actions = new Map<string, ActionDefinition>();

  register(...defs: ActionDefinition<any>[]): this {
    for (const def of defs) {
      if (this.actions.has(def.name)) throw new Error(`action ${def.name} is registered twice`);
      this.actions.set(def.name, def as ActionDefinition);
    }
    return this;
  }

  get(name: string): ActionDefinition | undefined {
    return this.actions.get(name);
  }

  has(name: string): boolean {
    return this.actions.has(name);
  }

  list(): string[] {
    return [...this.actions.keys()].sort();
  }

  all(): ActionDefinition[] {
    return [...this.actions.values()];
  }

  inputFields(name: string): string[] | undefined {
    const def = this.actions.get(name);
    return def ? Object.keys(def.input.shape) : undefined;
  }

  /** Only actions that declare `readOnly: true` (reports, searches) may run in a read-only playbook. */
  readOnly(name: string): boolean {
    return this.actions.get(name)?.readOnly === true;
  }

  /** Input fields rendered as shell commands (their parameters need a pattern). */
  shellFields(name: string): string[] {
    return this.actions.get(name)?.shell ?? [];
  }
}

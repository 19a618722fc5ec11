import type { Playbook } from '../core';
import type { PlaybookCatalog } from '../core';

/** The loaded playbooks, by id. */
export class Catalog implements PlaybookCatalog {
  private readonly byId: Map<string, Playbook>;

  constructor(playbooks: Playbook[]) {
    this.byId = new Map(playbooks.map((p) => [p.id, p]));
  }

  get(id: string): Playbook | undefined {
    return this.byId.get(id);
  }

  list(): Playbook[] {
    return [...this.byId.values()];
  }
}

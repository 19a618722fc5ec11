import type { Finding, FindingRule } from '../types';

/**
 * Resources the tagging policy finds fault with: the tagging digest's own check (handed in as
 * `tagCheck`), over the inventory, so no extra request. Fixed with the tagging digest's "Fix tags".
 */
export const missingTags: FindingRule = {
  id: 'tags-missing',
  title: 'Resources without the required tags',
  permissions: [],
  fix: { playbook: 'tag-resources', param: 'resource' },
  async evaluate(ctx) {
    if (!ctx.tagCheck) return [];
    return ctx.tagCheck(ctx.resources).map(
      ({ resource, problems }): Finding => ({
        rule: this.id,
        severity: 'low',
        resource,
        detail: `Tagging policy: ${problems.join('; ')}.`,
        monthlySaving: null,
        fix: this.fix,
      }),
    );
  },
};

import { z } from 'zod';
import { defineAction } from './action';

/** `cost-report`: Cost Explorer, grouped; the cost report service does the work. */
export const costReport = defineAction({
  name: 'reports.cost',
  description: 'Cost for a period, grouped by service, account, region or tag (Cost Explorer, read-only).',
  input: z.object({
    period: z.string().max(64).optional(),
    group_by: z.string().max(64).optional(),
    account: z.string().max(64).optional(),
  }),
  permissions: ['ce:GetCostAndUsage', 'ce:GetCostForecast'],
  readOnly: true,
  dryRun: async () => ({ supported: false, note: 'read-only: nothing to dry-run' }),
  async apply(ctx, input) {
    if (!ctx.services.costReport) throw new Error('cost reports are not wired in this build (no cost report service)');
    return {
      summary: `cost report${input.period ? ` for ${input.period}` : ''}`,
      requestIds: [],
      output: await ctx.services.costReport(input),
    };
  },
  immediate: true,
});

/** `tag-compliance-report`: which resources miss required tags; the tagging report service does the work. */
export const tagReport = defineAction({
  name: 'reports.tags',
  description: 'Which resources miss required tags (Resource Groups Tagging API, read-only).',
  input: z.object({ tag: z.string().max(128).optional() }),
  permissions: ['tag:GetResources', 'tag:GetTagKeys', 'tag:GetTagValues'],
  readOnly: true,
  dryRun: async () => ({ supported: false, note: 'read-only: nothing to dry-run' }),
  async apply(ctx, input) {
    if (!ctx.services.tagReport) throw new Error('tag compliance reports are not wired in this build (no tagging report service)');
    return {
      summary: `tag compliance${input.tag ? ` for ${input.tag}` : ''}`,
      requestIds: [],
      output: await ctx.services.tagReport(input),
    };
  },
  immediate: true,
});

export const reportActions = [costReport, tagReport];

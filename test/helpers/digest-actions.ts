import { z } from 'zod';
import { builtinActions, defineAction, type ActionRegistry } from '../../src/execution';

/**
 * Test stand-ins for the catalog's report and tagging actions (the real ones live with the catalog):
 * the thin read-only actions call the ReadServices, the tag action calls the Tagging API.
 */
export function registryWithDigestActions(): ActionRegistry {
  const report = (name: string, service: 'costReport' | 'tagReport', input: z.ZodObject<z.ZodRawShape>) =>
    defineAction({
      name,
      description: `read-only ${service}`,
      input,
      permissions: [],
      readOnly: true,
      dryRun: async () => ({ supported: false, note: 'read-only' }),
      apply: async (ctx, i) => ({ summary: service, requestIds: [], output: await ctx.services[service]!(i) }),
    });
  return builtinActions().register(
    report('test.costReport', 'costReport', z.object({ period: z.string().optional(), group_by: z.string().optional() })),
    report('test.tagReport', 'tagReport', z.object({ tag: z.string().optional() })),
    defineAction({
      name: 'test.tagResources',
      description: 'Tag one resource through the Tagging API.',
      input: z.object({ ResourceARN: z.string(), Tags: z.record(z.string(), z.string()) }),
      permissions: ['tag:TagResources'],
      dryRun: async () => ({ supported: false, note: 'no dry run for tagging' }),
      async apply(ctx, input) {
        const out = await ctx.provider.tagging(ctx.target).tagResources({ ResourceARNList: [input.ResourceARN], Tags: input.Tags });
        return {
          summary: `tagged ${input.ResourceARN}: ${Object.entries(input.Tags)
            .map(([k, v]) => `${k}=${v}`)
            .join(' ')}`,
          requestIds: [out.$metadata?.requestId ?? ''].filter(Boolean),
        };
      },
    }),
  );
}

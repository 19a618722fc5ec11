import { z } from 'zod';
import { defineAction } from './action';

/** `inventory-find`: a search over the scanned inventory; the inventory service does the work. */
export const findResources = defineAction({
  name: 'inventory.find',
  description: 'Show resources matching a name, tag or state, from the scanned inventory (read-only).',
  input: z.object({ query: z.string().min(1).max(200) }),
  permissions: [
    'ec2:DescribeInstances',
    'ec2:DescribeVolumes',
    'rds:DescribeDBInstances',
    'rds:DescribeDBClusters',
    'ssm:DescribeInstanceInformation',
    'tag:GetResources',
  ],
  readOnly: true,
  dryRun: async () => ({ supported: false, note: 'read-only: nothing to dry-run' }),
  async apply(ctx, input) {
    if (!ctx.services.findResources)
      throw new Error('resource search is not wired in this build (no inventory service); `cloudops find` or a scan may help');
    const output = await ctx.services.findResources(input);
    return { summary: `search for "${input.query}"`, requestIds: [], output };
  },
  immediate: true,
});

export const inventoryActions = [findResources];

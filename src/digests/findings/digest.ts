import { z } from 'zod';
import { FINDINGS_PERMISSIONS } from '../../findings';
import { defineDigest } from '../Digest';

/** The findings digest: what to do first (money, deadlines, risk), each finding with a Fix button (docs/findings.md). */
export const findingsDigest = defineDigest({
  kind: 'findings',
  title: 'Findings digest',
  description:
    'what to fix first: stopped instances still billed, unattached and gp2 volumes, old ' +
    'snapshots, idle instances, engines near end of support, missing tags; with savings ' +
    'and Fix buttons',
  words: ['findings', 'finding', 'recommendations', 'findings digest', 'what should we fix'],
  permissions: ['ce:GetCostAndUsageWithResources', ...FINDINGS_PERMISSIONS],
  options: z
    .object({
      top: z
        .number()
        .int()
        .min(1)
        .max(50)
        .optional()
        .describe('How many findings the chat message lists (all of them in --json and --csv).'),
    })
    .strict(),
  async build({ options }, on) {
    return (await on.findings.build({ top: options.top })).message;
  },
});

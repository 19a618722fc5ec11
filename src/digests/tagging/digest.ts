import { z } from 'zod';
import { defineDigest } from '../Digest';

/** The tagging-compliance digest: who misses which required tags, the worst offenders, the trend. */
export const tagsDigest = defineDigest({
  kind: 'tags',
  title: 'Tagging digest',
  description: 'compliance with the tagging policy by team and type, the worst offenders with "Fix tags" buttons, and the trend',
  words: ['tags', 'tagging', 'tag digest', 'tag compliance'],
  permissions: ['tag:GetResources'],
  options: z.object({ top: z.number().int().min(1).max(25).optional().describe('How many worst offenders to list.') }).strict(),
  async build({ today, options, source }, on) {
    return (await on.tags.build({ day: today, top: options.top, source })).message;
  },
  rest: (on) => on.tags.rest(),
});

import { z } from 'zod';
import { defineDigest } from '../Digest';

/** The daily cost digest (Cost Explorer): yesterday, the month so far, the forecast, top services. */
export const costDigest = defineDigest({
  kind: 'cost',
  title: 'Cost digest',
  description: 'yesterday and the month so far from Cost Explorer, with a chart, the forecast and the top services',
  words: ['cost', 'costs', 'spend'],
  permissions: ['ce:GetCostAndUsage', 'ce:GetCostForecast', 'ce:GetAnomalies'],
  options: z
    .object({
      view: z
        .enum(['auto', 'total', 'per-account'])
        .optional()
        .describe('One view over all accounts, one per account, or per account when several are configured (auto).'),
      anomalies: z.boolean().optional().describe('Include Cost Anomaly Detection anomalies (overrides cost.anomalies).'),
      top: z.number().int().min(1).max(25).optional().describe('How many top services to list.'),
    })
    .strict(),
  costData: true,
  async build({ today, options }, on) {
    return (await on.cost.build({ today, view: options.view, anomalies: options.anomalies, top: options.top })).message;
  },
});

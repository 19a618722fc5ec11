import { isCloudError, type CE, type CloudProvider } from '../../cloud';
import type { ChatMessage } from '../../core';
import type { Resource } from '../../core';
import { resourceTypeLabel } from '../../core';
import { addDays, span, type Day } from '../dates';
import { explainCostExplorerError } from '../failure';

/** Cost Explorer keeps resource-level data for the last 14 days only. */
export const RESOURCE_COST_DAYS = 14;
/** Pages asked for at most: the digest stays within 3 Cost Explorer requests. */
export const MAX_RESOURCE_COST_REQUESTS = 3;
/** The services with resource-level data (EC2 compute, EBS in "EC2 - Other", RDS). */
export const RESOURCE_COST_SERVICES = ['Amazon Elastic Compute Cloud - Compute', 'EC2 - Other', 'Amazon Relational Database Service'];

export interface ResourceCost {
  id: string;
  amount: number;
  resource?: Resource;
}

export interface ResourceCostReport {
  enabled: boolean;
  rows: ResourceCost[];
  total: number;
  unit: string;
  start: Day;
  /** Exclusive. */
  end: Day;
  requests: number;
  /** More pages were left unread to stay within the request budget. */
  truncated: boolean;
}

/** "not opted in" in Cost Explorer's words: its resource-level data is off for the account. */
function notEnabled(e: unknown): boolean {
  // A missing permission is not this: it is explained as such (allow ce:GetCostAndUsageWithResources).
  return (
    isCloudError(e) &&
    /^(DataUnavailableException|ValidationException)$/.test(e.code) &&
    /resource[- ]level|opt(ed)?[- ]?in|not enabled|granularity/i.test(e.message)
  );
}

/**
 * The most expensive resources of the last 14 days: GetCostAndUsageWithResources grouped by RESOURCE_ID,
 * at most three pages. An account without resource-level data gets `enabled: false`, not an error.
 */
export async function resourceCosts(
  provider: CloudProvider,
  options: { payer: string; metric: string; today: Day; resources: Resource[] },
): Promise<ResourceCostReport> {
  const end = options.today;
  const start = addDays(end, -RESOURCE_COST_DAYS);
  const ce = provider.costExplorer(options.payer);
  const totals = new Map<string, number>();
  let unit = 'USD';
  let requests = 0;
  let token: string | undefined;
  const base = { enabled: true, rows: [], total: 0, unit, start, end, truncated: false };
  do {
    let page: Omit<CE.GetCostAndUsageWithResourcesCommandOutput, '$metadata'>;
    try {
      requests += 1;
      page = await ce.getCostAndUsageWithResources({
        TimePeriod: { Start: start, End: end },
        Granularity: 'DAILY',
        Metrics: [options.metric],
        Filter: { Dimensions: { Key: 'SERVICE', Values: RESOURCE_COST_SERVICES } },
        GroupBy: [{ Type: 'DIMENSION', Key: 'RESOURCE_ID' }],
        ...(token ? { NextPageToken: token } : {}),
      });
    } catch (e) {
      if (notEnabled(e)) return { ...base, enabled: false, requests };
      throw Object.assign(new Error(explainCostExplorerError(e, 'GetCostAndUsageWithResources', options.payer).what), { cause: e });
    }
    for (const r of page.ResultsByTime ?? []) {
      for (const g of r.Groups ?? []) {
        const id = g.Keys?.[0];
        const m = g.Metrics?.[options.metric];
        if (!id || !m) continue;
        unit = m.Unit ?? unit;
        totals.set(id, (totals.get(id) ?? 0) + Number(m.Amount ?? 0));
      }
    }
    token = page.NextPageToken;
  } while (token && requests < MAX_RESOURCE_COST_REQUESTS);
  const byId = new Map<string, Resource>();
  for (const r of options.resources) {
    byId.set(r.id, r);
    if (r.arn) byId.set(r.arn, r);
  }
  const rows = [...totals]
    .map(([id, amount]) => ({ id, amount: Math.round(amount * 100) / 100, ...(byId.get(id) ? { resource: byId.get(id)! } : {}) }))
    .sort((a, b) => b.amount - a.amount);
  return {
    enabled: true,
    rows,
    total: Math.round(rows.reduce((a, r) => a + r.amount, 0) * 100) / 100,
    unit,
    start,
    end,
    requests,
    truncated: !!token,
  };
}

function money(n: number, unit: string): string {
  return unit === 'USD'
    ? `$${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`
    : `${n.toFixed(2)} ${unit}`;
}

/** The card: the top resources by cost, what they are, and the Cost Explorer requests it took. */
export function resourceCostMessage(report: ResourceCostReport, options: { top: number; payer: string; label?: string }): ChatMessage {
  const window = span(report.start, addDays(report.end, -1));
  const context = [
    ...(options.label ? [options.label] : []),
    `Cost Explorer: ${report.requests} request${report.requests === 1 ? '' : 's'} (GetCostAndUsageWithResources)`,
  ];
  if (!report.enabled) {
    return {
      kind: 'info',
      header: 'Top resources by cost: not available',
      text:
        `Resource-level cost data is not enabled for account ${options.payer}, so Cost ` +
        `Explorer cannot say what each resource cost. Turn on "resource-level data at daily ` +
        `granularity" in Billing and Cost Management > Cost Management preferences (AWS ` +
        `charges for it, and it covers the last 14 days); until then \`cost\` shows cost by ` +
        `service.`,
      context,
    };
  }
  if (!report.rows.length)
    return {
      kind: 'info',
      header: `Top resources by cost, ${window}`,
      text: `Cost Explorer has no resource-level costs for ${window}.`,
      context,
    };
  const top = report.rows.slice(0, options.top);
  const items = top.map((r) => {
    const res = r.resource;
    const what = res
      ? `${res.name === res.id ? res.id : `${res.name} (${res.id})`}, ` +
        `${resourceTypeLabel(res.type)}, ${res.accountAlias ?? res.account}/${res.region}`
      : r.id;
    return `${what}: ${money(r.amount, report.unit)}`;
  });
  return {
    kind: 'digest',
    header: `Top resources by cost, ${window}`,
    text:
      `*${report.rows.length} resources cost ${money(report.total, report.unit)}* over the ` +
      `last ${RESOURCE_COST_DAYS} days (EC2, EBS and RDS resource-level data). The top ` +
      `${top.length}:` +
      (report.truncated
        ? `\nNote: more pages were left unread to stay within ${MAX_RESOURCE_COST_REQUESTS} Cost Explorer requests; the list may miss some.`
        : ''),
    items,
    context,
  };
}

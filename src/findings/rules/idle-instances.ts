import type { CW } from '../../cloud';
import type { Finding, FindingRule } from '../types';
import { byRegion, readIn } from './scopes';

/** GetMetricData takes up to 500 queries per request. */
const QUERIES_PER_REQUEST = 500;

/**
 * Running instances whose CPUUtilization p95 over `idleDays` is below `idleCpuP95`%: one GetMetricData
 * query per instance (one datapoint: period = the whole window, statistic p95), batched 500 to a request
 * per account/region. An instance CloudWatch has no datapoints for is not called idle.
 */
export const idleInstances: FindingRule = {
  id: 'ec2-idle',
  title: 'Idle EC2 instances (CPU p95 low for 14 days)',
  types: ['ec2-instance'],
  permissions: ['cloudwatch:GetMetricData'],
  fix: { playbook: 'ec2-stop-instance', param: 'instance' },
  async evaluate(ctx) {
    if (!ctx.provider.cloudwatch) return [];
    const { idleDays, idleCpuP95 } = ctx.thresholds;
    const end = new Date(Math.floor(ctx.now.getTime() / 3_600_000) * 3_600_000);
    const start = new Date(end.getTime() - idleDays * 86_400_000);
    const out: Finding[] = [];
    const running = ctx.resources.filter((r) => r.type === 'ec2-instance' && r.state === 'running');
    for (const [, list] of byRegion(running)) {
      const first = list[0];
      await readIn(
        ctx,
        { account: first.account, ...(first.accountAlias ? { alias: first.accountAlias } : {}), region: first.region },
        async () => {
          // Checked above; a callback does not keep the narrowing.
          const cw = ctx.provider.cloudwatch!({ account: list[0].account, region: list[0].region });
          for (let i = 0; i < list.length; i += QUERIES_PER_REQUEST) {
            const batch = list.slice(i, i + QUERIES_PER_REQUEST);
            const queries: CW.MetricDataQuery[] = batch.map((r, n) => ({
              Id: `i${n}`,
              MetricStat: {
                Metric: { Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'InstanceId', Value: r.id }] },
                Period: idleDays * 86_400,
                Stat: 'p95',
              },
              ReturnData: true,
            }));
            let token: string | undefined;
            const values = new Map<string, number[]>();
            do {
              const page = await cw.getMetricData({
                MetricDataQueries: queries,
                StartTime: start,
                EndTime: end,
                ...(token ? { NextToken: token } : {}),
              });
              ctx.count('cloudwatch');
              for (const res of page.MetricDataResults ?? [])
                values.set(res.Id ?? '', [...(values.get(res.Id ?? '') ?? []), ...(res.Values ?? [])]);
              token = page.NextToken;
            } while (token);
            batch.forEach((r, n) => {
              const v = values.get(`i${n}`) ?? [];
              if (!v.length) return;
              const p95 = Math.max(...v);
              if (p95 >= idleCpuP95) return;
              const type = typeof r.facts.instanceType === 'string' ? r.facts.instanceType : undefined;
              const saving = ctx.prices.instanceMonthly(type, r.region) ?? null;
              out.push({
                rule: this.id,
                severity: saving !== null && saving >= 200 ? 'medium' : 'low',
                resource: r,
                detail:
                  `CPU p95 ${p95.toFixed(1)}% over the last ${idleDays} days (below ${idleCpuP95}%) on ` +
                  `a ${type ?? 'instance'}. Stop it, or resize it smaller if something needs it.`,
                monthlySaving: saving,
                fix: this.fix,
              });
            });
          }
        },
      );
    }
    return out;
  },
};

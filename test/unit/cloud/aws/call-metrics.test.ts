/**
 * The AWS call metrics come from one SDK middleware on every client the provider builds: real SDK
 * clients against a local stand-in for AWS (AWS_ENDPOINT_URL), scraped through the metrics registry.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwsProvider } from '../../../../src/cloud/aws';
import { BotMetrics } from '../../../../src/metrics';

let server: Server;
let throttleNext = 0;
const saved: Record<string, string | undefined> = {};
const ENV: Record<string, string | undefined> = {
  AWS_ENDPOINT_URL: '',
  AWS_ACCESS_KEY_ID: 'AKIABASEIDENTITY',
  AWS_SECRET_ACCESS_KEY: 'base-secret',
  AWS_SESSION_TOKEN: undefined,
  AWS_PROFILE: undefined,
  AWS_REGION: 'us-west-2',
};

const INSTANCES =
  `<?xml version="1.0" encoding="UTF-8"?><DescribeInstancesResponse ` +
  `xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r1</requestId><reservationSet/></DescribeInstancesResponse>`;
const error = (code: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>${code}` +
  `</Code><Message>${code}` +
  `</Message></Error></Errors><RequestID>r2</RequestID></Response>`;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      if (target.endsWith('.GetCostAndUsage')) {
        res.setHeader('content-type', 'application/x-amz-json-1.1');
        return void res.end(JSON.stringify({ ResultsByTime: [] }));
      }
      const action = new URLSearchParams(body).get('Action');
      res.setHeader('content-type', 'text/xml');
      if (action === 'DescribeInstances' && throttleNext-- > 0) {
        res.statusCode = 503;
        return void res.end(error('RequestLimitExceeded'));
      }
      if (action === 'DescribeInstances') return void res.end(INSTANCES);
      res.statusCode = 403;
      res.end(error('UnauthorizedOperation'));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  ENV.AWS_ENDPOINT_URL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const [k, v] of Object.entries(ENV)) {
    saved[k] = process.env[k];
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
});

afterAll(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  await new Promise((r) => server.close(r));
});

const value = (text: string, line: string) =>
  Number(
    text
      .split('\n')
      .find((l) => l.startsWith(line))
      ?.split(' ')
      .at(-1) ?? 0,
  );

describe('AWS call metrics (SDK middleware)', () => {
  it(
    'counts every call by service, operation and error code, once per call however many ' + 'retries, and Cost Explorer requests apart',
    async () => {
      const metrics = new BotMetrics({ defaults: false });
      const p = AwsProvider.fromConfig(
        { accounts: [{ id: '111111111111', regions: ['us-west-2'] }], maxAttempts: 3 },
        { onCall: (c) => metrics.awsCall(c) },
      );
      const t = { account: '111111111111', region: 'us-west-2' };
      throttleNext = 1;
      await p.ec2(t).describeInstances({});
      await p.ec2(t).describeInstances({});
      await expect(p.ec2(t).stopInstances({ InstanceIds: ['i-0123456789abcdef0'] })).rejects.toMatchObject({
        code: 'UnauthorizedOperation',
      });
      await p
        .costExplorer()
        .getCostAndUsage({ TimePeriod: { Start: '2026-11-01', End: '2026-12-01' }, Granularity: 'MONTHLY', Metrics: ['UnblendedCost'] });

      const { body } = await metrics.text();
      // The throttled first try was retried by the SDK: still one call, ok.
      expect(value(body, 'cloudops_aws_calls_total{service="EC2",operation="DescribeInstances",code="ok"}')).toBe(2);
      expect(value(body, 'cloudops_aws_calls_total{service="EC2",operation="StopInstances",code="UnauthorizedOperation"}')).toBe(1);
      expect(value(body, 'cloudops_aws_calls_total{service="CostExplorer",operation="GetCostAndUsage",code="ok"}')).toBe(1);
      expect(value(body, 'cloudops_cost_explorer_requests_total{operation="GetCostAndUsage",code="ok"}')).toBe(1);
      expect(value(body, 'cloudops_aws_call_duration_seconds_count{service="EC2",operation="DescribeInstances"}')).toBe(2);
    },
  );
});

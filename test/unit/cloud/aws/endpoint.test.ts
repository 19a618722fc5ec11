/**
 * The real SDK clients (no mocks) against a local stand-in for AWS on 127.0.0.1, reached through
 * AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_STS: endpoint override, role assumption over STS, request signing
 * with the role's credentials, and the standard retry mode on throttling.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwsProvider } from '../../../../src/cloud/aws';
import { StepRunner, builtinActions, explainError } from '../../../../src/execution';

interface Seen {
  action: string;
  params: URLSearchParams;
  authorization: string;
}

let server: Server;
let seen: Seen[] = [];
let throttleNext = 0;
const saved: Record<string, string | undefined> = {};
const ENV = {
  AWS_ENDPOINT_URL: '',
  AWS_ENDPOINT_URL_STS: '',
  AWS_ACCESS_KEY_ID: 'AKIABASEIDENTITY',
  AWS_SECRET_ACCESS_KEY: 'base-secret',
  AWS_SESSION_TOKEN: undefined,
  AWS_PROFILE: undefined,
  AWS_REGION: 'us-west-2',
};

const INSTANCES = `<?xml version="1.0" encoding="UTF-8"?>
<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>ec2-req-1</requestId>
<reservationSet><item><reservationId>r-1</reservationId><instancesSet><item><instanceId>i-0123456789abcdef0</instanceId>
<instanceState><code>16</code><name>running</name></instanceState></item></instancesSet></item></reservationSet>
</DescribeInstancesResponse>`;

const ASSUMED = `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult><Credentials>
<AccessKeyId>ASIAASSUMEDROLE</AccessKeyId><SecretAccessKey>role-secret</SecretAccessKey><SessionToken>role-token</SessionToken>
<Expiration>2099-01-01T00:00:00Z</Expiration></Credentials><AssumedRoleUser>
<Arn>arn:aws:sts::111111111111:assumed-role/cloudops/cloudops-req-42</Arn>
<AssumedRoleId>AROAEXAMPLE:cloudops-req-42</AssumedRoleId></AssumedRoleUser></AssumeRoleResult><ResponseMetadata>
<RequestId>sts-req-1</RequestId></ResponseMetadata></AssumeRoleResponse>`;

const THROTTLED =
  `<?xml version="1.0" ` +
  `encoding="UTF-8"?><Response><Errors><Error><Code>RequestLimitExceeded</Code><Message>Request ` +
  `limit exceeded.</Message></Error></Errors><RequestID>ec2-throttled</RequestID></Response>`;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const params = new URLSearchParams(body);
      const action = params.get('Action') ?? '';
      seen.push({ action, params, authorization: String(req.headers.authorization ?? '') });
      res.setHeader('content-type', 'text/xml');
      if (action === 'AssumeRole') return void res.end(ASSUMED);
      if (throttleNext > 0) {
        throttleNext -= 1;
        res.statusCode = 503;
        return void res.end(THROTTLED);
      }
      if (action === 'DescribeInstances') return void res.end(INSTANCES);
      res.statusCode = 400;
      res.end(`<Response><Errors><Error><Code>InvalidAction</Code><Message>${action}</Message></Error></Errors></Response>`);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  Object.assign(ENV, { AWS_ENDPOINT_URL: url, AWS_ENDPOINT_URL_STS: url });
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

beforeEach(() => {
  seen = [];
  throttleNext = 0;
});

describe('AwsProvider against an AWS-compatible endpoint (AWS_ENDPOINT_URL)', () => {
  it('sends EC2 calls to AWS_ENDPOINT_URL with the default credential chain', async () => {
    const p = new AwsProvider({ accounts: [{ id: '111111111111', regions: ['us-west-2'] }] });
    const out = await p.ec2({ account: '111111111111', region: 'us-west-2' }).describeInstances({});
    expect(out.Reservations?.[0]?.Instances?.[0]?.InstanceId).toBe('i-0123456789abcdef0');
    expect(seen.map((s) => s.action)).toEqual(['DescribeInstances']);
    expect(seen[0].authorization).toContain('Credential=AKIABASEIDENTITY/');
  });

  it('assumes the account role over STS (session cloudops-<request id>, external id) and signs with the role credentials', async () => {
    const p = new AwsProvider({
      accounts: [{ id: '111111111111', regions: ['us-west-2'], roleArn: 'arn:aws:iam::111111111111:role/cloudops', externalId: 'ext-42' }],
    });
    await p.ec2({ account: '111111111111', region: 'us-west-2', requestId: 'req-42' }).describeInstances({});
    expect(seen.map((s) => s.action)).toEqual(['AssumeRole', 'DescribeInstances']);
    expect(seen[0].params.get('RoleArn')).toBe('arn:aws:iam::111111111111:role/cloudops');
    expect(seen[0].params.get('RoleSessionName')).toBe('cloudops-req-42');
    expect(seen[0].params.get('ExternalId')).toBe('ext-42');
    expect(seen[0].authorization).toContain('Credential=AKIABASEIDENTITY/');
    expect(seen[1].authorization).toContain('Credential=ASIAASSUMEDROLE/');
  });

  it('retries throttling in standard mode and succeeds within the attempt budget', async () => {
    throttleNext = 1;
    const p = new AwsProvider({ accounts: [{ id: '111111111111', regions: ['us-west-2'] }], maxAttempts: 2 });
    const out = await p.ec2({ account: '111111111111', region: 'us-west-2' }).describeInstances({});
    expect(out.Reservations).toHaveLength(1);
    expect(seen.filter((s) => s.action === 'DescribeInstances')).toHaveLength(2);
  });

  it('gives up after maxAttempts and says "AWS is throttling, retried N times", no stack trace', async () => {
    throttleNext = 10;
    const p = new AwsProvider({ accounts: [{ id: '111111111111', regions: ['us-west-2'] }], maxAttempts: 3 });
    const e = await p
      .ec2({ account: '111111111111', region: 'us-west-2' })
      .describeInstances({})
      .catch((x) => x);
    expect(seen.filter((s) => s.action === 'DescribeInstances')).toHaveLength(3);
    expect(e).toMatchObject({ code: 'RequestLimitExceeded', details: { attempts: 3 } });
    const text = explainError(e);
    expect(text).toBe("AWS is throttling the bot's requests, retried 2 times. Nothing more was changed; try again in a minute.");
    expect(text).not.toMatch(/at .*\.ts:\d+/);
  });

  it('a whole step through the step runner reports throttling as a sentence in the result', async () => {
    throttleNext = 10;
    const provider = new AwsProvider({ accounts: [{ id: '111111111111', regions: ['us-west-2'] }], maxAttempts: 2 });
    const audit = { record: jest.fn(async () => undefined) };
    const runner = new StepRunner({ provider, registry: builtinActions(), audit, sleep: async () => {} });
    const playbook = {
      id: 'p',
      title: 'Stop',
      description: '',
      examples: ['x'],
      readOnly: false,
      parameters: [{ name: 'instance', type: 'ec2-instance' as const, required: true }],
      risk: { base: 'low' as const, rules: [], reversible: true },
      steps: [{ action: 'ec2.stopInstance', with: { InstanceId: '{{instance.id}}' } }],
    };
    const instance = {
      type: 'ec2-instance' as const,
      id: 'i-0123456789abcdef0',
      name: 'web',
      account: '111111111111',
      region: 'us-west-2',
      tags: {},
      facts: {},
    };
    const result = await runner.execute(playbook, { instance }, { requestId: 'req-9', onProgress: () => undefined });
    expect(result.ok).toBe(false);
    expect(result.steps[0].error).toBe(
      "AWS is throttling the bot's requests, retried once. Nothing more was changed; try again in a minute.",
    );
  });
});

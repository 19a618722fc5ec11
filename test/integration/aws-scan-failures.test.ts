/**
 * When AWS cannot be scanned (SDK clients mocked with aws-sdk-client-mock): `cloudops scan` and `scan`
 * in chat say one sentence per failed slice with the reason in words; a resource that is not found
 * where a scan failed says so ("note that production/eu-west-1 could not be scanned: …"); a dry run
 * that could not be made is said on the plan card.
 */
import { PassThrough } from 'node:stream';
import { mockClient } from 'aws-sdk-client-mock';
import {
  DescribeInstanceAttributeCommand,
  DescribeInstancesCommand,
  DescribeVolumesCommand,
  EC2Client,
  StopInstancesCommand,
} from '@aws-sdk/client-ec2';
import { DescribeDBClustersCommand, DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { DescribeInstanceInformationCommand, SSMClient } from '@aws-sdk/client-ssm';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { ECSClient, ListClustersCommand } from '@aws-sdk/client-ecs';
import { AutoScalingClient, DescribeAutoScalingGroupsCommand } from '@aws-sdk/client-auto-scaling';
import { EKSClient, ListClustersCommand as ListEksClustersCommand } from '@aws-sdk/client-eks';
import { scanCommand } from '../../src/cli/scan-command';
import { planCommand } from '../../src/cli/plan-command';
import { findCommand } from '../../src/cli/find-command';
import { parseConfig, type LoadedConfig } from '../../src/config';
import { buildBot, type Bot } from '../../src/main';
import { silentLog } from '../helpers/bot';
import { regionOf } from '../helpers/scan-aws';
import { person, RecordingSink, say } from '../helpers/sink';

const ec2 = mockClient(EC2Client);
const rds = mockClient(RDSClient);
const ssm = mockClient(SSMClient);
const tagging = mockClient(ResourceGroupsTaggingAPIClient);
// The newer kinds' services (issue 15): empty when healthy, refusing like the others when unreachable.
const newer = [
  mockClient(LambdaClient),
  mockClient(S3Client),
  mockClient(ECSClient),
  mockClient(AutoScalingClient),
  mockClient(EKSClient),
] as const;
const REGIONS = ['us-west-2', 'us-east-1', 'eu-west-1'];
const WEB = {
  InstanceId: 'i-0123456789abcdef0',
  InstanceType: 't3.micro',
  State: { Name: 'running' as const },
  Tags: [{ Key: 'Name', Value: 'web-prod-1' }],
};

const loaded: LoadedConfig = {
  config: parseConfig({
    aws: { accounts: [{ id: '111111111111', alias: 'production', regions: REGIONS }] },
    approval: { approvers: { ops: { console: ['bob'] } } },
  }),
  file: null,
};

/** What Node says when nothing listens on the endpoint (AWS_ENDPOINT_URL pointing at a stopped emulator). */
const refused = () => Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4566'), { code: 'ECONNREFUSED', $metadata: { attempts: 3 } });
/** What the SDK says when the endpoint answers with an HTML page instead of AWS's XML. */
const unreadable = () =>
  Object.assign(
    new Error(
      "char '<' is not expected.:1:1\n  Deserialization error: to see the raw response, " +
        'inspect the hidden field {error}.$response on this object.',
    ),
    { $metadata: { httpStatusCode: 200 } },
  );

function healthy(): void {
  for (const m of [ec2, rds, ssm, tagging, ...newer]) m.reset();
  newer[0].on(ListFunctionsCommand).resolves({ Functions: [] });
  newer[1].on(ListBucketsCommand).resolves({ Buckets: [] });
  newer[2].on(ListClustersCommand).resolves({ clusterArns: [] });
  newer[3].on(DescribeAutoScalingGroupsCommand).resolves({ AutoScalingGroups: [] });
  newer[4].on(ListEksClustersCommand).resolves({ clusters: [] });
  ec2
    .on(DescribeInstancesCommand)
    .callsFake(async (_i, getClient) =>
      (await regionOf(getClient)) === 'us-west-2' ? { Reservations: [{ Instances: [WEB] }] } : { Reservations: [] },
    );
  ec2.on(DescribeVolumesCommand).resolves({ Volumes: [] });
  ec2.on(DescribeInstanceAttributeCommand).resolves({ DisableApiTermination: { Value: false } });
  rds.on(DescribeDBInstancesCommand).resolves({ DBInstances: [] });
  rds.on(DescribeDBClustersCommand).resolves({ DBClusters: [] });
  ssm.on(DescribeInstanceInformationCommand).resolves({ InstanceInformationList: [] });
  tagging.on(GetResourcesCommand).resolves({ ResourceTagMappingList: [] });
}

/** Every endpoint refuses connections. */
function unreachable(): void {
  ec2.onAnyCommand().rejects(refused());
  rds.onAnyCommand().rejects(refused());
  ssm.onAnyCommand().rejects(refused());
  tagging.onAnyCommand().rejects(refused());
  for (const m of newer) (m as unknown as { onAnyCommand(): { rejects(e: Error): void } }).onAnyCommand().rejects(refused());
}

async function scanText(): Promise<{ code: number; text: string }> {
  const output = new PassThrough();
  let text = '';
  output.on('data', (d) => (text += d.toString()));
  const code = await scanCommand(loaded, { store: ':memory:' }, { output, log: silentLog });
  return { code, text };
}

describe('scans that fail say why, once per slice', () => {
  beforeEach(healthy);

  it('every refused connection (3 regions x every scanner) is one sentence, not one raw line each', async () => {
    unreachable();
    const { code, text } = await scanText();
    expect(code).toBe(1);
    const lines = text.split('\n').filter((l) => /could not be scanned/.test(l));
    expect(lines).toEqual([
      '  production/us-west-2, us-east-1, eu-west-1 could not be scanned: The bot could ' +
        'not reach AWS (connect ECONNREFUSED 127.0.0.1:4566). Check the network, proxy, or ' +
        'AWS_ENDPOINT_URL (last succeeded: never).',
    ]);
    expect(text.match(/ECONNREFUSED/g)).toHaveLength(1);
  });

  it('a slice that could not be scanned is "not scanned", never "nothing"; one that was scanned and empty is "nothing"', async () => {
    ec2.on(DescribeInstancesCommand).callsFake(async (_i, getClient) => {
      const region = await regionOf(getClient);
      if (region === 'eu-west-1') throw refused();
      return region === 'us-west-2' ? { Reservations: [{ Instances: [WEB] }] } : { Reservations: [] };
    });
    const { text } = await scanText();
    expect(text).toContain('  production (111111111111) us-west-2: 1 ec2-instance\n');
    expect(text).toContain('  production (111111111111) us-east-1: nothing\n');
    expect(text).toContain('  production (111111111111) eu-west-1: not scanned (below)\n');
    rds.on(DescribeDBInstancesCommand).callsFake(async (_i, getClient) => {
      if ((await regionOf(getClient)) === 'us-west-2') throw refused();
      return { DBInstances: [] };
    });
    expect((await scanText()).text).toContain('  production (111111111111) us-west-2: 1 ec2-instance; some scans failed (below)\n');
  });

  it('`cloudops find` says which slices could not be scanned, not only "No confident match."', async () => {
    unreachable();
    const output = new PassThrough();
    let text = '';
    output.on('data', (d) => (text += d.toString()));
    const code = await findCommand(loaded, 'web-prod-1', { store: ':memory:' }, { output, log: silentLog });
    expect(code).toBe(1);
    expect(text).toBe(
      'No confident match.\n  note: production/us-west-2, us-east-1, eu-west-1 could not ' +
        'be scanned: The bot could not reach AWS (connect ECONNREFUSED 127.0.0.1:4566). ' +
        'Check the network, proxy, or AWS_ENDPOINT_URL (last succeeded: never).\n',
    );
  });

  it('"Could not load credentials" from every scanner is one what-to-do sentence', async () => {
    const none = () => Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
    ec2.onAnyCommand().rejects(none());
    rds.onAnyCommand().rejects(none());
    ssm.onAnyCommand().rejects(none());
    tagging.onAnyCommand().rejects(none());
    for (const m of newer) (m as unknown as { onAnyCommand(): { rejects(e: Error): void } }).onAnyCommand().rejects(none());
    const { text } = await scanText();
    expect(text.split('\n').filter((l) => /could not be scanned/.test(l))).toEqual([
      '  production/us-west-2, us-east-1, eu-west-1 could not be scanned: The bot found no ' +
        'AWS credentials (environment, profile, SSO, web identity or instance role). ' +
        'Configure one of them (for example AWS_PROFILE, or an instance role), or run with ' +
        'the sandbox (last succeeded: never).',
    ]);
    expect(text).not.toContain('Could not load credentials');
  });

  it(
    'an endpoint that answers something that is not AWS is named with the call it does ' + 'not implement, not as an XML parser error',
    async () => {
      ssm.on(DescribeInstanceInformationCommand).callsFake(async (_i, getClient) => {
        if ((await regionOf(getClient)) === 'eu-west-1') throw unreadable();
        return { InstanceInformationList: [] };
      });
      const { text } = await scanText();
      expect(text).toContain(
        '  production/eu-west-1: ssm-instances could not be scanned: The endpoint of SSM ' +
          'answered with something that is not an AWS response (HTTP 200). Check ' +
          'AWS_ENDPOINT_URL or the proxy: it must lead to AWS, or to a service that implements ' +
          'ssm:DescribeInstanceInformation (last succeeded: never).',
      );
      expect(text).not.toMatch(/Deserialization|is not expected/);
    },
  );

  it('`scan` in chat says the same', async () => {
    const bot = await buildBot({ loaded, storePath: ':memory:', sleep: async () => {}, log: silentLog });
    try {
      unreachable();
      const sink = new RecordingSink();
      await bot.conversation.handle(say(person('alice'), 'scan'), sink);
      // One message, posted as the scan starts and updated with the result.
      const answer = sink.latest(sink.posts[0].ref);
      expect(answer.header).toBe('Inventory scanned, with failures');
      expect(answer.items).toEqual([
        expect.stringMatching(
          new RegExp(
            String.raw`^production\/us-west-2, us-east-1, eu-west-1 could not be scanned: The bot could ` +
              String.raw`not reach AWS \(connect ECONNREFUSED 127\.0\.0\.1:4566\)\. Check the network, proxy,` +
              String.raw` or AWS_ENDPOINT_URL \(last succeeded: .*; the resources found then are kept\)\.$`,
          ),
        ),
      ]);
    } finally {
      bot.close();
    }
  });
});

describe('not found, or not scanned?', () => {
  let bot: Bot;
  beforeEach(async () => {
    healthy();
    // eu-west-1's EC2 endpoint cannot be reached: its instances are unknown, not absent.
    ec2.on(DescribeInstancesCommand).callsFake(async (_i, getClient) => {
      const region = await regionOf(getClient);
      if (region === 'eu-west-1') throw refused();
      return region === 'us-west-2' ? { Reservations: [{ Instances: [WEB] }] } : { Reservations: [] };
    });
    bot = await buildBot({ loaded, storePath: ':memory:', sleep: async () => {}, log: silentLog });
  });
  afterEach(() => bot.close());

  const NOTE =
    'production/eu-west-1 could not be scanned: The bot could not reach AWS (connect ' +
    'ECONNREFUSED 127.0.0.1:4566). Check the network, proxy, or AWS_ENDPOINT_URL (last ' +
    'succeeded: never).';

  it('the console card says which slice failed and why', async () => {
    const sink = new RecordingSink();
    await bot.conversation.handle(say(person('alice'), 'stop web-prod-9'), sink);
    expect(sink.posts[0].message.text).toContain(
      `I could not find an EC2 instance called "web-prod-9" in the inventory; note that ${NOTE}`,
    );
  });

  it('`cloudops plan` says it too, in text and in JSON', async () => {
    const run = async (json: boolean) => {
      const output = new PassThrough();
      let text = '';
      output.on('data', (d) => (text += d.toString()));
      await planCommand(bot, 'stop web-prod-9', { input: new PassThrough(), output, json });
      return text;
    };
    expect(await run(false)).toContain(`  note: ${NOTE}`);
    expect(JSON.parse(await run(true)).missing).toMatchObject({ param: 'instance', query: 'web-prod-9', unscanned: [NOTE] });
  });

  it('a slice of another kind (RDS) failing is not mentioned for an EC2 instance', async () => {
    healthy();
    rds.on(DescribeDBInstancesCommand).rejects(refused());
    await bot.inventoryRefresh.refresh();
    const plan = await bot.planner.plan('stop web-prod-9', { at: new Date() });
    expect(plan.missing?.unscanned).toBeUndefined();
  });

  it('a dry run that could not be made is on the card, not only in the JSON', async () => {
    ec2.on(StopInstancesCommand).rejects(refused());
    const sink = new RecordingSink();
    await bot.conversation.handle(say(person('alice'), 'stop web-prod-1'), sink);
    const card = sink.planCard().message;
    expect(card.text).toContain(
      'Step 1 (stop the instance): the dry run could not be made (The bot could not reach ' +
        'EC2 in us-west-2 for account production (111111111111) (connect ECONNREFUSED ' +
        '127.0.0.1:4566). Check the network, proxy, or AWS_ENDPOINT_URL.); it is made again ' +
        'before the step runs',
    );
  });
});

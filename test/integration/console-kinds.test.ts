import { converse, testBot } from '../helpers/bot';

const PROD = { account: '111111111111', region: 'us-west-2' };

describe('console conversations on the newer kinds (S3, ECS, Auto Scaling)', () => {
  it('"block public access on the logs bucket": the card shows the bucket is public now; on approval all four blocks are on', async () => {
    const bot = await testBot();
    const out = await converse(bot, ['block public access on the logs bucket', '/as bob', '1']);
    expect(out).toContain('== Plan: Block public access to an S3 bucket ==');
    expect(out).toContain('bucket: acme-prod-logs');
    expect(out).toContain('acme-prod-logs is public now (its bucket policy allows public access)');
    expect(out).toMatch(/blocked all public access to acme-prod-logs \(before: its bucket policy is public; public access block: none/);
    const block = await bot.provider.service('s3', PROD).getPublicAccessBlock({ Bucket: 'acme-prod-logs' });
    expect(block.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    });
    // Re-read after the run: the inventory now says private.
    expect(bot.inventory.all('s3-bucket').find((r) => r.name === 'acme-prod-logs')?.facts).toMatchObject({
      public: false,
      publicAccessBlock: 'all',
    });
    bot.close();
  });

  it('a bucket that already blocks everything is refused before approval, and nothing changes', async () => {
    const bot = await testBot();
    const out = await converse(bot, ['block public access to acme-prod-assets']);
    expect(out).toContain('acme-prod-assets already blocks all public access');
    expect(out).not.toContain('[1] Approve');
    bot.close();
  });

  it('"restart the checkout service" forces a new ECS deployment and waits until it is stable', async () => {
    const bot = await testBot();
    const out = await converse(bot, ['restart the checkout service', '/as bob', '1']);
    expect(out).toContain('== Plan: Restart an ECS service ==');
    expect(out).toContain('service: checkout');
    expect(out).toContain('checkout is a production service');
    expect(out).toMatch(/started a new deployment of checkout/);
    const got = await bot.provider
      .service('ecs', PROD)
      .describeServices({ cluster: 'arn:aws:ecs:us-west-2:111111111111:cluster/prod-web', services: ['checkout'] });
    expect(got.services?.[0].deployments).toHaveLength(1);
    expect(got.services?.[0].deployments?.[0]).toMatchObject({ status: 'PRIMARY', rolloutState: 'COMPLETED' });
    expect(got.services?.[0].deployments?.[0].id).not.toBe('ecs-svc/1111111111111111111');
    bot.close();
  });

  it('"scale the web asg to 6" sets the desired capacity within min/max; 12 is above the max and refused before approval', async () => {
    const bot = await testBot();
    const out = await converse(bot, ['scale the web asg to 6', '/as bob', '1']);
    expect(out).toContain("== Plan: Set an Auto Scaling group's desired capacity ==");
    expect(out).toContain('group: web-asg');
    expect(out).toContain('web-asg has unhealthy instances now (1 of 4)');
    expect(out).toMatch(/set web-asg's desired capacity to 6 \(was 4\)/);
    const g = (await bot.provider.service('autoscaling', PROD).describeAutoScalingGroups({ AutoScalingGroupNames: ['web-asg'] }))
      .AutoScalingGroups![0];
    expect(g.DesiredCapacity).toBe(6);
    expect(g.Instances).toHaveLength(6);
    const tooMany = await converse(bot, ['scale the web asg to 12']);
    expect(tooMany).toContain("12 is above web-asg's max size 10");
    expect(tooMany).not.toContain('[1] Approve');
    bot.close();
  });

  it('scales an ECS service', async () => {
    const bot = await testBot();
    const out = await converse(bot, ['scale ecs service search-api to 4', '/as bob', '1']);
    expect(out).toMatch(/set search-api's desired count to 4 \(was 3\)/);
    const got = await bot.provider
      .service('ecs', PROD)
      .describeServices({ cluster: 'arn:aws:ecs:us-west-2:111111111111:cluster/prod-web', services: ['search-api'] });
    expect(got.services?.[0]).toMatchObject({ desiredCount: 4, runningCount: 4 });
    bot.close();
  });
});

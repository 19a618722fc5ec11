/**
 * EKS through the console adapter and the sandbox: "scale the prod nodegroup to 6" asks which node group,
 * plans, is approved by someone else, runs (UpdateNodegroupConfig, then DescribeUpdate until Successful),
 * and the sandbox's node group has the new size. Sizes outside min..max are refused before approval.
 */
import { converse, testBot } from '../helpers/bot';

const PROD = { account: '111111111111', region: 'us-west-2' };
const STAGING = { account: '222222222222', region: 'us-west-2' };

describe('console conversations on EKS node groups and clusters', () => {
  it('"scale the prod nodegroup to 6": asks which one, plans prod-web, approved by bob, runs, and the node group has 6', async () => {
    const bot = await testBot();
    const out = await converse(bot, ['scale the prod nodegroup to 6', '2', '/as bob', '3']);
    expect(out).toContain('== Which one did you mean by "prod"? ==');
    expect(out).toContain('[1] prod-batch (production/us-west-2)   [2] prod-web (production/us-west-2)');
    expect(out).toContain('== Plan: Scale an EKS managed node group ==');
    expect(out).toContain('nodegroup: prod-web (acme-prod/prod-web)');
    expect(out).toContain('desired: 6');
    expect(out).toContain('prod-web is a production node group; scaling in drains and terminates nodes');
    expect(out).toContain('depends on it: prod-web is a node group of the EKS cluster acme-prod');
    expect(out).toContain('asked EKS to size prod-web to desired 6, min 2, max 8 (was desired 4, min 2, max 8)');
    // Progress while DescribeUpdate says InProgress, then the run ends.
    expect(out).toContain('the size update of prod-web: now InProgress');
    const g = (await bot.provider.service('eks', PROD).describeNodegroup({ clusterName: 'acme-prod', nodegroupName: 'prod-web' }))
      .nodegroup!;
    expect(g.scalingConfig).toEqual({ minSize: 2, maxSize: 8, desiredSize: 6 });
    expect(g.status).toBe('ACTIVE');
    // The inventory re-read the node group after the run.
    expect(bot.inventory.all('eks-nodegroup').find((r) => r.name === 'prod-web')?.facts).toMatchObject({ desiredSize: 6 });
    bot.close();
  });

  it('a size above the max is refused before approval and changes nothing; naming the max too plans and runs', async () => {
    const bot = await testBot();
    const refused = await converse(bot, ['scale nodegroup staging-web to 6']);
    expect(refused).toContain('6 is above the max size 4; ask for the max too ("to 6, max 6")');
    expect(refused).not.toContain('Approve');
    const before = await bot.provider
      .service('eks', STAGING)
      .describeNodegroup({ clusterName: 'acme-staging', nodegroupName: 'staging-web' });
    expect(before.nodegroup?.scalingConfig).toEqual({ minSize: 1, maxSize: 4, desiredSize: 2 });

    const out = await converse(bot, ['scale the staging-web nodegroup to 6 with max 6', '/as bob', '1']);
    expect(out).toContain('max: 6');
    expect(out).toContain('asked EKS to size staging-web to desired 6, min 1, max 6 (was desired 2, min 1, max 4)');
    const after = await bot.provider
      .service('eks', STAGING)
      .describeNodegroup({ clusterName: 'acme-staging', nodegroupName: 'staging-web' });
    expect(after.nodegroup?.scalingConfig).toEqual({ minSize: 1, maxSize: 6, desiredSize: 6 });
    bot.close();
  });

  it('scaling a node group to 0 is high risk, with the reason on the card', async () => {
    const bot = await testBot();
    const out = await converse(bot, ['scale the prod-batch nodegroup to 0']);
    expect(out).toContain('[HIGH RISK]');
    expect(out).toContain('Scaling prod-batch to 0 removes every node: its pods have nowhere to run');
    bot.close();
  });

  it('"upgrade the acme-staging eks cluster" moves the control plane one minor version up (1.32 -> 1.33)', async () => {
    const bot = await testBot();
    const out = await converse(bot, ['upgrade the acme-staging eks cluster', '/as bob', '1']);
    expect(out).toContain("== Plan: Upgrade an EKS cluster's Kubernetes version ==");
    expect(out).toContain('depends on it: acme-staging runs 1 managed node group: staging-web');
    expect(out).toContain('asked EKS to update acme-staging from Kubernetes 1.32 to 1.33');
    const c = (await bot.provider.service('eks', STAGING).describeCluster({ name: 'acme-staging' })).cluster!;
    expect(c.version).toBe('1.33');
    bot.close();
  });
});

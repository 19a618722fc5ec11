/**
 * EKS clusters and managed node groups against AWS (SDK v3 wire, aws-sdk-client-mock): pagination of
 * ListClusters and ListNodegroups, field mapping into the normalized resource, a region that refuses
 * (AccessDenied) named as the failed slice while the other region's clusters still come back, and the
 * re-read's checks.
 */
import { mockClient } from 'aws-sdk-client-mock';
import {
  DescribeClusterCommand,
  DescribeNodegroupCommand,
  EKSClient,
  ListClustersCommand,
  ListNodegroupsCommand,
  type Cluster,
  type Nodegroup,
} from '@aws-sdk/client-eks';
import { rereadResource, resourceKinds } from '../../../../src/inventory';
import { awsError, awsProvider, regionOf, scanWith, unit } from '../../../helpers/scan-aws';

const eks = mockClient(EKSClient);
afterEach(() => eks.reset());
const clusters = resourceKinds.get('eks-cluster')!;
const nodegroups = resourceKinds.get('eks-nodegroup')!;
const arn = (name: string, region = 'us-west-2') => `arn:aws:eks:${region}:111111111111:cluster/${name}`;
const ngArn = (cluster: string, name: string) => `arn:aws:eks:us-west-2:111111111111:nodegroup/${cluster}/${name}/0a1b`;

const CLUSTER = (name: string, version: string, region = 'us-west-2'): Cluster => ({
  name,
  arn: arn(name, region),
  version,
  platformVersion: 'eks.9',
  status: 'ACTIVE',
  tags: { environment: 'production', owner: 'platform' },
});
const NODEGROUP = (cluster: string, name: string): Nodegroup => ({
  nodegroupName: name,
  nodegroupArn: ngArn(cluster, name),
  clusterName: cluster,
  version: '1.32',
  releaseVersion: '1.32.3-20250403',
  status: 'ACTIVE',
  capacityType: 'SPOT',
  instanceTypes: ['c6i.xlarge'],
  scalingConfig: { minSize: 1, maxSize: 6, desiredSize: 3 },
  resources: { autoScalingGroups: [{ name: `eks-${name}-0a1b` }] },
  health: { issues: [{ code: 'AsgInstanceLaunchFailures', message: 'capacity', resourceIds: [] }] },
  tags: { owner: 'web' },
});

describe('EKS kinds against AWS (SDK v3 wire, mocked)', () => {
  it('pages ListClusters and ListNodegroups with nextToken and maps DescribeCluster into the cluster resource', async () => {
    eks.on(ListClustersCommand, { maxResults: 100 }).resolves({ clusters: ['a-prod'], nextToken: 't2' });
    eks.on(ListClustersCommand, { maxResults: 100, nextToken: 't2' }).resolves({ clusters: ['b-staging'] });
    eks.on(DescribeClusterCommand, { name: 'a-prod' }).resolves({ cluster: CLUSTER('a-prod', '1.35') });
    eks
      .on(DescribeClusterCommand, { name: 'b-staging' })
      .resolves({ cluster: { ...CLUSTER('b-staging', '1.31'), upgradePolicy: { supportType: 'STANDARD' }, tags: {} } });
    eks.on(ListNodegroupsCommand, { clusterName: 'a-prod', maxResults: 100 }).resolves({ nodegroups: ['web'], nextToken: 'n2' });
    eks.on(ListNodegroupsCommand, { clusterName: 'a-prod', maxResults: 100, nextToken: 'n2' }).resolves({ nodegroups: ['batch'] });
    eks.on(ListNodegroupsCommand, { clusterName: 'b-staging' }).resolves({ nodegroups: [] });
    const u = unit(await scanWith(clusters.scanner, awsProvider(['us-west-2'])), 'us-west-2');
    expect(u.ok).toBe(true);
    if (!u.ok) return;
    expect(u.resources).toEqual([
      {
        type: 'eks-cluster',
        id: 'a-prod',
        arn: arn('a-prod'),
        name: 'a-prod',
        account: '111111111111',
        accountAlias: 'production',
        region: 'us-west-2',
        state: 'active',
        tags: { environment: 'production', owner: 'platform' },
        facts: {
          version: '1.35',
          platformVersion: 'eks.9',
          endOfStandardSupport: '2027-03-27',
          endOfExtendedSupport: '2028-03-27',
          supportType: 'EXTENDED',
          nodegroups: ['batch', 'web'],
          nodegroupCount: 2,
        },
      },
      expect.objectContaining({
        id: 'b-staging',
        facts: expect.objectContaining({ version: '1.31', endOfStandardSupport: '2025-11-26', supportType: 'STANDARD', nodegroupCount: 0 }),
      }),
    ]);
    expect(clusters.dependents!(u.resources[0], undefined)).toEqual(['a-prod runs 2 managed node groups: batch, web']);
  });

  it('maps DescribeNodegroup into the node group: sizes, status, capacity, its Auto Scaling group and health', async () => {
    eks.on(ListClustersCommand).resolves({ clusters: ['a-prod'] });
    eks.on(ListNodegroupsCommand, { clusterName: 'a-prod' }).resolves({ nodegroups: ['web', 'gone'] });
    eks.on(DescribeNodegroupCommand, { clusterName: 'a-prod', nodegroupName: 'web' }).resolves({ nodegroup: NODEGROUP('a-prod', 'web') });
    eks
      .on(DescribeNodegroupCommand, { clusterName: 'a-prod', nodegroupName: 'gone' })
      .resolves({ nodegroup: { ...NODEGROUP('a-prod', 'gone'), status: 'DELETING' } });
    const u = unit(await scanWith(nodegroups.scanner, awsProvider(['us-west-2'])), 'us-west-2');
    expect(u.ok).toBe(true);
    if (!u.ok) return;
    expect(u.resources).toHaveLength(1);
    expect(u.resources[0]).toMatchObject({
      type: 'eks-nodegroup',
      id: 'a-prod/web',
      arn: ngArn('a-prod', 'web'),
      name: 'web',
      state: 'active',
      tags: { owner: 'web' },
      facts: {
        cluster: 'a-prod',
        version: '1.32',
        endOfStandardSupport: '2026-03-23',
        minSize: 1,
        desiredSize: 3,
        maxSize: 6,
        capacityType: 'SPOT',
        instanceTypes: ['c6i.xlarge'],
        autoScalingGroups: ['eks-web-0a1b'],
        healthIssues: ['AsgInstanceLaunchFailures: capacity'],
      },
    });
    expect(nodegroups.dependents!(u.resources[0], undefined)).toEqual([
      'web is a node group of the EKS cluster a-prod',
      'EKS runs its nodes in the Auto Scaling group eks-web-0a1b',
      'web has 1 health issue: AsgInstanceLaunchFailures: capacity',
    ]);
  });

  it('AccessDenied in one region fails that slice only, named with the reason; the other region still scans', async () => {
    eks.on(ListClustersCommand).callsFake(async (_i, getClient) => {
      if ((await regionOf(getClient)) === 'eu-west-1')
        throw awsError(
          'AccessDeniedException',
          'User: arn:aws:sts::111111111111:assumed-role/cloudops is not authorized to perform: eks:ListClusters',
          403,
        );
      return { clusters: ['a-prod'] };
    });
    eks.on(DescribeClusterCommand).resolves({ cluster: CLUSTER('a-prod', '1.35') });
    eks.on(ListNodegroupsCommand).resolves({ nodegroups: [] });
    const report = await scanWith(clusters.scanner, awsProvider(['us-west-2', 'eu-west-1']));
    const west = unit(report, 'us-west-2');
    const eu = unit(report, 'eu-west-1');
    expect(west.ok && west.resources.map((r) => r.name)).toEqual(['a-prod']);
    expect(eu).toMatchObject({ ok: false, code: 'AccessDeniedException', scanner: 'eks-clusters', region: 'eu-west-1' });
    expect(!eu.ok && eu.error).toContain('eks:ListClusters');
  });

  it('re-reads a cluster (gone on ResourceNotFoundException, not this one when the ARN is another account) and a node group', async () => {
    const c = {
      type: 'eks-cluster',
      id: 'a-prod',
      arn: arn('a-prod'),
      name: 'a-prod',
      account: '111111111111',
      region: 'us-west-2',
      tags: {},
      facts: {},
    };
    eks
      .on(DescribeClusterCommand)
      .resolvesOnce({ cluster: CLUSTER('a-prod', '1.34') })
      .resolvesOnce({ cluster: { ...CLUSTER('a-prod', '1.34'), arn: 'arn:aws:eks:us-west-2:999999999999:cluster/a-prod' } })
      .rejectsOnce(awsError('ResourceNotFoundException', 'No cluster found for name: a-prod.', 404));
    eks.on(ListNodegroupsCommand).resolves({ nodegroups: ['web'] });
    const p = awsProvider(['us-west-2']);
    expect(await rereadResource(p, c)).toMatchObject({ id: 'a-prod', facts: { version: '1.34', endOfStandardSupport: '2026-12-02' } });
    expect(await rereadResource(p, c)).toBeUndefined();
    expect(await rereadResource(p, c)).toBeUndefined();

    eks.on(DescribeNodegroupCommand, { clusterName: 'a-prod', nodegroupName: 'web' }).resolves({ nodegroup: NODEGROUP('a-prod', 'web') });
    const ng = { ...c, type: 'eks-nodegroup', id: 'a-prod/web', arn: ngArn('a-prod', 'web'), name: 'web', facts: { cluster: 'a-prod' } };
    expect(await rereadResource(p, ng)).toMatchObject({ id: 'a-prod/web', facts: { desiredSize: 3 } });
  });
});

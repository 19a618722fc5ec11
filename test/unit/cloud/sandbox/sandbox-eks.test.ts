/** The sandbox's EKS answers as EKS does: sizes checked, one update at a time, one minor version per upgrade, paging. */
import { CloudError, SandboxProvider } from '../../../../src/cloud';
import { DEMO_ESTATE } from '../../../../src/main';

const PROD = { account: '111111111111', region: 'us-west-2' };

function eks() {
  return SandboxProvider.fromFile(DEMO_ESTATE).service('eks', PROD);
}

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'no error';
  } catch (e) {
    return e instanceof CloudError ? `${e.code}: ${e.message}` : String(e);
  }
}

describe('SandboxEks', () => {
  it('pages ListNodegroups with nextToken and says ResourceNotFoundException for an unknown cluster', async () => {
    const api = eks();
    const first = await api.listNodegroups({ clusterName: 'acme-prod', maxResults: 1 });
    expect(first.nodegroups).toEqual(['prod-web']);
    const second = await api.listNodegroups({ clusterName: 'acme-prod', maxResults: 1, nextToken: first.nextToken });
    expect(second).toMatchObject({ nodegroups: ['prod-batch'] });
    expect(second.nextToken).toBeUndefined();
    expect(await code(api.listNodegroups({ clusterName: 'nope' }))).toBe('ResourceNotFoundException: No cluster found for name: nope.');
  });

  it('refuses desired outside min..max, changes nothing, and lets one update run at a time', async () => {
    const api = eks();
    const ng = { clusterName: 'acme-prod', nodegroupName: 'prod-web' };
    expect(await code(api.updateNodegroupConfig({ ...ng, scalingConfig: { desiredSize: 9 } }))).toBe(
      "InvalidParameterException: Desired capacity 9 can't be greater than max size 8",
    );
    expect(await code(api.updateNodegroupConfig({ ...ng, scalingConfig: { desiredSize: 1 } }))).toBe(
      "InvalidParameterException: Desired capacity 1 can't be less than min size 2",
    );
    expect((await api.describeNodegroup(ng)).nodegroup?.scalingConfig).toEqual({ minSize: 2, maxSize: 8, desiredSize: 4 });
    const { update } = await api.updateNodegroupConfig({ ...ng, scalingConfig: { desiredSize: 9, maxSize: 9 } });
    expect(update).toMatchObject({ status: 'InProgress', type: 'ConfigUpdate' });
    expect(await code(api.updateNodegroupConfig({ ...ng, scalingConfig: { desiredSize: 3 } }))).toMatch(/^ResourceInUseException/);
    // In progress at the first look, done at the next, with the sizes asked for.
    expect((await api.describeUpdate({ name: 'acme-prod', nodegroupName: 'prod-web', updateId: update!.id })).update?.status).toBe(
      'InProgress',
    );
    expect((await api.describeNodegroup(ng)).nodegroup).toMatchObject({
      status: 'ACTIVE',
      scalingConfig: { desiredSize: 9, maxSize: 9, minSize: 2 },
    });
    expect((await api.describeUpdate({ name: 'acme-prod', nodegroupName: 'prod-web', updateId: update!.id })).update?.status).toBe(
      'Successful',
    );
  });

  it('updates a control plane one minor version at a time', async () => {
    const api = eks();
    expect(await code(api.updateClusterVersion({ name: 'acme-prod', version: '1.37' }))).toBe(
      'InvalidParameterException: Unsupported Kubernetes minor version update from 1.35 to 1.37',
    );
    const { update } = await api.updateClusterVersion({ name: 'acme-prod', version: '1.36' });
    expect((await api.describeCluster({ name: 'acme-prod' })).cluster?.status).toBe('UPDATING');
    expect((await api.describeUpdate({ name: 'acme-prod', updateId: update!.id })).update?.status).toBe('Successful');
    expect((await api.describeCluster({ name: 'acme-prod' })).cluster).toMatchObject({ version: '1.36', status: 'ACTIVE' });
  });

  it("an account's deny list refuses EKS calls with AccessDeniedException", async () => {
    const p = SandboxProvider.fromFile(DEMO_ESTATE);
    p.state.estate.accounts[0].deny = ['eks:ListClusters'];
    expect(await code(p.service('eks', PROD).listClusters({}))).toMatch(
      /^AccessDeniedException: User: .* is not authorized to perform: eks:ListClusters/,
    );
  });
});

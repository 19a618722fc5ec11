import { mockClient } from 'aws-sdk-client-mock';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { taggedResources } from '../../../../src/inventory';
import { awsError, awsProvider, regionOf, scanWith, unit } from '../../../helpers/scan-aws';

const tagging = mockClient(ResourceGroupsTaggingAPIClient);
afterEach(() => tagging.reset());

describe('Tagging API scanner (GetResources)', () => {
  it('pages with PaginationToken until AWS returns an empty one, and names resources from their ARN', async () => {
    tagging.on(GetResourcesCommand, { ResourcesPerPage: 100 }).resolves({
      ResourceTagMappingList: [
        { ResourceARN: 'arn:aws:s3:::payments-exports-prod', Tags: [{ Key: 'owner', Value: 'payments' }] },
        { ResourceARN: 'arn:aws:lambda:us-west-2:111111111111:function:resize-images', Tags: [] },
      ],
      PaginationToken: 'p2',
    });
    tagging.on(GetResourcesCommand, { ResourcesPerPage: 100, PaginationToken: 'p2' }).resolves({
      ResourceTagMappingList: [
        {
          ResourceARN: 'arn:aws:elasticloadbalancing:us-west-2:111111111111:loadbalancer/app/web-prod-alb/50dc6c495c0c9188',
          Tags: [{ Key: 'Name', Value: 'web-prod-alb' }],
        },
      ],
      PaginationToken: '',
    });
    const u = unit(await scanWith(taggedResources, awsProvider(['us-west-2'])), 'us-west-2');
    expect(u.ok).toBe(true);
    if (!u.ok) return;
    expect(u.resources.map((r) => [r.name, r.facts.service])).toEqual([
      ['payments-exports-prod', 's3'],
      ['resize-images', 'lambda'],
      ['web-prod-alb', 'elasticloadbalancing'],
    ]);
    expect(u.resources[0]).toMatchObject({ type: 'taggable', id: 'arn:aws:s3:::payments-exports-prod', tags: { owner: 'payments' } });
    expect(tagging.commandCalls(GetResourcesCommand)).toHaveLength(2);
  });

  it('reports a failing region and still returns the other', async () => {
    tagging.on(GetResourcesCommand).callsFake(async (_i, getClient) => {
      if ((await regionOf(getClient)) === 'eu-west-1')
        throw awsError('AccessDeniedException', 'not authorized to perform: tag:GetResources', 403);
      return { ResourceTagMappingList: [{ ResourceARN: 'arn:aws:s3:::logs', Tags: [] }], PaginationToken: '' };
    });
    const report = await scanWith(taggedResources, awsProvider());
    expect(unit(report, 'us-west-2')).toMatchObject({ ok: true });
    expect(unit(report, 'eu-west-1')).toMatchObject({ ok: false, code: 'AccessDeniedException' });
  });

  it('retries a throttled page', async () => {
    tagging
      .on(GetResourcesCommand)
      .rejectsOnce(awsError('ThrottledException', 'Rate exceeded'))
      .resolves({ ResourceTagMappingList: [], PaginationToken: '' });
    const pauses: number[] = [];
    expect(unit(await scanWith(taggedResources, awsProvider(['us-west-2']), pauses), 'us-west-2')).toMatchObject({ ok: true });
    expect(pauses).toEqual([500]);
  });
});

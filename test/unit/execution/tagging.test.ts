import { ResourceGroupsTaggingAPIClient, TagResourcesCommand } from '@aws-sdk/client-resource-groups-tagging-api';
import { mockClient } from 'aws-sdk-client-mock';
import { builtinActions, StepRunner } from '../../../src/execution';
import { findResources } from '../../../src/execution/inventory';
import { costReport, tagReport } from '../../../src/execution/reports';
import { tagResources } from '../../../src/execution/tagging';
import { actionContext, awsError, awsProvider, oneStep, resource } from '../../helpers/aws';

const tagging = mockClient(ResourceGroupsTaggingAPIClient);
beforeEach(() => tagging.reset());
const ARN = 'arn:aws:ec2:us-west-2:111111111111:instance/i-0123456789abcdef0';

describe('tagging.tagResources', () => {
  it('sends TagResources with the ARN and the tag map, and takes effect at once', async () => {
    tagging.on(TagResourcesCommand).resolves({ FailedResourcesMap: {}, $metadata: { requestId: 'tg-1' } });
    const out = await tagResources.apply(actionContext(awsProvider()), {
      ResourceARNList: [ARN],
      Tags: { owner: 'platform', 'cost-center': 'CC-1010' },
    });
    expect(tagging.commandCalls(TagResourcesCommand)[0].args[0].input).toEqual({
      ResourceARNList: [ARN],
      Tags: { owner: 'platform', 'cost-center': 'CC-1010' },
    });
    expect(out).toEqual({ summary: `tagged ${ARN} with owner=platform, cost-center=CC-1010`, requestIds: ['tg-1'] });
    expect(tagResources.immediate).toBe(true);
    expect(await tagResources.dryRun(actionContext(awsProvider()), { ResourceARNList: [ARN], Tags: { a: 'b' } })).toEqual({
      supported: false,
      note: 'AWS has no dry run for tagging',
    });
  });

  it('a resource AWS could not tag fails the step with its reason', async () => {
    tagging.on(TagResourcesCommand).resolves({
      FailedResourcesMap: {
        [ARN]: { ErrorCode: 'InvalidParameterException', ErrorMessage: 'Tag value exceeds the maximum length', StatusCode: 400 },
      },
    });
    await expect(tagResources.apply(actionContext(awsProvider()), { ResourceARNList: [ARN], Tags: { a: 'b' } })).rejects.toThrow(
      `tagging ${ARN} failed: Tag value exceeds the maximum length`,
    );
  });

  it('refuses reserved aws: keys, empty tag sets and non-ARNs before calling AWS', () => {
    expect(tagResources.input.safeParse({ ResourceARNList: [ARN], Tags: { 'aws:createdBy': 'me' } }).success).toBe(false);
    expect(tagResources.input.safeParse({ ResourceARNList: [ARN], Tags: {} }).success).toBe(false);
    expect(tagResources.input.safeParse({ ResourceARNList: ['web-prod-1'], Tags: { a: 'b' } }).success).toBe(false);
  });

  it('AccessDenied on TagResources names tag:TagResources', async () => {
    tagging.on(TagResourcesCommand).rejects(awsError('AccessDeniedException', 'User is not authorized to perform: tag:TagResources'));
    const runner = new StepRunner({ provider: awsProvider(), registry: builtinActions(), audit: { record: async () => undefined } });
    const result = await runner.execute(
      oneStep('tagging.tagResources', { ResourceARNList: ['{{resource.arn}}'], Tags: '{{tags}}' }, [
        { name: 'resource', type: 'taggable', required: true },
        { name: 'tags', type: 'tags', required: true },
      ]),
      { resource: resource('ec2-instance', 'i-0123456789abcdef0', { arn: ARN }), tags: { owner: 'x' } },
      { requestId: 'r', onProgress: () => undefined },
    );
    expect(result.steps[0].error).toBe(
      "AWS refused: the bot's role lacks permission tag:TagResources. Add it to the role " +
        '(`cloudops iam-policy` prints the whole policy) and try again.',
    );
  });
});

describe('read-only actions handed to other services', () => {
  const answer = { kind: 'info' as const, text: 'the answer' };

  it.each([
    [findResources, 'findResources', { query: 'web-prod' }],
    [costReport, 'costReport', { period: 'last week', group_by: 'service' }],
    [tagReport, 'tagReport', { tag: 'owner' }],
  ] as const)('%s passes its input to the service and shows its answer', async (def, service, input) => {
    const call = jest.fn(async () => answer);
    const out = await def.apply(actionContext(awsProvider(), { services: { [service]: call } }), input as never);
    expect(call).toHaveBeenCalledWith(input);
    expect(out.output).toBe(answer);
    expect(def.readOnly).toBe(true);
  });

  it.each([
    [findResources, { query: 'x' }, /resource search is not wired/],
    [costReport, {}, /cost reports are not wired/],
    [tagReport, {}, /tag compliance reports are not wired/],
  ] as const)('%s says clearly when its service is not wired', async (def, input, message) => {
    await expect(def.apply(actionContext(awsProvider()), input as never)).rejects.toThrow(message);
  });
});

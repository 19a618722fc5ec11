import { mockClient } from 'aws-sdk-client-mock';
import { GetFunctionCommand, LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { rereadResource, resourceKinds } from '../../../../src/inventory';
import { awsError, awsProvider, scanWith, unit } from '../../../helpers/scan-aws';

const lambda = mockClient(LambdaClient);
afterEach(() => lambda.reset());
const kind = resourceKinds.get('lambda-function')!;
const arn = (n: string) => `arn:aws:lambda:us-west-2:111111111111:function:${n}`;

describe('Lambda functions kind against AWS (SDK v3 wire, mocked)', () => {
  it('pages ListFunctions with Marker, reads tags and reserved concurrency with GetFunction, and sets runtime facts', async () => {
    lambda.on(ListFunctionsCommand, { MaxItems: 50 }).resolves({
      Functions: [
        {
          FunctionName: 'payments-webhook',
          FunctionArn: arn('payments-webhook'),
          Runtime: 'python3.12',
          LastModified: '2026-11-18T14:02:11.000+0000',
        },
      ],
      NextMarker: 'm2',
    });
    lambda
      .on(ListFunctionsCommand, { MaxItems: 50, Marker: 'm2' })
      .resolves({ Functions: [{ FunctionName: 'old-one', FunctionArn: arn('old-one'), Runtime: 'nodejs14.x' }] });
    lambda.on(GetFunctionCommand, { FunctionName: 'payments-webhook' }).resolves({
      Configuration: { FunctionName: 'payments-webhook', FunctionArn: arn('payments-webhook') },
      Tags: { owner: 'payments' },
      Concurrency: { ReservedConcurrentExecutions: 0 },
    });
    lambda
      .on(GetFunctionCommand, { FunctionName: 'old-one' })
      .resolves({ Configuration: { FunctionName: 'old-one', FunctionArn: arn('old-one') }, Tags: {} });
    const u = unit(await scanWith(kind.scanner, awsProvider(['us-west-2'])), 'us-west-2');
    expect(u.ok).toBe(true);
    if (!u.ok) return;
    expect(u.resources.map((r) => [r.name, r.state, r.facts.runtime, r.facts.runtimeDeprecated, r.facts.reservedConcurrency])).toEqual([
      ['payments-webhook', 'throttled', 'python3.12', false, 0],
      ['old-one', 'active', 'nodejs14.x', true, null],
    ]);
    expect(u.resources[0]).toMatchObject({
      type: 'lambda-function',
      arn: arn('payments-webhook'),
      tags: { owner: 'payments' },
      facts: { lastModified: '2026-11-18T14:02:11.000Z' },
    });
  });

  it('re-reads one function; ResourceNotFoundException means gone, and an answer about another function is not this one', async () => {
    const r = {
      type: 'lambda-function',
      id: 'payments-webhook',
      arn: arn('payments-webhook'),
      name: 'payments-webhook',
      account: '111111111111',
      region: 'us-west-2',
      tags: {},
      facts: {},
    };
    lambda
      .on(GetFunctionCommand)
      .resolvesOnce({
        Configuration: { FunctionName: 'payments-webhook', FunctionArn: `${arn('payments-webhook')}:$LATEST`, Runtime: 'python3.12' },
        Tags: {},
      })
      .resolvesOnce({
        Configuration: { FunctionName: 'payments-webhook', FunctionArn: 'arn:aws:lambda:us-west-2:999999999999:function:payments-webhook' },
      })
      .rejectsOnce(awsError('ResourceNotFoundException', 'Function not found', 404));
    expect(await rereadResource(awsProvider(['us-west-2']), r)).toMatchObject({ id: 'payments-webhook', facts: { runtime: 'python3.12' } });
    expect(await rereadResource(awsProvider(['us-west-2']), r)).toBeUndefined();
    expect(await rereadResource(awsProvider(['us-west-2']), r)).toBeUndefined();
  });
});

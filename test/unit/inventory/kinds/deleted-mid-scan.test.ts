import { mockClient } from 'aws-sdk-client-mock';
import { GetFunctionCommand, LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import {
  DescribeClusterCommand,
  DescribeNodegroupCommand,
  EKSClient,
  ListClustersCommand,
  ListNodegroupsCommand,
} from '@aws-sdk/client-eks';
import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketPolicyStatusCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  ListBucketsCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { resourceKinds } from '../../../../src/inventory';
import { awsError, awsProvider, scanWith, unit } from '../../../helpers/scan-aws';

// QA issue 15: the newer scanners list, then describe each resource. One deleted in between (AWS answers
// ResourceNotFoundException or NoSuchBucket) failed the whole slice, so the kind's inventory for that
// account and region stayed stale; an account where CI deletes preview functions or clusters all day
// would rarely finish a scan. What is gone is skipped; the rest is scanned.
const lambda = mockClient(LambdaClient);
const eks = mockClient(EKSClient);
const s3 = mockClient(S3Client);
afterEach(() => {
  lambda.reset();
  eks.reset();
  s3.reset();
});
const gone = (code = 'ResourceNotFoundException') => awsError(code, 'not found', 404);
const names = async (type: string) => {
  const u = unit(await scanWith(resourceKinds.get(type)!.scanner, awsProvider(['us-west-2'])), 'us-west-2');
  return u.ok ? u.resources.map((r) => r.name) : `failed: ${u.error}`;
};

describe('a resource deleted between the list and its describe', () => {
  it('Lambda: GetFunction ResourceNotFoundException skips that function', async () => {
    lambda.on(ListFunctionsCommand).resolves({ Functions: [{ FunctionName: 'preview-42' }, { FunctionName: 'payments' }] });
    lambda.on(GetFunctionCommand, { FunctionName: 'preview-42' }).rejects(gone());
    lambda.on(GetFunctionCommand, { FunctionName: 'payments' }).resolves({ Configuration: { FunctionName: 'payments' }, Tags: {} });
    expect(await names('lambda-function')).toEqual(['payments']);
  });

  it('EKS: a cluster or node group gone before its describe is skipped, the others are kept', async () => {
    eks.on(ListClustersCommand).resolves({ clusters: ['preview', 'prod'] });
    eks.on(DescribeClusterCommand, { name: 'preview' }).rejects(gone());
    eks.on(DescribeClusterCommand, { name: 'prod' }).resolves({ cluster: { name: 'prod', version: '1.33', status: 'ACTIVE' } });
    eks.on(ListNodegroupsCommand, { clusterName: 'preview' }).rejects(gone());
    eks.on(ListNodegroupsCommand, { clusterName: 'prod' }).resolves({ nodegroups: ['old', 'web'] });
    eks.on(DescribeNodegroupCommand, { nodegroupName: 'old' }).rejects(gone());
    eks.on(DescribeNodegroupCommand, { nodegroupName: 'web' }).resolves({
      nodegroup: {
        nodegroupName: 'web',
        clusterName: 'prod',
        status: 'ACTIVE',
        scalingConfig: { minSize: 1, maxSize: 3, desiredSize: 2 },
      },
    });
    expect(await names('eks-cluster')).toEqual(['prod']);
    expect(await names('eks-nodegroup')).toEqual(['web']);
  });

  it('S3: NoSuchBucket on one bucket skips it', async () => {
    s3.on(ListBucketsCommand).resolves({
      Buckets: [
        { Name: 'tmp-upload', BucketRegion: 'us-west-2' },
        { Name: 'logs', BucketRegion: 'us-west-2' },
      ],
    });
    s3.on(GetBucketVersioningCommand, { Bucket: 'tmp-upload' }).rejects(gone('NoSuchBucket'));
    s3.on(GetBucketVersioningCommand, { Bucket: 'logs' }).resolves({});
    s3.on(GetPublicAccessBlockCommand).rejects(awsError('NoSuchPublicAccessBlockConfiguration', 'none', 404));
    s3.on(GetBucketPolicyStatusCommand).rejects(awsError('NoSuchBucketPolicy', 'none', 404));
    s3.on(GetBucketEncryptionCommand).rejects(awsError('ServerSideEncryptionConfigurationNotFoundError', 'none', 404));
    s3.on(GetBucketTaggingCommand).rejects(awsError('NoSuchTagSet', 'none', 404));
    s3.on(GetBucketAclCommand).resolves({ Grants: [] });
    expect(await names('s3-bucket')).toEqual(['logs']);
  });

  it('anything else still fails the slice (AccessDenied is not "gone")', async () => {
    lambda.on(ListFunctionsCommand).resolves({ Functions: [{ FunctionName: 'payments' }] });
    lambda.on(GetFunctionCommand).rejects(awsError('AccessDeniedException', 'not authorized to perform: lambda:GetFunction', 403));
    expect(await names('lambda-function')).toMatch(/^failed: .*lambda:GetFunction/);
  });
});

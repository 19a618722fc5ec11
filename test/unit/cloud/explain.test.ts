import { toCloudError } from '../../../src/cloud/aws';
import { CloudError, explainCloudError } from '../../../src/cloud';

const ROLE = 'arn:aws:iam::222222222222:role/cloudops';
const where = { account: '222222222222', accountAlias: 'staging', region: 'eu-west-1', roleArn: ROLE };

describe('AWS errors in words (src/cloud/explain.ts)', () => {
  it('AssumeRole denied names the role, the account and the identity to trust', () => {
    const sdk = Object.assign(
      new Error(`User: arn:aws:iam::999999999999:role/bot-host is not authorized to perform: sts:AssumeRole on resource: ${ROLE}`),
      { name: 'AccessDenied' },
    );
    expect(explainCloudError(toCloudError(sdk, 'ec2', 'describeInstances', where))).toBe(
      `The bot could not assume role ${ROLE} in account staging (222222222222) ` +
        `(sts:AssumeRole was denied). Check that the role's trust policy allows the bot's ` +
        `identity (arn:aws:iam::999999999999:role/bot-host) to assume it, and that the ` +
        `external id in the config (aws.accounts[].externalId) matches the role's ` +
        `sts:ExternalId condition.`,
    );
  });

  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4566'), { code: 'ECONNREFUSED' })],
    ['no DNS', Object.assign(new Error('getaddrinfo EAI_AGAIN ec2.eu-west-1.amazonaws.com'), { code: 'EAI_AGAIN' })],
    [
      'IPv6 and IPv4 both refused (Node 20)',
      Object.assign(new AggregateError([Object.assign(new Error('connect ECONNREFUSED ::1:4566'), { code: 'ECONNREFUSED' })], ''), {
        code: 'ECONNREFUSED',
      }),
    ],
    ['a socket timeout', Object.assign(new Error('Connection timed out after 1000 ms'), { name: 'TimeoutError' })],
  ])('%s: the endpoint could not be reached, where, and what to check', (_what, sdk) => {
    const e = toCloudError(sdk, 'ec2', 'describeInstances', where);
    expect(e.code).toBe('EndpointUnreachable');
    expect(explainCloudError(e)).toMatch(
      new RegExp(
        String.raw`^The bot could not reach EC2 in eu-west-1 for account staging \(222222222222\) ` +
          String.raw`\(.+\)\. Check the network, proxy, or AWS_ENDPOINT_URL\.$`,
      ),
    );
    expect(explainCloudError(e, { where: false })).toMatch(/^The bot could not reach AWS \(.+\)\./);
  });

  it('no credentials anywhere: what to configure', () => {
    const e = toCloudError(
      Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }),
      'rds',
      'describeDBInstances',
      where,
    );
    expect(explainCloudError(e)).toBe(
      'The bot found no AWS credentials to reach account staging (222222222222) ' +
        '(environment, profile, SSO, web identity or instance role). Configure one of them ' +
        '(for example AWS_PROFILE, or an instance role), or run with the sandbox.',
    );
  });

  it('an answer that is not AWS (an HTML page, an emulator stub) names the call, not the XML parser', () => {
    const sdk = Object.assign(
      new Error(
        "char '<' is not expected.:1:1\n  Deserialization error: to see the raw response, " +
          'inspect the hidden field {error}.$response on this object.',
      ),
      { $metadata: { httpStatusCode: 404 } },
    );
    const said = explainCloudError(toCloudError(sdk, 'ssm', 'describeInstanceInformation', where));
    expect(said).toBe(
      'The endpoint of SSM in eu-west-1 for account staging (222222222222) answered with ' +
        'something that is not an AWS response (HTTP 404). Check AWS_ENDPOINT_URL or the ' +
        'proxy: it must lead to AWS, or to a service that implements ' +
        'ssm:DescribeInstanceInformation.',
    );
  });

  it('without a place (the sandbox), the sentences stay general', () => {
    expect(explainCloudError(new CloudError('AccessDenied', 'User: x is not authorized to perform: sts:AssumeRole'))).toMatch(
      /^The bot could not assume its role in this account/,
    );
    expect(explainCloudError(new Error('not a cloud error'))).toBeUndefined();
  });
});

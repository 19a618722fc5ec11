/**
 * A cloud error in words a person can act on: what happened, where (account, role, region, when the
 * provider said), and what to change. Used wherever an AWS error reaches a person: a step's result,
 * the re-check at approval time, a scan that failed. Never a stack trace or an encoded IAM blob.
 */
import { isCloudError, type CloudError } from './provider';

/** IAM prefixes of the services, for naming a permission from a call (`ec2` + `stopInstances`). */
const IAM_PREFIX: Record<string, string> = { ec2: 'ec2', rds: 'rds', ssm: 'ssm', tag: 'tag', tagging: 'tag', ce: 'ce', sts: 'sts' };

const SERVICE_NAME: Record<string, string> = {
  ec2: 'EC2',
  rds: 'RDS',
  ssm: 'SSM',
  tag: 'the Resource Groups Tagging API',
  ce: 'Cost Explorer',
  sts: 'STS',
};

export const THROTTLING_CODES = [
  'ThrottlingException',
  'Throttling',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
];

/** The IAM action AWS says is missing, or the one the failed call needs. */
export function missingPermission(e: CloudError): string | undefined {
  const said = e.message.match(/not authorized to perform:?\s+([a-z0-9-]+:[A-Za-z0-9*]+)/i);
  if (said) return said[1];
  const { service, operation } = e.details;
  if (!service || !operation) return undefined;
  return `${IAM_PREFIX[service] ?? service}:${operation[0].toUpperCase()}${operation.slice(1)}`;
}

/** AWS's message without the encoded authorization blob nobody can read in chat. */
function clean(message: string): string {
  return message.replace(/\s*Encoded authorization failure message:.*$/s, '').trim();
}

/** `account staging (222222222222)`, or `this account` when the error does not say. */
function accountName(e: CloudError): string {
  const { account, accountAlias } = e.details;
  if (!account) return 'this account';
  return accountAlias && accountAlias !== account ? `account ${accountAlias} (${account})` : `account ${account}`;
}

/** `EC2 in eu-west-1 for account production (111111111111)`, as far as the error knows. */
function callPlace(e: CloudError): string {
  const { service, region, account } = e.details;
  const parts = [
    service ? (SERVICE_NAME[service] ?? service) : 'AWS',
    ...(region ? [`in ${region}`] : []),
    ...(account ? [`for ${accountName(e)}`] : []),
  ];
  return parts.join(' ');
}

/** The IAM identity AWS named in an AccessDenied ("User: arn:aws:iam::…:user/ci is not authorized…"). */
function caller(message: string): string | undefined {
  return /User: (arn:[^\s]+) is not authorized/.exec(message)?.[1];
}

function assumeRoleDenied(e: CloudError): string {
  const who = caller(e.message);
  const trust =
    `Check that the role's trust policy allows the bot's identity` +
    `${who ? ` (${who})` : ''} to assume it, and that the external id in the config ` +
    `(aws.accounts[].externalId) matches the role's sts:ExternalId condition.`;
  if (!e.details.roleArn) return `The bot could not assume its role in ${accountName(e)} (sts:AssumeRole was denied). ${trust}`;
  return `The bot could not assume role ${e.details.roleArn} in ${accountName(e)} (sts:AssumeRole was denied). ${trust}`;
}

/**
 * Turn a cloud error into a sentence a person can act on; undefined for anything that is not one.
 * `where: false` leaves out the service, region and account where the caller already says them (a
 * scan's failures are listed per account and region).
 */
export function explainCloudError(e: unknown, options: { where?: boolean } = {}): string | undefined {
  if (!isCloudError(e)) return undefined;
  const where = options.where ?? true;
  const msg = clean(e.message);
  switch (e.code) {
    case 'UnauthorizedOperation':
    case 'AccessDenied':
    case 'AccessDeniedException':
    case 'UnauthorizedException': {
      const perm = missingPermission(e);
      if (perm === 'sts:AssumeRole') return assumeRoleDenied(e);
      return (
        `AWS refused: the bot's role lacks permission${perm ? ` ${perm}` : ''}. Add it to ` +
        `the role (\`cloudops iam-policy\` prints the whole policy) and try again.`
      );
    }
    case 'IncorrectInstanceState':
      return `The instance is not in a state that allows this: ${msg} Check its state (\`find\`) and ask again.`;
    case 'InvalidDBInstanceState':
      return `The database is not in a state that allows this: ${msg} Check its status (\`find\`) and ask again once it is available.`;
    case 'InvalidInstanceID.NotFound':
    case 'InvalidInstanceID.Malformed':
    case 'DBInstanceNotFound':
    case 'DBSnapshotNotFound':
    case 'InvalidSnapshot.NotFound':
      return (
        `AWS does not know this resource (any more): ${msg} It may have been deleted or be ` +
        `in another account or region; run a scan and ask again.`
      );
    case 'OperationNotPermitted':
      return `AWS did not permit it: ${msg}`;
    case 'ExpiredToken':
    case 'ExpiredTokenException':
    case 'RequestExpired':
    case 'TokenRefreshRequired':
      return (
        `The bot's AWS credentials have expired. Renew them (\`aws sso login\`, a new role ` +
        `session, or restart the bot so it reads fresh credentials) and try again.`
      );
    case 'InvalidClientTokenId':
    case 'UnrecognizedClientException':
    case 'AuthFailure':
    case 'SignatureDoesNotMatch':
      return `AWS did not accept the bot's credentials (${e.code}). Check the access key or profile the bot runs with.`;
    case 'NoCredentials':
      return (
        `The bot found no AWS credentials` +
        `${where && e.details.account ? ` to reach ${accountName(e)}` : ''} (environment, ` +
        `profile, SSO, web identity or instance role). Configure one of them (for example ` +
        `AWS_PROFILE, or an instance role), or run with the sandbox.`
      );
    case 'EndpointUnreachable':
      return (
        `The bot could not reach ` +
        `${where && (e.details.service || e.details.region) ? callPlace(e) : 'AWS'} (${msg})` +
        `. Check the network, proxy, or AWS_ENDPOINT_URL.`
      );
    case 'UnreadableResponse': {
      const status = e.details.statusCode ? ` (HTTP ${e.details.statusCode})` : '';
      const perm = missingPermission(e);
      const service = e.details.service ? (SERVICE_NAME[e.details.service] ?? e.details.service) : 'AWS';
      return (
        `The endpoint of ${where ? callPlace(e) : service} answered with something that is ` +
        `not an AWS response${status}. Check AWS_ENDPOINT_URL or the proxy: it must lead to ` +
        `AWS, or to a service that implements ${perm ?? 'this call'}.`
      );
    }
    case 'UnknownAccount':
      return msg;
    case 'InvalidInstanceId':
      return `SSM cannot reach this instance: ${msg} Check that the SSM agent runs and the instance profile allows SSM.`;
    default:
      if (THROTTLING_CODES.includes(e.code)) {
        const tries = e.details.attempts;
        const retried = tries && tries > 1 ? `, retried ${tries === 2 ? 'once' : `${tries - 1} times`}` : '';
        return `AWS is throttling the bot's requests${retried}. Nothing more was changed; try again in a minute.`;
      }
      return `AWS answered ${e.code}: ${msg}`;
  }
}

import { isCloudError, type CloudError } from '../cloud';
import { WaitTimeout } from './action';

/** IAM prefixes of the services, for naming a permission from a call (`ec2` + `stopInstances`). */
const IAM_PREFIX: Record<string, string> = { ec2: 'ec2', rds: 'rds', ssm: 'ssm', tag: 'tag', tagging: 'tag', ce: 'ce', sts: 'sts' };

/** The IAM action AWS says is missing, or the one the failed call needs. */
export function missingPermission(e: CloudError): string | undefined {
  const said = e.message.match(/not authorized to perform:?\s+([a-z0-9-]+:[A-Za-z0-9*]+)/i);
  if (said) return said[1];
  const { service, operation } = e.details;
  if (!service || !operation) return undefined;
  return `${IAM_PREFIX[service] ?? service}:${operation[0].toUpperCase()}${operation.slice(1)}`;
}

const THROTTLING = ['ThrottlingException', 'Throttling', 'RequestLimitExceeded', 'TooManyRequestsException', 'RequestThrottled', 'RequestThrottledException', 'SlowDown'];

/** AWS's message without the encoded authorization blob nobody can read in chat. */
function clean(message: string): string {
  return message.replace(/\s*Encoded authorization failure message:.*$/s, '').trim();
}

/**
 * Turn an error from a step into a sentence a person can act on: what happened and what to do.
 * Never a stack trace in chat.
 */
export function explainError(e: unknown): string {
  if (e instanceof WaitTimeout) return e.message;
  if (isCloudError(e)) {
    const msg = clean(e.message);
    switch (e.code) {
      case 'UnauthorizedOperation':
      case 'AccessDenied':
      case 'AccessDeniedException':
      case 'UnauthorizedException': {
        const perm = missingPermission(e);
        if (perm === 'sts:AssumeRole') {
          return `The bot could not assume its role in this account (sts:AssumeRole was denied). Check that the role's trust policy allows the bot's identity and that the external id in the config matches.`;
        }
        return `AWS refused: the bot's role lacks permission${perm ? ` ${perm}` : ''}. Add it to the role (\`cloudops iam-policy\` prints the whole policy) and try again.`;
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
        return `AWS does not know this resource (any more): ${msg} It may have been deleted or be in another account or region; run a scan and ask again.`;
      case 'OperationNotPermitted':
        return `AWS did not permit it: ${msg}`;
      case 'ExpiredToken':
      case 'ExpiredTokenException':
      case 'RequestExpired':
      case 'TokenRefreshRequired':
        return `The bot's AWS credentials have expired. Renew them (\`aws sso login\`, a new role session, or restart the bot so it reads fresh credentials) and try again.`;
      case 'InvalidClientTokenId':
      case 'UnrecognizedClientException':
      case 'AuthFailure':
      case 'SignatureDoesNotMatch':
        return `AWS did not accept the bot's credentials (${e.code}). Check the access key or profile the bot runs with.`;
      case 'NoCredentials':
        return `The bot found no AWS credentials (environment, profile, SSO, web identity or instance role). Configure one of them, or run with the sandbox.`;
      case 'EndpointUnreachable':
        return `The bot could not reach AWS (${msg}). Check the network, proxy, or AWS_ENDPOINT_URL.`;
      case 'UnknownAccount':
        return msg;
      case 'InvalidInstanceId':
        return `SSM cannot reach this instance: ${msg} Check that the SSM agent runs and the instance profile allows SSM.`;
      default:
        if (THROTTLING.includes(e.code)) {
          const tries = e.details.attempts;
          const retried = tries && tries > 1 ? `, retried ${tries === 2 ? 'once' : `${tries - 1} times`}` : '';
          return `AWS is throttling the bot's requests${retried}. Nothing more was changed; try again in a minute.`;
        }
        return `AWS answered ${e.code}: ${msg}`;
    }
  }
  return e instanceof Error ? e.message : String(e);
}

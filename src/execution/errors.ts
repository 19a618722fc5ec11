import { isCloudError } from '../cloud';
import { WaitTimeout } from './action';

/**
 * Turn an error from a step into a sentence a person can act on. Never a stack trace in chat.
 */
export function explainError(e: unknown): string {
  if (e instanceof WaitTimeout) return e.message;
  if (isCloudError(e)) {
    const where = e.details.operation ? ` (${e.details.service ?? 'aws'}:${e.details.operation})` : '';
    switch (e.code) {
      case 'UnauthorizedOperation':
      case 'AccessDenied':
      case 'AccessDeniedException':
        return `AWS refused: the bot's role lacks permission${where}. ${e.message} Add the permission from \`cloudops iam-policy\` to the role and try again.`;
      case 'IncorrectInstanceState':
        return `The instance is not in a state that allows this: ${e.message} Check its state (\`find\`) and ask again.`;
      case 'InvalidDBInstanceState':
        return `The database is not in a state that allows this: ${e.message}`;
      case 'InvalidInstanceID.NotFound':
      case 'DBInstanceNotFound':
        return `AWS does not know this resource any more: ${e.message} It may have been deleted; run a scan and ask again.`;
      case 'OperationNotPermitted':
        return `AWS did not permit it: ${e.message}`;
      case 'ThrottlingException':
      case 'Throttling':
      case 'RequestLimitExceeded':
      case 'TooManyRequestsException':
        return `AWS is throttling the bot's requests${e.details.attempts ? `, retried ${e.details.attempts} times` : ''}. Nothing more was changed; try again in a minute.`;
      case 'ExpiredToken':
      case 'ExpiredTokenException':
      case 'RequestExpired':
        return `The bot's AWS credentials have expired. Renew them (SSO login, role session) and try again.`;
      default:
        return `AWS answered ${e.code}: ${e.message}`;
    }
  }
  return e instanceof Error ? e.message : String(e);
}

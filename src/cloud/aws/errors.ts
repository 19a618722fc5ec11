import { CloudError, type CloudErrorDetails } from '../provider';

/** Node's codes for "the endpoint could not be reached at all" (refused, no route, no DNS, timed out). */
const UNREACHABLE = [
  'ECONNREFUSED',
  'ENOTFOUND',
  'ETIMEDOUT',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
  'EPIPE',
  'ECONNABORTED',
];

/** The SDK could not read the answer (an HTML error page, a proxy's login page, an emulator's stub): it adds this hint. */
const UNREADABLE = /Deserialization error: to see the raw response/;

/** Where the call went, for the sentence a person reads (account, region, role). */
export type CallContext = Pick<CloudErrorDetails, 'account' | 'accountAlias' | 'region' | 'roleArn'>;

/** Map an SDK exception (service error, credential error, network error) to a CloudError with AWS's code. */
export function toCloudError(e: unknown, service: string, operation: string, where: CallContext = {}): CloudError {
  if (e instanceof CloudError) return e;
  const err = e as {
    name?: string;
    Code?: string;
    code?: string;
    message?: string;
    errors?: { code?: string }[];
    $metadata?: { requestId?: string; attempts?: number; httpStatusCode?: number };
  };
  let code = (err.Code ?? err.name ?? 'Unknown').replace(/Fault$/, '');
  const message = err.message || (err.errors?.length ? `${err.errors.length} connection attempts failed` : String(e));
  // No credentials anywhere in the default chain.
  if (code === 'CredentialsProviderError' || /Could not load credentials from any providers/i.test(message)) code = 'NoCredentials';
  // The SDK could not reach the endpoint at all (Node 20 tries IPv6 and IPv4: an AggregateError of both).
  else if (UNREACHABLE.includes(err.code ?? '') || err.errors?.some((x) => UNREACHABLE.includes(x.code ?? '')) || code === 'TimeoutError')
    code = 'EndpointUnreachable';
  // Something answered, but not in AWS's format.
  else if (UNREADABLE.test(message) || (err.name === 'SyntaxError' && !err.Code)) code = 'UnreadableResponse';
  const defined = Object.fromEntries(Object.entries(where).filter(([, v]) => v !== undefined)) as CallContext;
  return new CloudError(code, message, {
    service,
    operation,
    requestId: err.$metadata?.requestId,
    attempts: err.$metadata?.attempts,
    statusCode: err.$metadata?.httpStatusCode,
    ...defined,
  });
}

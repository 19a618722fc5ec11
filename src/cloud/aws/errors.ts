import { CloudError } from '../provider';

/** Map an SDK exception (service error, credential error, network error) to a CloudError with AWS's code. */
export function toCloudError(e: unknown, service: string, operation: string): CloudError {
  if (e instanceof CloudError) return e;
  const err = e as { name?: string; Code?: string; code?: string; message?: string; $metadata?: { requestId?: string; attempts?: number; httpStatusCode?: number } };
  let code = (err.Code ?? err.name ?? 'Unknown').replace(/Fault$/, '');
  // No credentials anywhere in the default chain.
  if (code === 'CredentialsProviderError') code = 'NoCredentials';
  // The SDK could not reach the endpoint at all.
  if (['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET'].includes(err.code ?? '')) code = 'EndpointUnreachable';
  return new CloudError(code, err.message ?? String(e), {
    service,
    operation,
    requestId: err.$metadata?.requestId,
    attempts: err.$metadata?.attempts,
    statusCode: err.$metadata?.httpStatusCode,
  });
}

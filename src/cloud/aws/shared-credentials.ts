/**
 * One role session's credentials, shared by every SDK client of that session.
 *
 * `fromTemporaryCredentials` calls AssumeRole each time it is asked, and each SDK client memoizes the
 * provider it was given on its own. So a request that touches EC2, RDS and SSM in two regions assumed
 * the role six times (six sets of keys, six CloudTrail AssumeRole events for one chat request, and six
 * chances of STS throttling). Wrapped here, the session assumes the role once and every client gets
 * the same keys, refreshed shortly before they expire. Callers that ask while an AssumeRole is in flight
 * share it; a failure is not remembered, so the next call tries again.
 */

/** The keys a credential provider returns (the fields the SDK reads). */
export interface SessionCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

export type CredentialSource<P, C extends SessionCredentials> = (props?: P) => Promise<C>;

export interface SharedCredentialsOptions {
  now?: () => number;
  /**
   * Refresh this long before the keys expire. The SDK's own clients ask again when fewer than
   * 5 minutes are left, so this must be longer, or every call would ask again.
   */
  refreshBeforeMs?: number;
}

export const REFRESH_BEFORE_MS = 10 * 60_000;

export function sharedCredentials<P, C extends SessionCredentials>(
  source: CredentialSource<P, C>,
  options: SharedCredentialsOptions = {},
): CredentialSource<P, C> {
  const now = options.now ?? Date.now;
  const margin = options.refreshBeforeMs ?? REFRESH_BEFORE_MS;
  let current: C | undefined;
  let pending: Promise<C> | undefined;
  const fresh = (c: C) => !c.expiration || c.expiration.getTime() - now() > margin;
  return (props?: P) => {
    if (current && fresh(current)) return Promise.resolve(current);
    if (!pending) {
      pending = source(props).then(
        (c) => {
          current = c;
          pending = undefined;
          return c;
        },
        (e: unknown) => {
          pending = undefined;
          throw e;
        },
      );
    }
    return pending;
  };
}

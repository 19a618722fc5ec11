import { explainCloudError, missingPermission } from '../cloud';
import { WaitTimeout } from './action';

// The sentences live with the cloud provider (src/cloud/explain.ts), so scans and the approval-time
// re-check say the same as a step's result.
export { missingPermission };

/**
 * Turn an error from a step into a sentence a person can act on: what happened and what to do.
 * Never a stack trace in chat.
 */
export function explainError(e: unknown): string {
  if (e instanceof WaitTimeout) return e.message;
  return explainCloudError(e) ?? (e instanceof Error ? e.message : String(e));
}

import { ActionRegistry } from './ActionRegistry';
import { ec2Actions } from './ec2';
import { rdsActions } from './rds';

export { ActionRegistry } from './ActionRegistry';
export { StepRunner, parseDuration } from './StepRunner';
export { explainError } from './errors';
export type { ActionDefinition, ActionContext, DryRunAnswer, ActionOutcome, ReadServices } from './action';
export { defineAction, pollUntil, WaitTimeout } from './action';

/** The registry with every built-in action. */
export function builtinActions(): ActionRegistry {
  return new ActionRegistry().register(...ec2Actions, ...rdsActions);
}

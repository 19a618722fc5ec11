import { ActionRegistry } from './ActionRegistry';
import { ebsActions } from './ebs';
import { ec2Actions } from './ec2';
import { inventoryActions } from './inventory';
import { lambdaActions } from './lambda';
import { s3Actions } from './s3';
import { ecsActions } from './ecs';
import { autoScalingActions } from './autoscaling';
import { eksActions } from './eks';
import { rdsActions } from './rds';
import { reportActions } from './reports';
import { ssmActions } from './ssm';
import { taggingActions } from './tagging';

export { ActionRegistry } from './ActionRegistry';
export { StepRunner, parseDuration } from './StepRunner';
export { explainError } from './errors';
export type { ActionDefinition, ActionContext, DryRunAnswer, ActionOutcome, ReadServices, Observation, WaitSpec } from './action';
export { defineAction, pollUntil, waitForChange, WaitTimeout } from './action';
export { shellQuote, renderShell, ShellRefusal } from './shell';
export { iamPolicy, scanPermissions, type IamPolicy } from './iam-policy';

/** The registry with every built-in action. */
export function builtinActions(): ActionRegistry {
  return new ActionRegistry().register(
    ...ec2Actions,
    ...ebsActions,
    ...rdsActions,
    ...ssmActions,
    ...taggingActions,
    ...lambdaActions,
    ...s3Actions,
    ...ecsActions,
    ...autoScalingActions,
    ...eksActions,
    ...inventoryActions,
    ...reportActions,
  );
}

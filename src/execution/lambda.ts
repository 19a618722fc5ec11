import { z } from 'zod';
import { CloudError, type Lambda } from '../cloud';
import { defineAction, type ActionContext, type DryRunAnswer } from './action';
import { requestIds } from './outcome';

/** Must match PREVIOUS_CONCURRENCY_TAG in src/inventory/kinds/lambda-function.ts (the fact read from it). */
const PREVIOUS_TAG = 'cloudops:previous-reserved-concurrency';
const functionName = z.string().regex(/^[a-zA-Z0-9-_]{1,64}$/, 'must be a Lambda function name');
const concurrency = z.preprocess(
  (v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v),
  z
    .number()
    .int()
    .min(0)
    .max(
      10_000,
      'is more than 10000, more than the bot sends; ask for a smaller reserved concurrency (within the account concurrency quota)',
    ),
);

async function readFunction(ctx: ActionContext, name: string): Promise<Lambda.GetFunctionCommandOutput | undefined> {
  try {
    const got = await ctx.provider.service('lambda', ctx.target).getFunction({ FunctionName: name });
    return got.Configuration?.FunctionName === name ? (got as Lambda.GetFunctionCommandOutput) : undefined;
  } catch (e) {
    if (e instanceof CloudError && e.code === 'ResourceNotFoundException') return undefined;
    throw e;
  }
}

function arnOf(got: Lambda.GetFunctionCommandOutput): string {
  return got.Configuration!.FunctionArn!.replace(/:\d+$|:\$LATEST$/, '');
}

function reservedOf(got: Lambda.GetFunctionCommandOutput): number | undefined {
  return got.Concurrency?.ReservedConcurrentExecutions;
}

function said(n: number | undefined): string {
  return n === undefined ? 'unreserved (shares the account pool)' : `${n}`;
}

/** Lambda has no dry run: read the function instead, and say what the bot found. */
async function preflight(
  ctx: ActionContext,
  name: string,
  check?: (got: Lambda.GetFunctionCommandOutput) => string | undefined,
): Promise<DryRunAnswer> {
  const got = await readFunction(ctx, name);
  if (!got) return { supported: false, allowed: false, note: `${name} was not found` };
  const problem = check?.(got);
  if (problem) return { supported: false, allowed: false, note: problem };
  return {
    supported: false,
    note: `AWS has no dry run for Lambda; the bot read ${name}: reserved concurrency now ${said(reservedOf(got))}`,
  };
}

export const throttleFunction = defineAction({
  name: 'lambda.throttleFunction',
  description:
    'Throttle a Lambda function: reserved concurrency 0, so every invocation is refused. ' +
    'The concurrency it replaced is kept in a tag on the function, which ' +
    'lambda.unthrottleFunction restores.',
  input: z.object({ FunctionName: functionName }),
  permissions: ['lambda:GetFunction', 'lambda:TagResource', 'lambda:PutFunctionConcurrency'],
  dryRun: (ctx, input) =>
    preflight(ctx, input.FunctionName, (got) =>
      reservedOf(got) === 0 ? `${input.FunctionName} is already throttled (reserved concurrency 0)` : undefined,
    ),
  async apply(ctx, input) {
    const got = await readFunction(ctx, input.FunctionName);
    if (!got)
      throw new CloudError('ResourceNotFoundException', `Function not found: ${input.FunctionName}`, {
        service: 'lambda',
        operation: 'getFunction',
      });
    const before = reservedOf(got);
    if (before === 0)
      throw new CloudError('AlreadyThrottled', `${input.FunctionName} is already throttled; nothing was changed`, { service: 'lambda' });
    // The previous value goes on the function first: if the throttle then fails, the tag is harmless.
    const tagged = await ctx.provider
      .service('lambda', ctx.target)
      .tagResource({ Resource: arnOf(got), Tags: { [PREVIOUS_TAG]: before === undefined ? 'none' : String(before) } });
    const out = await ctx.provider
      .service('lambda', ctx.target)
      .putFunctionConcurrency({ FunctionName: input.FunctionName, ReservedConcurrentExecutions: 0 });
    return {
      summary: `throttled ${input.FunctionName} (reserved concurrency 0; it was ${said(before)}, kept in tag ${PREVIOUS_TAG} for the undo)`,
      requestIds: [...requestIds(tagged), ...requestIds(out)],
    };
  },
  immediate: true,
});

export const unthrottleFunction = defineAction({
  name: 'lambda.unthrottleFunction',
  description:
    'Undo lambda.throttleFunction: restore the reserved concurrency kept in the function ' +
    'tag (or remove the reservation when there was none), then drop the tag.',
  input: z.object({ FunctionName: functionName }),
  // lambda:ListTags: GetFunction answers the function's tags (where the throttle kept the old value) only with it.
  permissions: [
    'lambda:GetFunction',
    'lambda:ListTags',
    'lambda:PutFunctionConcurrency',
    'lambda:DeleteFunctionConcurrency',
    'lambda:UntagResource',
  ],
  dryRun: (ctx, input) =>
    preflight(ctx, input.FunctionName, (got) =>
      got.Tags?.[PREVIOUS_TAG] === undefined
        ? `${input.FunctionName} has no ${PREVIOUS_TAG} tag: it was not throttled by the bot, ` +
          `so there is nothing to restore (set its reserved concurrency instead)`
        : undefined,
    ),
  async apply(ctx, input) {
    const lambda = ctx.provider.service('lambda', ctx.target);
    const got = await readFunction(ctx, input.FunctionName);
    const previous = got?.Tags?.[PREVIOUS_TAG];
    if (!got || previous === undefined)
      throw new CloudError('NothingToRestore', `${input.FunctionName} has no ${PREVIOUS_TAG} tag; nothing was changed`, {
        service: 'lambda',
      });
    const ids: string[] = [];
    if (previous === 'none') ids.push(...requestIds(await lambda.deleteFunctionConcurrency({ FunctionName: input.FunctionName })));
    else if (/^\d+$/.test(previous))
      ids.push(
        ...requestIds(
          await lambda.putFunctionConcurrency({ FunctionName: input.FunctionName, ReservedConcurrentExecutions: Number(previous) }),
        ),
      );
    else
      throw new CloudError(
        'NothingToRestore',
        `${input.FunctionName}'s ${PREVIOUS_TAG} tag says "${previous}", which is not a number or "none"; nothing was changed`,
        { service: 'lambda' },
      );
    ids.push(...requestIds(await lambda.untagResource({ Resource: arnOf(got), TagKeys: [PREVIOUS_TAG] })));
    return {
      summary: `restored ${input.FunctionName}'s reserved concurrency to ${previous === 'none' ? 'unreserved' : previous}`,
      requestIds: ids,
    };
  },
  immediate: true,
});

export const putFunctionConcurrency = defineAction({
  name: 'lambda.putFunctionConcurrency',
  description:
    "Set a Lambda function's reserved concurrency (PutFunctionConcurrency). AWS refuses " +
    'a value that leaves the account fewer than 100 unreserved executions.',
  input: z.object({ FunctionName: functionName, ReservedConcurrentExecutions: concurrency }),
  permissions: ['lambda:GetFunction', 'lambda:PutFunctionConcurrency'],
  dryRun: (ctx, input) =>
    preflight(ctx, input.FunctionName, (got) =>
      reservedOf(got) === input.ReservedConcurrentExecutions
        ? `${input.FunctionName} already has reserved concurrency ${input.ReservedConcurrentExecutions}`
        : undefined,
    ),
  async apply(ctx, input) {
    const before = await readFunction(ctx, input.FunctionName);
    const out = await ctx.provider
      .service('lambda', ctx.target)
      .putFunctionConcurrency({ FunctionName: input.FunctionName, ReservedConcurrentExecutions: input.ReservedConcurrentExecutions });
    return {
      summary:
        `set ${input.FunctionName}'s reserved concurrency to ` +
        `${input.ReservedConcurrentExecutions} (was ${said(before && reservedOf(before))})`,
      requestIds: requestIds(out),
    };
  },
  immediate: true,
});

export const lambdaActions = [throttleFunction, unthrottleFunction, putFunctionConcurrency];

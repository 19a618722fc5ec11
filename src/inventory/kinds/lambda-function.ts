import { lookupTable } from '../../core';
import type { Lambda } from '../../cloud';
import type { Resource } from '../../core';
import type { Scope } from '../normalize';
import type { Scanner } from '../Scanner';
import { intern } from '../tokens';
import { sameArn, unlessGone } from './checks';
import { defineKind } from './ResourceKind';

/**
 * AWS's dates for Lambda runtimes, from the "Lambda runtimes" page
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html, supported and deprecated runtime
 * tables) as it stood on LAMBDA_RUNTIMES_AS_OF. Deprecation: no more security patches or technical
 * support, and creating functions on it is blocked soon after. Dates in the future are AWS's projections
 * ("subject to change"). Update both tables and the date together.
 */
export const LAMBDA_RUNTIMES_AS_OF = '2026-08-16';

/** Runtime id -> deprecation date (past or planned). A runtime not listed has no date announced. */
export const DEPRECATED_RUNTIMES: Readonly<Record<string, string>> = lookupTable({
  nodejs: '2016-08-30',
  'nodejs4.3': '2020-03-05',
  'nodejs4.3-edge': '2020-03-05',
  'nodejs6.10': '2019-08-12',
  'nodejs8.10': '2020-03-06',
  'nodejs10.x': '2021-07-30',
  'nodejs12.x': '2023-03-31',
  'nodejs14.x': '2023-12-04',
  'nodejs16.x': '2024-06-12',
  'nodejs18.x': '2025-09-01',
  'nodejs20.x': '2026-04-30',
  'nodejs22.x': '2027-04-30',
  'nodejs24.x': '2028-04-30',
  'python2.7': '2021-07-15',
  'python3.6': '2022-07-18',
  'python3.7': '2023-12-04',
  'python3.8': '2024-10-14',
  'python3.9': '2025-12-15',
  'python3.10': '2026-10-31',
  'python3.11': '2027-06-30',
  'python3.12': '2028-10-31',
  'python3.13': '2029-06-30',
  'python3.14': '2029-06-30',
  java8: '2024-01-08',
  'java8.al2': '2027-06-30',
  java11: '2027-06-30',
  java17: '2027-06-30',
  java21: '2029-06-30',
  java25: '2029-06-30',
  'go1.x': '2024-01-08',
  provided: '2024-01-08',
  'provided.al2': '2026-07-31',
  'provided.al2023': '2029-06-30',
  'ruby2.5': '2021-07-30',
  'ruby2.7': '2023-12-07',
  'ruby3.2': '2026-03-31',
  'ruby3.3': '2027-03-31',
  'ruby3.4': '2028-03-31',
  'dotnetcore1.0': '2019-06-27',
  'dotnetcore2.0': '2019-05-30',
  'dotnetcore2.1': '2022-01-05',
  'dotnetcore3.1': '2023-04-03',
  'dotnet5.0': '2022-05-10',
  dotnet6: '2024-12-20',
  dotnet7: '2024-05-14',
  dotnet8: '2026-11-10',
  dotnet10: '2028-11-14',
});

/** Runtime id -> the day Lambda blocks updates to functions on it (the page's "Block function update"). */
export const RUNTIME_UPDATES_BLOCKED: Record<string, string> = {
  'nodejs18.x': '2027-03-03',
  'nodejs16.x': '2027-03-03',
  'nodejs14.x': '2027-03-03',
  'nodejs20.x': '2027-03-03',
  'nodejs22.x': '2027-07-01',
  'nodejs24.x': '2028-07-01',
  'python3.7': '2027-03-03',
  'python3.8': '2027-03-03',
  'python3.9': '2027-03-03',
  'python3.10': '2027-03-03',
  'python3.11': '2027-08-31',
  'python3.12': '2029-01-10',
  java8: '2027-03-03',
  'java8.al2': '2027-08-31',
  java11: '2027-08-31',
  java17: '2027-08-31',
  'go1.x': '2027-03-03',
  provided: '2027-03-03',
  'provided.al2': '2027-03-03',
  'ruby2.7': '2027-03-03',
  'ruby3.2': '2027-03-03',
  'ruby3.3': '2027-05-31',
  dotnet6: '2027-03-03',
  dotnet8: '2027-03-03',
};

/** The tag where a throttle keeps the reserved concurrency it replaced, so the undo restores it (survives restarts, visible in AWS). */
export const PREVIOUS_CONCURRENCY_TAG = 'cloudops:previous-reserved-concurrency';

export function fromLambdaFunction(
  f: Lambda.FunctionConfiguration,
  scope: Scope,
  extra: { tags?: Record<string, string>; reserved?: number | null } = {},
  now = new Date(),
): Resource {
  const name = f.FunctionName!;
  const tags: Record<string, string> = {};
  for (const [k, v] of Object.entries(extra.tags ?? {})) tags[intern(k)!] = intern(v)!;
  const runtime = f.Runtime ?? (f.PackageType === 'Image' ? 'container-image' : null);
  const deprecatedOn = runtime ? DEPRECATED_RUNTIMES[runtime] : undefined;
  const reserved = extra.reserved ?? null;
  return {
    type: 'lambda-function',
    id: name,
    arn: f.FunctionArn ?? `arn:aws:lambda:${scope.region}:${scope.account}:function:${name}`,
    name,
    ...scope,
    // Lambda's own state (Active, Pending, Inactive, Failed); a function throttled to 0 says so.
    state: reserved === 0 ? 'throttled' : intern(f.State ?? 'Active')!.toLowerCase(),
    tags,
    facts: {
      runtime: intern(runtime ?? undefined) ?? null,
      runtimeDeprecated: deprecatedOn ? deprecatedOn <= now.toISOString().slice(0, 10) : false,
      runtimeDeprecatedOn: deprecatedOn ?? null,
      lastModified: f.LastModified ? new Date(f.LastModified).toISOString() : null,
      reservedConcurrency: reserved,
      previousReservedConcurrency: tags[PREVIOUS_CONCURRENCY_TAG] ?? null,
      memorySize: f.MemorySize ?? null,
      timeout: f.Timeout ?? null,
    },
  };
}

/** ListFunctions (50 a page, Marker), then GetFunction for each (tags and reserved concurrency). */
export const lambdaFunctions: Scanner = {
  name: 'lambda-functions',
  description: 'Lambda functions with their tags and reserved concurrency (ListFunctions, GetFunction)',
  // GetFunction answers Tags only to a caller allowed lambda:ListTags (otherwise TagsError and no tags):
  // without it a production function would look untagged, and its tag rules would not fire.
  permissions: ['lambda:ListFunctions', 'lambda:GetFunction', 'lambda:ListTags'],
  async scan(ctx) {
    const lambda = ctx.provider.service('lambda', ctx.target);
    const out: Resource[] = [];
    for await (const page of ctx.pages(
      (input: Lambda.ListFunctionsCommandInput) => lambda.listFunctions(input),
      { MaxItems: 50 },
      { input: 'Marker', output: 'NextMarker' },
    )) {
      for (const f of page.Functions ?? []) {
        if (!f.FunctionName) continue;
        // GetFunction: tags and reserved concurrency, which ListFunctions leaves out.
        const got = await unlessGone(() => lambda.getFunction({ FunctionName: f.FunctionName! }));
        if (!got) continue;
        out.push(fromLambdaFunction(f, ctx.scope, { tags: got.Tags, reserved: got.Concurrency?.ReservedConcurrentExecutions ?? null }));
      }
    }
    return out;
  },
};

export const lambdaFunction = defineKind({
  type: 'lambda-function',
  label: 'Lambda function',
  words: ['lambda', 'function', 'fn'],
  hint: { family: 'lambda', nouns: ['lambda', 'lambdas', 'function', 'functions'], exclusive: true },
  scanner: lambdaFunctions,
  facts: {
    runtime: 'runtime id (python3.12, nodejs20.x), container-image for image functions',
    runtimeDeprecated: 'the runtime is past its AWS deprecation date',
    runtimeDeprecatedOn: "the runtime's AWS deprecation date, past or planned (null when none is announced)",
    lastModified: 'when the code or configuration last changed (ISO time)',
    reservedConcurrency: 'reserved concurrent executions; 0 means throttled, null means unreserved',
    previousReservedConcurrency: 'what a throttle replaced (from its tag), "none" for unreserved',
    memorySize: 'memory in MB',
    timeout: 'timeout in seconds',
  },
  searchFacts: ['runtime'],
  now(r) {
    const f = r.facts;
    const runtime =
      typeof f.runtime !== 'string'
        ? 'runtime unknown'
        : f.runtimeDeprecated === true
          ? `runtime ${f.runtime}, deprecated by AWS on ${f.runtimeDeprecatedOn}`
          : f.runtimeDeprecatedOn
            ? `runtime ${f.runtime}, AWS deprecates it on ${f.runtimeDeprecatedOn}`
            : `runtime ${f.runtime}`;
    const reserved = f.reservedConcurrency;
    return [`${runtime}; reserved concurrency ${reserved === null || reserved === undefined ? 'none (unreserved)' : reserved}`];
  },
  permissions: ['lambda:GetFunction', 'lambda:ListTags'],
  sandbox: { service: 'lambda', estateKey: 'lambdaFunctions' },
  async reread({ provider, target, scope }, r) {
    const got = await provider.service('lambda', target).getFunction({ FunctionName: r.id });
    const f = got.Configuration;
    if (!f || f.FunctionName !== r.id || !sameArn(f.FunctionArn?.replace(/:\d+$|:\$LATEST$/, ''), r)) return undefined;
    return fromLambdaFunction(f, scope, { tags: got.Tags, reserved: got.Concurrency?.ReservedConcurrentExecutions ?? null });
  },
});

import { AwsProvider, type AwsProviderOptions } from '../../src/cloud/aws';
import type { CloudProvider } from '../../src/cloud';
import type { ActionContext } from '../../src/execution';
import { FakeClock } from './bot';
import type { Playbook, PlaybookParameter } from '../../src/core/playbook';
import type { Resource } from '../../src/core/resource';

export const ACCOUNT = '111111111111';
export const REGION = 'us-west-2';

/** An AwsProvider for one account; its clients are replaced by aws-sdk-client-mock in the tests. */
export function awsProvider(options: Partial<AwsProviderOptions> = {}): AwsProvider {
  return new AwsProvider({
    accounts: [{ id: ACCOUNT, alias: 'production', regions: [REGION] }],
    maxAttempts: 3,
    waiterMinDelaySeconds: 0.001,
    ...options,
  });
}

/** The same provider without SDK waiters: actions fall back to polling with the injected clock. */
export function pollingOnly(provider: CloudProvider): CloudProvider {
  return {
    kind: provider.kind,
    label: provider.label,
    accounts: () => provider.accounts(),
    ec2: (t) => provider.ec2(t),
    rds: (t) => provider.rds(t),
    ssm: (t) => provider.ssm(t),
    tagging: (t) => provider.tagging(t),
    service: (name, t) => provider.service(name, t),
    costExplorer: (a) => provider.costExplorer(a),
  };
}

/** An action context whose sleeps move a fake clock instead of waiting; progress lines are collected. */
export function actionContext(
  provider: CloudProvider,
  overrides: Partial<ActionContext> = {},
): ActionContext & { clock: FakeClock; progressLines: string[]; sleeps: number[] } {
  const clock = new FakeClock();
  const progressLines: string[] = [];
  const sleeps: number[] = [];
  return {
    services: {},
    provider,
    target: { account: ACCOUNT, region: REGION, requestId: 'req-0001' },
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.advance(ms);
    },
    now: () => clock.now(),
    progress: (t) => void progressLines.push(t),
    timeoutMs: 10 * 60_000,
    clock,
    progressLines,
    sleeps,
    ...overrides,
  };
}

/** An SDK service exception as the SDK throws it. */
export function awsError(name: string, message: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(message), {
    name,
    $fault: 'client',
    $metadata: { httpStatusCode: 400, requestId: 'aws-req-err', attempts: 1 },
    ...extra,
  });
}

/** A one-step playbook around one action, for running it through the StepRunner. */
export function oneStep(
  action: string,
  withInput: Record<string, unknown>,
  parameters: PlaybookParameter[] = [{ name: 'instance', type: 'ec2-instance', required: true }],
  timeout = '10m',
): Playbook {
  return {
    id: `test-${action.replace('.', '-').toLowerCase()}`,
    title: `Test ${action}`,
    description: '',
    examples: ['test'],
    readOnly: false,
    parameters,
    risk: { base: 'low', rules: [], reversible: true },
    steps: [{ action, with: withInput, wait: { timeout } }],
  };
}

export function resource(type: Resource['type'], id: string, extra: Partial<Resource> = {}): Resource {
  return { type, id, name: id, account: ACCOUNT, region: REGION, tags: {}, facts: {}, ...extra };
}

/** An EC2 instance id made from a name (`i-0` and its letters and digits, 16 long): stable, and distinct per name. */
export function instanceIdFor(name: string): string {
  return `i-0${name
    .replace(/[^a-z0-9]/g, '')
    .padEnd(16, '0')
    .slice(0, 16)}`;
}

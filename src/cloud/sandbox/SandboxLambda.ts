import { CloudError, type Lambda, type LambdaApi } from '../provider';
import type { RegionEstate } from './estate';
import type { SandboxState } from './SandboxState';

type Fn = RegionEstate['lambdaFunctions'][number];

/** What an account may reserve in one region: 1000 concurrent executions, 100 of which stay unreserved (AWS's defaults). */
const ACCOUNT_CONCURRENCY = 1000;
const MIN_UNRESERVED = 100;

/** Lambda in the sandbox: functions from the estate; reserved concurrency and tags change as AWS would. */
export class SandboxLambda implements LambdaApi {
  constructor(
    private readonly state: SandboxState,
    private readonly account: string,
    private readonly region: string,
  ) {}

  private get functions(): Fn[] {
    return this.state.region(this.account, this.region).lambdaFunctions;
  }

  private arn(f: Fn): string {
    return f.FunctionArn ?? `arn:aws:lambda:${this.region}:${this.account}:function:${f.FunctionName}`;
  }

  private find(name: string | undefined): Fn {
    const f = this.functions.find((x) => x.FunctionName === name || this.arn(x) === name);
    if (!f)
      throw new CloudError(
        'ResourceNotFoundException',
        `Function not found: arn:aws:lambda:${this.region}:${this.account}:function:${name}`,
        { service: 'lambda' },
      );
    return f;
  }

  private config(f: Fn): Lambda.FunctionConfiguration {
    const { Tags: _t, ReservedConcurrentExecutions: _r, ...config } = f;
    return { ...config, FunctionArn: this.arn(f) };
  }

  async listFunctions(input: Lambda.ListFunctionsCommandInput) {
    const start = input.Marker ? Number(input.Marker) : 0;
    const size = Math.min(input.MaxItems ?? 50, 50);
    const page = this.functions.slice(start, start + size);
    const next = start + size < this.functions.length ? String(start + size) : undefined;
    return {
      Functions: page.map((f) => this.config(f)),
      ...(next ? { NextMarker: next } : {}),
      $metadata: { requestId: this.state.nextRequestId() },
    };
  }

  async getFunction(input: Lambda.GetFunctionCommandInput) {
    const f = this.find(input.FunctionName);
    return {
      Configuration: this.config(f),
      Tags: { ...(f.Tags ?? {}) },
      ...(f.ReservedConcurrentExecutions !== undefined
        ? { Concurrency: { ReservedConcurrentExecutions: f.ReservedConcurrentExecutions } }
        : {}),
      $metadata: { requestId: this.state.nextRequestId() },
    };
  }

  async putFunctionConcurrency(input: Lambda.PutFunctionConcurrencyCommandInput) {
    const f = this.find(input.FunctionName);
    const n = input.ReservedConcurrentExecutions;
    if (n === undefined || !Number.isInteger(n) || n < 0)
      throw new CloudError(
        'InvalidParameterValueException',
        `ReservedConcurrentExecutions must be a whole number of at least 0, got ${n}`,
        { service: 'lambda', operation: 'putFunctionConcurrency' },
      );
    const others = this.functions.filter((x) => x !== f).reduce((sum, x) => sum + (x.ReservedConcurrentExecutions ?? 0), 0);
    if (ACCOUNT_CONCURRENCY - others - n < MIN_UNRESERVED) {
      throw new CloudError(
        'InvalidParameterValueException',
        `Specified ReservedConcurrentExecutions for function decreases account's ` +
          `UnreservedConcurrentExecution below its minimum value of [${MIN_UNRESERVED}].`,
        { service: 'lambda', operation: 'putFunctionConcurrency' },
      );
    }
    f.ReservedConcurrentExecutions = n;
    return { ReservedConcurrentExecutions: n, $metadata: { requestId: this.state.nextRequestId() } };
  }

  async deleteFunctionConcurrency(input: Lambda.DeleteFunctionConcurrencyCommandInput) {
    const f = this.find(input.FunctionName);
    delete f.ReservedConcurrentExecutions;
    return { $metadata: { requestId: this.state.nextRequestId() } };
  }

  async tagResource(input: Lambda.TagResourceCommandInput) {
    const f = this.find(input.Resource);
    f.Tags = { ...(f.Tags ?? {}), ...(input.Tags ?? {}) };
    return { $metadata: { requestId: this.state.nextRequestId() } };
  }

  async untagResource(input: Lambda.UntagResourceCommandInput) {
    const f = this.find(input.Resource);
    for (const k of input.TagKeys ?? []) delete f.Tags?.[k];
    return { $metadata: { requestId: this.state.nextRequestId() } };
  }
}

import { randomBytes, randomUUID } from 'node:crypto';
import { CloudError, type SSM } from '../provider';
import type { Estate, RegionEstate } from './estate';

/** The mutable in-memory estate the sandbox services act on. */
export class SandboxState {
  readonly commands = new Map<string, { input: SSM.SendCommandCommandInput; polls: number }>();
  readonly automations = new Map<string, { input: SSM.StartAutomationExecutionCommandInput; polls: number }>();
  private requests = 0;

  constructor(readonly estate: Estate) {}

  region(account: string, region: string): RegionEstate {
    const acct = this.estate.accounts.find((a) => a.id === account);
    if (!acct) throw new CloudError('AuthFailure', `The sandbox estate has no account ${account}.`);
    const r = acct.regions[region];
    if (!r) throw new CloudError('UnrecognizedClientException', `The sandbox estate has no region ${region} in account ${account}.`);
    return r;
  }

  nextRequestId(): string {
    this.requests += 1;
    return `sandbox-${String(this.requests).padStart(6, '0')}`;
  }

  nextHex(n: number): string {
    return randomBytes(Math.ceil(n / 2)).toString('hex').slice(0, n);
  }

  uuid(): string {
    return randomUUID();
  }
}

/** The SDK's waiters by the names the actions use, and their outcomes in the bot's words. */
import * as EC2 from '@aws-sdk/client-ec2';
import * as RDS from '@aws-sdk/client-rds';
import * as SSM from '@aws-sdk/client-ssm';
import type { WaiterName, WaitOutcome } from '../provider';

interface Clients {
  ec2(): unknown;
  rds(): unknown;
  ssm(): unknown;
}

interface Timing {
  maxWaitTime: number;
  minDelay?: number;
  maxDelay?: number;
}

type Run = (c: Clients, timing: Timing, input: never) => Promise<unknown>;

const WAITERS: Record<WaiterName, Run> = {
  instanceRunning: (c, t, i) => EC2.waitUntilInstanceRunning({ client: c.ec2() as EC2.EC2Client, ...t }, i),
  instanceStopped: (c, t, i) => EC2.waitUntilInstanceStopped({ client: c.ec2() as EC2.EC2Client, ...t }, i),
  instanceTerminated: (c, t, i) => EC2.waitUntilInstanceTerminated({ client: c.ec2() as EC2.EC2Client, ...t }, i),
  snapshotCompleted: (c, t, i) => EC2.waitUntilSnapshotCompleted({ client: c.ec2() as EC2.EC2Client, ...t }, i),
  dbInstanceAvailable: (c, t, i) => RDS.waitUntilDBInstanceAvailable({ client: c.rds() as RDS.RDSClient, ...t }, i),
  dbSnapshotAvailable: (c, t, i) => RDS.waitUntilDBSnapshotAvailable({ client: c.rds() as RDS.RDSClient, ...t }, i),
  commandExecuted: (c, t, i) => SSM.waitUntilCommandExecuted({ client: c.ssm() as SSM.SSMClient, ...t }, i),
};

export async function runWaiter(name: WaiterName, clients: Clients, input: Record<string, unknown>, timing: Timing): Promise<WaitOutcome> {
  try {
    await WAITERS[name](clients, timing, input as never);
    return { state: 'success' };
  } catch (e) {
    const err = e as Error;
    if (err.name === 'TimeoutError') return { state: 'timeout' };
    return { state: 'failure', reason: waiterReason(err.message) };
  }
}

/** The SDK puts the waiter result in the message as JSON; keep the readable part. */
function waiterReason(message: string): string {
  try {
    const r = JSON.parse(message) as { reason?: { name?: string; message?: string; Status?: string } | string };
    if (typeof r.reason === 'string') return r.reason;
    return r.reason?.message ?? r.reason?.Status ?? r.reason?.name ?? 'the waiter reached a failure state';
  } catch {
    return message.slice(0, 300);
  }
}

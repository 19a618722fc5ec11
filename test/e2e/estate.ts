/**
 * The two-account estate the e2e suite seeds into moto, and the SDK clients that read it back.
 * These clients talk to moto directly (not through the bot or the gap stand-ins) and pick the account
 * with moto's `x-moto-account-id` header, so what they see is moto's own state.
 */
import {
  CreateVpcCommand,
  DescribeInstancesCommand,
  EC2Client,
  RunInstancesCommand,
  type Instance,
  type _InstanceType,
} from '@aws-sdk/client-ec2';
import { CreateDBInstanceCommand, RDSClient } from '@aws-sdk/client-rds';

export const PRODUCTION = '111111111111';
export const STAGING = '222222222222';
export const ROLE = (account: string) => `arn:aws:iam::${account}:role/cloudops`;

/** The bot's config: two accounts reached by AssumeRole from the hub identity (moto's default account). */
export const AWS_CONFIG = {
  accounts: [
    { id: PRODUCTION, alias: 'production', regions: ['us-west-2', 'eu-west-1'], roleArn: ROLE(PRODUCTION), production: true },
    { id: STAGING, alias: 'staging', regions: ['us-west-2'], roleArn: ROLE(STAGING) },
  ],
  maxAttempts: 2,
};

const seedCredentials = { accessKeyId: 'AKIAMOTOSEED', secretAccessKey: 'seed' };

/** A client of moto at `url` acting as `account`. */
export function motoClient<C extends EC2Client | RDSClient>(
  Client: new (config: object) => C,
  url: string,
  account: string,
  region: string,
): C {
  const client = new Client({ endpoint: url, region, credentials: seedCredentials, maxAttempts: 1 });
  (client.middlewareStack as EC2Client['middlewareStack']).add(
    (next) => async (args) => {
      (args.request as { headers: Record<string, string> }).headers['x-moto-account-id'] = account;
      return next(args);
    },
    { step: 'build', name: 'motoAccount' },
  );
  return client;
}

export interface SeededInstance {
  id: string;
  name: string;
  account: string;
  region: string;
}

async function instance(
  url: string,
  account: string,
  region: string,
  name: string,
  type: _InstanceType,
  tags: Record<string, string>,
): Promise<SeededInstance> {
  const ec2 = motoClient(EC2Client, url, account, region);
  const out = await ec2.send(
    new RunInstancesCommand({
      ImageId: 'ami-12c6146b',
      MinCount: 1,
      MaxCount: 1,
      InstanceType: type,
      TagSpecifications: [
        { ResourceType: 'instance', Tags: Object.entries({ Name: name, ...tags }).map(([Key, Value]) => ({ Key, Value })) },
      ],
    }),
  );
  const id = out.Instances![0].InstanceId!;
  return { id, name, account, region };
}

async function database(url: string, account: string, region: string, id: string, tags: Record<string, string>): Promise<void> {
  await motoClient(RDSClient, url, account, region).send(
    new CreateDBInstanceCommand({
      DBInstanceIdentifier: id,
      DBInstanceClass: 'db.t3.micro',
      Engine: 'postgres',
      AllocatedStorage: 20,
      MasterUsername: 'admin',
      MasterUserPassword: 'not-a-secret-1',
      Tags: Object.entries(tags).map(([Key, Value]) => ({ Key, Value })),
    }),
  );
}

async function vpc(url: string, account: string, region: string, name: string): Promise<string> {
  const out = await motoClient(EC2Client, url, account, region).send(
    new CreateVpcCommand({
      CidrBlock: '10.1.0.0/16',
      TagSpecifications: [
        {
          ResourceType: 'vpc',
          Tags: [
            { Key: 'Name', Value: name },
            { Key: 'environment', Value: 'staging' },
          ],
        },
      ],
    }),
  );
  return out.Vpc!.VpcId!;
}

export interface Estate {
  /** A VPC: no scanner of its own, so the bot knows it only as a "taggable" from the Tagging API. */
  analyticsVpc: string;
  webProd: SeededInstance;
  batchProd: SeededInstance;
  webStaging: SeededInstance;
  etlStaging: SeededInstance;
}

/**
 * production (111111111111): web-prod-1 (us-west-2), batch-prod-eu (eu-west-1), RDS pg-main (us-west-2);
 * staging (222222222222): web-staging-1, etl-worker-1, RDS mysql-staging, VPC analytics-vpc (us-west-2).
 * The hub account (moto's default) holds a decoy instance the bot must never see.
 */
export async function seedEstate(url: string): Promise<Estate> {
  const [webProd, batchProd, webStaging, etlStaging, analyticsVpc] = await Promise.all([
    instance(url, PRODUCTION, 'us-west-2', 'web-prod-1', 't3.micro', { environment: 'production', owner: 'web' }),
    instance(url, PRODUCTION, 'eu-west-1', 'batch-prod-eu', 't3.small', { environment: 'production', owner: 'data' }),
    instance(url, STAGING, 'us-west-2', 'web-staging-1', 't3.micro', { environment: 'staging', owner: 'web' }),
    instance(url, STAGING, 'us-west-2', 'etl-worker-1', 't3.small', { environment: 'staging' }),
    vpc(url, STAGING, 'us-west-2', 'analytics-vpc'),
    instance(url, '123456789012', 'us-west-2', 'hub-decoy-1', 't3.micro', {}),
    database(url, PRODUCTION, 'us-west-2', 'pg-main', { environment: 'production', owner: 'payments' }),
    database(url, STAGING, 'us-west-2', 'mysql-staging', { environment: 'staging', owner: 'payments' }),
  ]);
  return { webProd, batchProd, webStaging, etlStaging, analyticsVpc } as Estate;
}

/** The instance as moto has it now. */
export async function motoInstance(url: string, i: SeededInstance): Promise<Instance> {
  const out = await motoClient(EC2Client, url, i.account, i.region).send(new DescribeInstancesCommand({ InstanceIds: [i.id] }));
  return out.Reservations![0].Instances![0];
}

export async function resetMoto(url: string): Promise<void> {
  const res = await fetch(`${url}/moto-api/reset`, { method: 'POST' });
  if (!res.ok) throw new Error(`moto reset failed: ${res.status}`);
}

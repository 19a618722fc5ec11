/**
 * Moto in front of the bot, with its known gaps filled at the wire.
 *
 * The bot's AWS_ENDPOINT_URL points here; every request is passed to moto unchanged, except the few
 * that moto 5.2 does not answer as AWS does:
 *
 * - `ssm:DescribeInstanceInformation` is not implemented (HTTP 500): answered from the SSM-managed
 *   instances a test registers with `manage()` (none by default, as for an account without the agent);
 * - `tag:TagResources` refuses EC2 ARNs ("Service not yet supported"): the EC2 ARNs are tagged through
 *   moto's own EC2 `CreateTags` in the caller's account, the rest still go to moto's TagResources;
 * - `tag:GetResources` ignores `ResourceARNList` and answers with everything: the answer is filtered to
 *   the ARNs asked for (all pages read).
 *
 * Not filled, because the e2e suite does not reach them (their wire calls are unit-tested with
 * aws-sdk-client-mock): `ce:GetCostForecast` and `ce:GetAnomalies` (not implemented), and
 * `ssm:SendCommand`, which moto answers with a success that ran nothing.
 *
 * Every request is recorded (`calls`), so a test can count what the bot sent, e.g. one AssumeRole per
 * role session. `refuseAssumeRole` makes STS answer AccessDenied, in AWS's own words, as it does when a
 * role's trust policy does not name the bot (moto itself lets anyone assume any role).
 */
import { createServer, request as httpRequest, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface WireCall {
  service: string;
  region: string;
  action: string;
  accessKeyId: string;
  /** AssumeRole's RoleArn and RoleSessionName. */
  roleArn?: string;
  sessionName?: string;
  /** The role session whose keys signed the call (undefined for the bot's own identity). */
  signedBy?: string;
  /** Answered here instead of by moto. */
  standIn: boolean;
}

export interface ManagedInstance {
  InstanceId: string;
  PingStatus?: 'Online' | 'ConnectionLost' | 'Inactive';
  PlatformType?: 'Linux' | 'Windows' | 'MacOS';
  PlatformName?: string;
  ComputerName?: string;
  AgentVersion?: string;
}

interface Answer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** `AWS4-HMAC-SHA256 Credential=AKID/20261206/us-west-2/ec2/aws4_request, ...` -> its parts. */
function scope(authorization: string | undefined): { accessKeyId: string; region: string; service: string } {
  const m = /Credential=([^/]+)\/\d+\/([^/]+)\/([^/]+)\/aws4_request/.exec(authorization ?? '');
  return m ? { accessKeyId: m[1], region: m[2], service: m[3] } : { accessKeyId: '', region: '', service: '' };
}

/** An Authorization header for another service in the same caller's name (moto reads only the key id). */
function authorizationFor(accessKeyId: string, region: string, service: string): string {
  return `AWS4-HMAC-SHA256 Credential=${accessKeyId}/20260101/${region}/${service}/aws4_request, SignedHeaders=host, Signature=0`;
}

export class MotoGaps {
  readonly calls: WireCall[] = [];
  /** AssumeRole calls this says yes to are refused with STS's AccessDenied. */
  refuseAssumeRole: (roleArn: string, sessionName: string) => boolean = () => false;
  private readonly managed = new Map<string, ManagedInstance[]>();
  private readonly accounts = new Map<string, string>();
  /** Access key id of each role session moto handed out -> `roleArn session`. */
  private readonly sessions = new Map<string, string>();

  private constructor(
    private readonly server: Server,
    readonly moto: string,
    readonly url: string,
  ) {}

  /** Listen on a free port of 127.0.0.1 in front of moto at `moto` (http://127.0.0.1:PORT). */
  static async start(moto: string): Promise<MotoGaps> {
    let gaps: MotoGaps | undefined;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        gaps!
          .handle(req.method ?? 'POST', req.url ?? '/', req.headers, Buffer.concat(chunks))
          .then((a) => {
            res.writeHead(a.status, a.headers);
            res.end(a.body);
          })
          .catch((e: Error) => {
            res.writeHead(502, { 'content-type': 'text/plain' });
            res.end(`moto-gaps: ${e.message}`);
          });
      });
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    gaps = new MotoGaps(server, moto, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return gaps;
  }

  /** Register instances whose SSM agent reports to Systems Manager in this account and region. */
  manage(account: string, region: string, instances: ManagedInstance[]): void {
    this.managed.set(`${account}/${region}`, instances);
  }

  /** The calls of one service and action, in order. */
  sent(service: string, action: string): WireCall[] {
    return this.calls.filter((c) => c.service === service && c.action === action);
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((done) => this.server.close(() => done()));
  }

  private async handle(method: string, path: string, headers: IncomingHttpHeaders, body: Buffer): Promise<Answer> {
    const s = scope(headers.authorization);
    const target = String(headers['x-amz-target'] ?? '');
    const form = target ? undefined : new URLSearchParams(body.toString());
    const action = target ? target.split('.').pop()! : (form?.get('Action') ?? '');
    const call: WireCall = {
      service: s.service,
      region: s.region,
      action,
      accessKeyId: s.accessKeyId,
      signedBy: this.sessions.get(s.accessKeyId),
      standIn: false,
    };
    this.calls.push(call);
    if (action === 'AssumeRole' && form) {
      Object.assign(call, { roleArn: form.get('RoleArn') ?? undefined, sessionName: form.get('RoleSessionName') ?? undefined });
      if (this.refuseAssumeRole(call.roleArn ?? '', call.sessionName ?? '')) {
        call.standIn = true;
        return accessDenied(await this.callerArn(s.accessKeyId), call.roleArn ?? '');
      }
      const a = await this.forward(method, path, headers, body);
      const key = /<AccessKeyId>([^<]+)<\/AccessKeyId>/.exec(a.body.toString())?.[1];
      if (key) this.sessions.set(key, `${call.roleArn} ${call.sessionName}`);
      return a;
    }

    if (s.service === 'ssm' && action === 'DescribeInstanceInformation') {
      call.standIn = true;
      return this.describeInstanceInformation(s, JSON.parse(body.toString() || '{}'));
    }
    if (s.service === 'tagging' && action === 'TagResources') {
      call.standIn = true;
      return this.tagResources(s, headers, JSON.parse(body.toString()));
    }
    if (s.service === 'tagging' && action === 'GetResources') {
      const input = JSON.parse(body.toString() || '{}') as { ResourceARNList?: string[] };
      if (input.ResourceARNList?.length) {
        call.standIn = true;
        return this.getResourcesByArn(headers, input.ResourceARNList);
      }
    }
    return this.forward(method, path, headers, body);
  }

  /** Pass a request to moto as it is. */
  forward(method: string, path: string, headers: IncomingHttpHeaders, body: Buffer): Promise<Answer> {
    const url = new URL(path, this.moto);
    const sendHeaders: Record<string, string> = {};
    for (const [k, v] of Object.entries(headers))
      if (v !== undefined && k !== 'host' && k !== 'connection') sendHeaders[k] = Array.isArray(v) ? v.join(', ') : v;
    sendHeaders['content-length'] = String(body.length);
    return new Promise((done, fail) => {
      const out = httpRequest(url, { method, headers: sendHeaders }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const h: Record<string, string> = {};
          for (const [k, v] of Object.entries(res.headers))
            if (v !== undefined && k !== 'connection' && k !== 'transfer-encoding' && k !== 'content-length')
              h[k] = Array.isArray(v) ? v.join(', ') : v;
          done({ status: res.statusCode ?? 500, headers: h, body: Buffer.concat(chunks) });
        });
      });
      out.on('error', fail);
      out.end(body);
    });
  }

  /** Who moto says the caller is (GetCallerIdentity's Arn). */
  private async callerArn(accessKeyId: string): Promise<string> {
    const a = await this.forward(
      'POST',
      '/',
      { authorization: authorizationFor(accessKeyId, 'us-east-1', 'sts'), 'content-type': 'application/x-www-form-urlencoded' },
      Buffer.from('Action=GetCallerIdentity&Version=2011-06-15'),
    );
    return /<Arn>([^<]+)<\/Arn>/.exec(a.body.toString())?.[1] ?? 'unknown';
  }

  /** The account moto gives to this access key (an assumed role's keys belong to the role's account). */
  private async accountOf(accessKeyId: string): Promise<string> {
    let account = this.accounts.get(accessKeyId);
    if (!account) {
      const a = await this.forward(
        'POST',
        '/',
        { authorization: authorizationFor(accessKeyId, 'us-east-1', 'sts'), 'content-type': 'application/x-www-form-urlencoded' },
        Buffer.from('Action=GetCallerIdentity&Version=2011-06-15'),
      );
      account = /<Account>(\d{12})<\/Account>/.exec(a.body.toString())?.[1];
      if (!account) throw new Error(`moto did not say whose key ${accessKeyId} is: ${a.body.toString().slice(0, 200)}`);
      this.accounts.set(accessKeyId, account);
    }
    return account;
  }

  private async describeInstanceInformation(
    s: { accessKeyId: string; region: string },
    input: { Filters?: { Key: string; Values: string[] }[]; InstanceInformationFilterList?: { key: string; valueSet: string[] }[] },
  ): Promise<Answer> {
    const account = await this.accountOf(s.accessKeyId);
    const ids =
      input.Filters?.find((f) => f.Key === 'InstanceIds')?.Values ??
      input.InstanceInformationFilterList?.find((f) => f.key === 'InstanceIds')?.valueSet;
    const list = (this.managed.get(`${account}/${s.region}`) ?? [])
      .filter((i) => !ids || ids.includes(i.InstanceId))
      .map((i) => ({
        PingStatus: 'Online',
        PlatformType: 'Linux',
        PlatformName: 'Amazon Linux',
        AgentVersion: '3.3.0.0',
        ResourceType: 'EC2Instance',
        LastPingDateTime: Date.now() / 1000,
        ...i,
      }));
    return json({ InstanceInformationList: list });
  }

  private async tagResources(
    s: { accessKeyId: string; region: string },
    headers: IncomingHttpHeaders,
    input: { ResourceARNList: string[]; Tags: Record<string, string> },
  ): Promise<Answer> {
    const ec2 = input.ResourceARNList.filter((a) => a.split(':')[2] === 'ec2');
    const others = input.ResourceARNList.filter((a) => !ec2.includes(a));
    const failed: Record<string, unknown> = {};
    if (ec2.length) {
      const form = new URLSearchParams({ Action: 'CreateTags', Version: '2016-11-15' });
      ec2.forEach((arn, i) => form.set(`ResourceId.${i + 1}`, arn.split('/').pop()!));
      Object.entries(input.Tags).forEach(([k, v], i) => {
        form.set(`Tag.${i + 1}.Key`, k);
        form.set(`Tag.${i + 1}.Value`, v);
      });
      const a = await this.forward(
        'POST',
        '/',
        { authorization: authorizationFor(s.accessKeyId, s.region, 'ec2'), 'content-type': 'application/x-www-form-urlencoded' },
        Buffer.from(form.toString()),
      );
      if (a.status !== 200) {
        const code = /<Code>([^<]+)<\/Code>/.exec(a.body.toString())?.[1] ?? 'InternalServiceException';
        const message = /<Message>([^<]+)<\/Message>/.exec(a.body.toString())?.[1] ?? a.body.toString().slice(0, 200);
        for (const arn of ec2) failed[arn] = { StatusCode: a.status, ErrorCode: code, ErrorMessage: message };
      }
    }
    if (others.length) {
      const a = await this.forward('POST', '/', headers, Buffer.from(JSON.stringify({ ...input, ResourceARNList: others })));
      if (a.status !== 200) return a;
      Object.assign(failed, (JSON.parse(a.body.toString()) as { FailedResourcesMap?: Record<string, unknown> }).FailedResourcesMap ?? {});
    }
    return json({ FailedResourcesMap: failed });
  }

  private async getResourcesByArn(headers: IncomingHttpHeaders, arns: string[]): Promise<Answer> {
    const found: { ResourceARN?: string }[] = [];
    let token: string | undefined;
    do {
      const a = await this.forward(
        'POST',
        '/',
        headers,
        Buffer.from(JSON.stringify({ ResourcesPerPage: 100, ...(token ? { PaginationToken: token } : {}) })),
      );
      if (a.status !== 200) return a;
      const page = JSON.parse(a.body.toString()) as { ResourceTagMappingList?: { ResourceARN?: string }[]; PaginationToken?: string };
      found.push(...(page.ResourceTagMappingList ?? []).filter((r) => r.ResourceARN && arns.includes(r.ResourceARN)));
      token = page.PaginationToken || undefined;
    } while (token);
    return json({ ResourceTagMappingList: found, PaginationToken: '' });
  }
}

/** STS's answer when the role's trust policy does not allow the caller. */
function accessDenied(caller: string, roleArn: string): Answer {
  const body =
    `<ErrorResponse ` +
    `xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>User: ` +
    `${caller} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}` +
    `</Message></Error><RequestId>moto-gaps-denied</RequestId></ErrorResponse>`;
  return { status: 403, headers: { 'content-type': 'text/xml' }, body: Buffer.from(body) };
}

function json(value: unknown): Answer {
  return {
    status: 200,
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': `moto-gaps-${Date.now()}` },
    body: Buffer.from(JSON.stringify(value)),
  };
}

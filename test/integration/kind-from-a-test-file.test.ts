/**
 * Issue 15 item 6: a kind defined only here, registered through the registry, with nothing else in the
 * code edited, scans, resolves, plans and runs in the sandbox. It reads SSM (a service the cloud layer
 * already knows), its playbook lives in a folder this test writes, and its one step is a built-in action.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SSM } from '../../src/cloud';
import type { Resource } from '../../src/core/resource';
import { defineKind, resourceKinds, type Scanner } from '../../src/inventory';
import { converse, testBot } from '../helpers/bot';

function fromInfo(s: SSM.InstanceInformation, scope: { account: string; accountAlias?: string; region: string }): Resource {
  return {
    type: 'windows-server',
    id: s.InstanceId!,
    arn: `arn:aws:ec2:${scope.region}:${scope.account}:instance/${s.InstanceId}#windows`,
    name: s.ComputerName ?? s.InstanceId!,
    ...scope,
    state: s.PingStatus?.toLowerCase(),
    tags: {},
    facts: { windowsVersion: s.PlatformVersion ?? null, agentVersion: s.AgentVersion ?? null },
  };
}

const windowsServers: Scanner = {
  name: 'windows-servers',
  description: 'Windows machines SSM manages (DescribeInstanceInformation, PlatformType Windows)',
  permissions: ['ssm:DescribeInstanceInformation'],
  async scan(ctx) {
    const ssm = ctx.provider.ssm(ctx.target);
    const out: Resource[] = [];
    for await (const page of ctx.pages((input: SSM.DescribeInstanceInformationCommandInput) => ssm.describeInstanceInformation(input), {
      MaxResults: 50,
    })) {
      for (const s of page.InstanceInformationList ?? [])
        if (s.InstanceId && s.PlatformType === 'Windows') out.push(fromInfo(s, ctx.scope));
    }
    return out;
  },
};

const windowsServer = defineKind({
  type: 'windows-server',
  label: 'Windows server',
  words: ['windows', 'server'],
  hint: { family: 'windows', nouns: ['windows'], exclusive: true },
  scanner: windowsServers,
  facts: { windowsVersion: 'Windows build', agentVersion: 'SSM agent version' },
  permissions: [],
  sandbox: { service: 'ssm', estateKey: 'ssmInstances' },
  async reread({ provider, target, scope }, r) {
    const s = (
      await provider.ssm(target).describeInstanceInformation({ Filters: [{ Key: 'InstanceIds', Values: [r.id] }] })
    ).InstanceInformationList?.find((x) => x.InstanceId === r.id && x.PlatformType === 'Windows');
    return s && fromInfo(s, scope);
  },
});

const PLAYBOOK = `
id: windows-enroll-patching
title: Enroll a Windows server in patching
examples:
  - enroll windows server EC2AMAZ-ABC123 in patching
  - enroll the windows box WIN-BUILD-01 in patching
  - enroll windows host EC2AMAZ-XYZ in the patch group
  - put windows server EC2AMAZ-QQQ in patching
parameters:
  server: { type: windows-server, description: The Windows server. }
risk:
  base: low
  reversible: true
  rules:
    - when: { fact: { windowsVersion: { matches: "^6\\\\." } } }
      raise: high
      reason: "{{server.name}} runs Windows Server 2008/2012, out of support"
steps:
  - action: ec2.createTags
    with: { Resources: ["{{server.id}}"], Tags: { patch-group: windows-wave-1 } }
`;

describe('a resource kind defined only in a test file', () => {
  beforeAll(() => resourceKinds.register(windowsServer));
  afterAll(() => resourceKinds.unregister('windows-server'));

  it('scans, resolves, plans and runs in the sandbox', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cloudops-kind-'));
    writeFileSync(join(dir, 'windows-enroll-patching.yaml'), PLAYBOOK);
    const bot = await testBot({
      config: { sandbox: {}, playbooks: { dir }, approval: { approvers: { demo: { console: ['bob', 'carol'] } } } },
    });
    // Scans: the inventory has it, from its own scanner.
    const found = bot.inventory.all('windows-server');
    expect(found.map((r) => [r.name, r.id])).toEqual([['EC2AMAZ-D20B1MP', 'i-06d79ccd45a552b91']]);
    // Resolves, plans (with its label and risk rule data), and runs the built-in action on approval.
    const out = await converse(bot, ['enroll windows server EC2AMAZ-D20B1MP in patching', '1']);
    expect(out).toContain('== Plan: Enroll a Windows server in patching ==');
    expect(out).toContain('server: EC2AMAZ-D20B1MP (i-06d79ccd45a552b91');
    expect(out).toMatch(/Result: tagged i-06d79ccd45a552b91 with patch-group=windows-wave-1/);
    const ec2 = bot.provider.ec2({ account: '111111111111', region: 'us-west-2' });
    const tags = (await ec2.describeInstances({ InstanceIds: ['i-06d79ccd45a552b91'] })).Reservations?.[0]?.Instances?.[0]?.Tags ?? [];
    expect(tags).toContainEqual({ Key: 'patch-group', Value: 'windows-wave-1' });
    // A name of another kind is not taken for it.
    const other = await converse(bot, ['enroll windows server web-prod-1 in patching']);
    expect(other).not.toContain('Result: tagged');
    bot.close();
  });
});

import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { EstateError, parseEstate } from '../../../../src/cloud';

const ROOT = resolve(__dirname, '../../../..');
const estates = [
  join(ROOT, 'sandbox/demo-estate.yaml'),
  ...readdirSync(join(ROOT, 'test/fixtures/estates'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => join(ROOT, 'test/fixtures/estates', f)),
];

describe('sandbox estates: the fast parser reads what the careful one reads', () => {
  it.each(estates.map((f) => [f.slice(ROOT.length + 1), f]))('%s gives the same estate both ways', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    const fast = parseEstate(text, file);
    // The careful path: `yaml`'s document model, as every file was read before.
    const doc = parseDocument(text);
    expect(doc.errors).toEqual([]);
    const reference = parseEstate(JSON.stringify(doc.toJS({ maxAliasCount: 1000 })), 'reference.json');
    expect(fast).toEqual(reference);
  });

  it('dates, numbers-as-text and yes/no stay what the YAML 1.2 core schema says', () => {
    const text = [
      'accounts:',
      '  - id: "111111111111"',
      '    regions:',
      '      us-west-2:',
      '        ec2Instances:',
      '          - InstanceId: i-1',
      '            LaunchTime: 2026-11-01T10:00:00Z',
      '            Tags: [{ Key: backup, Value: no }, { Key: cost, Value: 0012 }]',
    ].join('\n');
    const i = parseEstate(text, 'e.yaml').accounts[0].regions['us-west-2'].ec2Instances[0] as unknown as {
      LaunchTime: unknown;
      Tags: { Value: unknown }[];
    };
    expect(i.LaunchTime).toBe('2026-11-01T10:00:00Z');
    expect(i.Tags[0].Value).toBe('no');
    expect(i.Tags[1].Value).toBe(12);
  });

  it('a state that is not text (a number, a list) is refused with the file, line and key', () => {
    const estate = (region: string) => `accounts:\n  - id: "111111111111"\n    regions:\n      us-west-2:\n${region}`;
    const cases: [string, RegExp][] = [
      ['        ebsVolumes:\n          - VolumeId: vol-1\n            State: 42\n', /^e\.yaml:7: .*ebsVolumes\.0\.State: .*string/],
      [
        '        ec2Instances:\n          - InstanceId: i-1\n            State: { Code: 16, Name: 7 }\n',
        /^e\.yaml:7: .*State\.Name: .*string/,
      ],
      [
        '        rdsInstances:\n          - DBInstanceIdentifier: db-1\n            DBInstanceStatus: [a]\n',
        /^e\.yaml:7: .*DBInstanceStatus/,
      ],
      ['        rdsClusters:\n          - DBClusterIdentifier: c-1\n            Status: true\n', /^e\.yaml:7: .*Status/],
    ];
    for (const [region, message] of cases) {
      expect(() => parseEstate(estate(region), 'e.yaml')).toThrow(EstateError);
      expect(() => parseEstate(estate(region), 'e.yaml')).toThrow(message);
    }
    // Text states, and none at all, are fine.
    expect(() =>
      parseEstate(estate('        ebsVolumes:\n          - VolumeId: vol-1\n            State: in-use\n'), 'e.yaml'),
    ).not.toThrow();
    expect(() => parseEstate(estate('        ec2Instances:\n          - InstanceId: i-1\n'), 'e.yaml')).not.toThrow();
  });

  it('the newer kinds: a state that is not text or a count that is not a whole number is refused with the line and key', () => {
    const estate = (region: string) => `accounts:\n  - id: "111111111111"\n    regions:\n      us-west-2:\n${region}`;
    const ecs = (field: string) =>
      '        ecsServices:\n          - serviceName: checkout\n' +
      `            clusterArn: arn:aws:ecs:us-west-2:111111111111:cluster/c\n            ${field}\n`;
    const cases: [string, RegExp][] = [
      [ecs('status: 5'), /^e\.yaml:8: .*ecsServices\.0\.status: .*string/],
      [ecs('runningCount: "4"'), /^e\.yaml:8: .*runningCount: .*number/],
      [ecs('desiredCount: -1'), /^e\.yaml:8: .*desiredCount/],
      ['        lambdaFunctions:\n          - FunctionName: f\n            State: [Active]\n', /^e\.yaml:7: .*lambdaFunctions\.0\.State/],
      [
        '        autoScalingGroups:\n          - AutoScalingGroupName: g\n            DesiredCapacity: 2.5\n',
        /^e\.yaml:7: .*DesiredCapacity/,
      ],
      ['        eksClusters:\n          - name: c\n            status: { a: 1 }\n', /^e\.yaml:7: .*eksClusters\.0\.status/],
      [
        '        eksNodegroups:\n          - nodegroupName: n\n            clusterName: c\n' +
          '            scalingConfig: { desiredSize: three }\n',
        /^e\.yaml:8: .*scalingConfig\.desiredSize/,
      ],
    ];
    for (const [region, message] of cases) {
      expect(() => parseEstate(estate(region), 'e.yaml')).toThrow(EstateError);
      expect(() => parseEstate(estate(region), 'e.yaml')).toThrow(message);
    }
    // Well-formed ones are fine, and the fields stay optional.
    expect(() => parseEstate(estate(ecs('runningCount: 4')), 'e.yaml')).not.toThrow();
    expect(() => parseEstate(estate('        eksClusters:\n          - name: c\n'), 'e.yaml')).not.toThrow();
  });

  it('the lists, maps and ARNs the scanners walk are refused when they have the wrong shape, with the line and key', () => {
    // Each of these loaded before and then failed the whole scan of its kind ("(s.deployments ?? []).some is not a
    // function" in every answer), or stopped the bot at start-up (a numeric serviceArn: "r.arn.toLowerCase is not a function").
    const estate = (region: string) => `accounts:\n  - id: "111111111111"\n    regions:\n      us-west-2:\n${region}`;
    const ecs = (field: string) =>
      '        ecsServices:\n          - serviceName: checkout\n' +
      `            clusterArn: arn:aws:ecs:us-west-2:111111111111:cluster/c\n            ${field}\n`;
    const asg = (field: string) => `        autoScalingGroups:\n          - AutoScalingGroupName: g\n            ${field}\n`;
    const ng = (field: string) =>
      `        eksNodegroups:\n          - nodegroupName: n\n            clusterName: c\n            ${field}\n`;
    const cases: [string, RegExp][] = [
      [ecs('serviceArn: 5'), /^e\.yaml:8: .*ecsServices\.0\.serviceArn: .*string/],
      [ecs('deployments: { status: PRIMARY }'), /^e\.yaml:8: .*ecsServices\.0\.deployments: .*array/],
      [ecs('deployments: [{ status: PRIMARY, runningCount: four }]'), /^e\.yaml:8: .*deployments\.0\.runningCount/],
      [ecs('tags: { owner: payments }'), /^e\.yaml:8: .*ecsServices\.0\.tags: .*array/],
      [asg('Instances: { i-1: InService }'), /^e\.yaml:7: .*autoScalingGroups\.0\.Instances: .*array/],
      [asg('Instances: [{ InstanceId: i-1, HealthStatus: 1 }]'), /^e\.yaml:7: .*Instances\.0\.HealthStatus/],
      [asg('Tags: { owner: web }'), /^e\.yaml:7: .*autoScalingGroups\.0\.Tags: .*array/],
      [
        '        lambdaFunctions:\n          - FunctionName: f\n            Tags: [{ Key: a, Value: b }]\n',
        /^e\.yaml:7: .*lambdaFunctions\.0\.Tags/,
      ],
      [
        '        lambdaFunctions:\n          - FunctionName: f\n            ReservedConcurrentExecutions: fifty\n',
        /^e\.yaml:7: .*ReservedConcurrentExecutions/,
      ],
      ['        eksClusters:\n          - name: c\n            tags: [owner]\n', /^e\.yaml:7: .*eksClusters\.0\.tags/],
      ['        eksClusters:\n          - name: c\n            arn: 12\n', /^e\.yaml:7: .*eksClusters\.0\.arn/],
      [ng('health: { issues: { code: x } }'), /^e\.yaml:8: .*eksNodegroups\.0\.health\.issues/],
      [ng('instanceTypes: m6i.large'), /^e\.yaml:8: .*eksNodegroups\.0\.instanceTypes/],
      [ng('tags: [{ Key: owner, Value: web }]'), /^e\.yaml:8: .*eksNodegroups\.0\.tags/],
      ['        s3Buckets:\n          - Name: b\n            Tags: { owner: web }\n', /^e\.yaml:7: .*s3Buckets\.0\.Tags/],
      // EC2, EBS and RDS alike ("(v.Attachments ?? []).map is not a function" failed the whole volume scan).
      ['        ec2Instances:\n          - InstanceId: i-1\n            Tags: { Name: web }\n', /^e\.yaml:7: .*ec2Instances\.0\.Tags/],
      [
        '        ec2Instances:\n          - InstanceId: i-1\n            BlockDeviceMappings: { Ebs: { VolumeId: vol-1 } }\n',
        /^e\.yaml:7: .*ec2Instances\.0\.BlockDeviceMappings/,
      ],
      [
        '        ebsVolumes:\n          - VolumeId: vol-1\n            Attachments: { InstanceId: i-1 }\n',
        /^e\.yaml:7: .*ebsVolumes\.0\.Attachments/,
      ],
      [
        '        rdsInstances:\n          - DBInstanceIdentifier: db\n            TagList: { a: b }\n',
        /^e\.yaml:7: .*rdsInstances\.0\.TagList/,
      ],
      [
        '        rdsClusters:\n          - DBClusterIdentifier: c\n            DBClusterMembers: { DBInstanceIdentifier: db }\n',
        /^e\.yaml:7: .*rdsClusters\.0\.DBClusterMembers/,
      ],
    ];
    for (const [region, message] of cases) {
      expect(() => parseEstate(estate(region), 'e.yaml')).toThrow(EstateError);
      expect(() => parseEstate(estate(region), 'e.yaml')).toThrow(message);
    }
    // The demo estate's own shapes still load (the first test reads it whole).
    expect(() => parseEstate(estate(ecs('tags: [{ key: owner, value: payments }]')), 'e.yaml')).not.toThrow();
  });

  it('a syntax error still names the file and the line', () => {
    const text = 'accounts:\n  - id: "111111111111"\n    regions: {\n';
    expect(() => parseEstate(text, 'broken.yaml')).toThrow(EstateError);
    expect(() => parseEstate(text, 'broken.yaml')).toThrow(/^broken\.yaml:\d+: /);
  });

  it('an alias bomb is refused by the careful parser, never expanded', () => {
    const bomb = [
      'a: &a ["x","x","x","x","x","x","x","x","x","x"]',
      ...'bcdefghij'.split('').map((c, k) => `${c}: &${c} [${Array(10).fill(`*${'abcdefghij'[k]}`).join(',')}]`),
      'accounts: *j',
    ].join('\n');
    expect(() => parseEstate(bomb, 'bomb.yaml')).toThrow(EstateError);
  });

  it('a .json estate is read as JSON, with a clear error when it is not', () => {
    const e = parseEstate(
      JSON.stringify({ accounts: [{ id: '111111111111', regions: { 'us-west-2': { ec2Instances: [{ InstanceId: 'i-1' }] } } }] }),
      'estate.json',
    );
    expect(e.accounts[0].regions['us-west-2'].ec2Instances).toHaveLength(1);
    expect(() => parseEstate('{"accounts": [', 'estate.json')).toThrow(/^estate\.json: not valid JSON/);
  });
});

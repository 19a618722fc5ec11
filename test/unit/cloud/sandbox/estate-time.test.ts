import { readFileSync } from 'node:fs';
import { parseEstate, SandboxProvider } from '../../../../src/cloud';
import { estateShift, shiftEstate } from '../../../../src/cloud/sandbox/estate-time';
import { DEMO_ESTATE } from '../../../../src/main';

const ESTATE = `
name: timed
asOf: 2026-11-22
accounts:
  - id: "111111111111"
    regions:
      us-west-2:
        ec2Instances:
          - InstanceId: i-0000000000000000a
            State: { Name: stopped }
            StateTransitionReason: User initiated (2026-10-27 17:42:09 GMT)
            LaunchTime: "2025-01-15T16:22:20.000Z"
        ebsSnapshots:
          - { SnapshotId: snap-1, StartTime: "2026-02-14T03:00:00.000Z", Description: "nightly 2026-02-14" }
        lambdaFunctions:
          - { FunctionName: fn, LastModified: "2026-10-01T12:00:00.000+0000" }
costs:
  - TimePeriod: { Start: "2026-11-20", End: "2026-11-21" }
    Total: { UnblendedCost: { Amount: "10", Unit: USD } }
  - TimePeriod: { Start: "2026-11-21", End: "2026-11-22" }
    Total: { UnblendedCost: { Amount: "20", Unit: USD } }
resourceCosts:
  - TimePeriod: { Start: "2026-11-21", End: "2026-11-22" }
    Groups: [{ Keys: [i-0000000000000000a], Metrics: { UnblendedCost: { Amount: "1.00", Unit: USD } } }]
rdsMajorEngineVersions:
  - Engine: mysql
    MajorEngineVersion: "8.0"
    SupportedEngineLifecycles:
      - { LifecycleSupportName: open-source-rds-standard-support, LifecycleSupportEndDate: "2026-07-31T23:59:59Z" }
`;

const target = { account: '111111111111', region: 'us-west-2' };
const at = (iso: string) => () => new Date(iso);

describe('the sandbox keeps time (asOf)', () => {
  it('on the clock day asOf, the estate reads as written', async () => {
    const sb = new SandboxProvider(parseEstate(ESTATE), 'x', { now: at('2026-11-22T09:00:00Z') });
    const i = (await sb.ec2(target).describeInstances({})).Reservations?.[0]?.Instances?.[0];
    expect(i?.StateTransitionReason).toBe('User initiated (2026-10-27 17:42:09 GMT)');
    expect(sb.state.estate.costs.at(-1)?.TimePeriod).toEqual({ Start: '2026-11-21', End: '2026-11-22' });
  });

  it('a year later every estate date moved 365 days: the costs end yesterday, ages stay the same', async () => {
    const sb = new SandboxProvider(parseEstate(ESTATE), 'x', { now: at('2027-11-22T09:00:00Z') });
    const ec2 = sb.ec2(target);
    const i = (await ec2.describeInstances({})).Reservations?.[0]?.Instances?.[0];
    expect(i?.StateTransitionReason).toBe('User initiated (2027-10-27 17:42:09 GMT)');
    expect(i?.LaunchTime).toBe('2026-01-15T16:22:20.000Z');
    const snaps = await ec2.describeSnapshots({ OwnerIds: ['self'] });
    // The timestamp moves; free text that only looks like a date is left alone.
    expect(snaps.Snapshots?.[0]).toMatchObject({ StartTime: '2027-02-14T03:00:00.000Z', Description: 'nightly 2026-02-14' });
    expect(sb.state.estate.accounts[0].regions['us-west-2'].lambdaFunctions[0].LastModified).toBe('2027-10-01T12:00:00.000+0000');
    const ce = sb.costExplorer();
    const daily = await ce.getCostAndUsage({
      TimePeriod: { Start: '2027-11-01', End: '2027-11-22' },
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost'],
    });
    expect(daily.ResultsByTime?.map((r) => [r.TimePeriod?.Start, r.Total?.UnblendedCost?.Amount])).toEqual([
      ['2027-11-20', '10.00'],
      ['2027-11-21', '20.00'],
    ]);
    const resources = await ce.getCostAndUsageWithResources({
      TimePeriod: { Start: '2027-11-08', End: '2027-11-22' },
      Granularity: 'DAILY',
      Filter: { Dimensions: { Key: 'SERVICE', Values: ['Amazon Elastic Compute Cloud - Compute'] } },
    });
    expect(resources.ResultsByTime?.map((r) => r.TimePeriod?.Start)).toEqual(['2027-11-21']);
    // AWS's published support dates are facts about AWS, not the estate: they stay.
    expect(sb.state.estate.rdsMajorEngineVersions?.[0].SupportedEngineLifecycles?.[0].LifecycleSupportEndDate).toBe('2026-07-31T23:59:59Z');
  });

  it('a bot left running moves the estate again when the day changes, relative to where it is', async () => {
    let now = new Date('2026-11-22T23:59:00Z');
    const sb = new SandboxProvider(parseEstate(ESTATE), 'x', { now: () => now });
    expect(sb.state.estate.costs.at(-1)?.TimePeriod?.Start).toBe('2026-11-21');
    now = new Date('2026-11-23T00:01:00Z');
    const out = await sb.costExplorer().getCostAndUsage({
      TimePeriod: { Start: '2026-11-20', End: '2026-11-24' },
      Granularity: 'DAILY',
      Metrics: ['UnblendedCost'],
    });
    expect(out.ResultsByTime?.map((r) => r.TimePeriod?.Start)).toEqual(['2026-11-21', '2026-11-22']);
    const i = (await sb.ec2(target).describeInstances({})).Reservations?.[0]?.Instances?.[0];
    expect(i?.StateTransitionReason).toBe('User initiated (2026-10-28 17:42:09 GMT)');
    expect(sb.state.estate.asOf).toBe('2026-11-23');
  });

  it('an estate without asOf keeps its dates as written, whatever the clock', async () => {
    const text = ESTATE.replace('asOf: 2026-11-22\n', '');
    const sb = new SandboxProvider(parseEstate(text), 'x', { now: at('2030-01-01T00:00:00Z') });
    expect(estateShift(sb.state.estate, new Date('2030-01-01T00:00:00Z'))).toBe(0);
    expect(sb.state.estate.costs.at(-1)?.TimePeriod?.Start).toBe('2026-11-21');
  });

  it('moves back as well as forward (a clock before asOf)', () => {
    const e = parseEstate(ESTATE);
    shiftEstate(e, estateShift(e, new Date('2026-11-12T12:00:00Z')));
    expect(e.costs.map((c) => c.TimePeriod?.Start)).toEqual(['2026-11-10', '2026-11-11']);
    expect(e.asOf).toBe('2026-11-12');
  });

  it('a bad asOf is refused with the file, the line and what to write', () => {
    expect(() => parseEstate(ESTATE.replace('asOf: 2026-11-22', 'asOf: last tuesday'), 'e.yaml')).toThrow(
      /^e\.yaml:3: asOf: a day like 2026-11-22/,
    );
    expect(() => parseEstate(ESTATE.replace('asOf: 2026-11-22', 'asOf: 2026-02-30'), 'e.yaml')).toThrow(
      /^e\.yaml:3: asOf: is not a calendar day/,
    );
  });

  it('a schema error deep in the file names its line', () => {
    const text = ESTATE.replace('InstanceId: i-0000000000000000a', 'InstanceId: 17');
    expect(() => parseEstate(text, 'e.yaml')).toThrow(/^e\.yaml:9: accounts\.0\.regions\.us-west-2\.ec2Instances\.0\.InstanceId: /);
  });

  it('the demo estate is written as of 2026-11-22, its costs ending the day before', () => {
    const demo = parseEstate(readFileSync(DEMO_ESTATE, 'utf8'), 'demo-estate.yaml');
    expect(demo.asOf).toBe('2026-11-22');
    expect(demo.costs.at(-1)?.TimePeriod?.Start).toBe('2026-11-21');
    expect(demo.resourceCosts?.at(-1)?.TimePeriod?.Start).toBe('2026-11-21');
  });
});

/**
 * Issue 18, round 5: money in business words, disk and filesystem complaints. The sentences are written here in
 * several voices (a finance analyst, a manager, an engineer), none copied from a holdout. The classifier's clock is
 * Sunday 2026-11-22 (test/helpers/understanding.ts).
 */
import { localClassifier } from '../../helpers/understanding';

const classifier = localClassifier();
const understand = (text: string) => classifier.understand(text);

const THIS_MONTH = '2026-11-01..2026-11-22';
const LAST_MONTH = '2026-10-01..2026-10-31';

describe('understanding that generalises (round 5: money)', () => {
  it.each([
    // finance
    ['for the month-end close I need the amazon invoice total for last month', { period: LAST_MONTH }],
    ['what was our cloud run rate in october, ballpark is fine', { period: LAST_MONTH }],
    [
      'could you pull the aws spend for account 444444444444 this month? reconciling the accruals',
      { period: THIS_MONTH, account: '444444444444' },
    ],
    ['need last month split by account for the chargeback sheet, the aws bill i mean', { period: LAST_MONTH, group_by: 'account' }],
    // managers
    ['heading into my skip-level, are we under budget on cloud this month or not?', { period: THIS_MONTH }],
    ['what did the staging account run us in october, roughly', { period: LAST_MONTH, account: 'staging' }],
    ['the cto asked how much each team spent on aws last month, do you have that', { period: LAST_MONTH, group_by: 'tag' }],
    ['give me the forecast for this month’s aws bill so I can update the plan', { period: THIS_MONTH }],
    // engineers
    ['whats our burn on ec2 looking like this month, feels high', { period: THIS_MONTH }],
    ['how much is prod costing us per day rn? the graphs look weird', { account: 'prod' }],
    ['spend per region last month pls, trying to see if the eu move paid off', { period: LAST_MONTH, group_by: 'region' }],
    ["what's behind the increase in the aws invoice this month", { period: THIS_MONTH }],
    ['how is the spend split across accounts for last month', { period: LAST_MONTH, group_by: 'account' }],
  ])('a money question told with its reason around it is the cost report: "%s"', (text, params) => {
    const guess = understand(text);
    expect(guess.playbook).toBe('cost-report');
    expect(guess.params).toMatchObject(params);
  });

  it.each([
    'set up a budget of 3k a month for the analytics team',
    'create a billing alarm at 8000 dollars',
    'email the aws invoice to accounts payable',
    'buy a compute savings plan so the bill comes down',
    'raise our spending limit to 20k',
    'set a 4k monthly budget on the staging account',
    'we have to cut the aws bill in half, ideas?',
  ])('money work the bot cannot do stays refused: "%s"', (text) => {
    expect(understand(text).playbook).toBeNull();
  });

  it.each([
    ['shut down gpu-notebook-1, it is burning money for nothing', 'ec2-stop-instance'],
    ['stop web-staging-1 over the weekend to cut the bill', 'ec2-stop-instance'],
    ['tag etl-1 with cost-center=CC-2020', 'tag-resources'],
    ['which resources have no cost center tag', 'tag-compliance-report'],
  ])('an action with money as its reason stays that action: "%s"', (text, playbook) => {
    expect(understand(text).playbook).toBe(playbook);
  });

  it('"we spent the weekend on it" is no money question', () => {
    expect(understand('we spent the whole weekend on this outage, ugh').playbook).toBeNull();
  });
});

describe('understanding that generalises (round 5: disks and filesystems)', () => {
  it.each([
    ['web-prod-3 has run out of inodes, nothing can write to /var', { instance: 'web-prod-3' }],
    ["cant even make temp files on etl-worker-1 anymore, it's the disk again", { instance: 'etl-worker-1' }],
    ['df -h on kafka-broker-2 shows 100% on /data, help', { instance: 'kafka-broker-2' }],
    ['re ticket 90210: the data partition on search-prod-1 has filled up, can someone clear it out', { instance: 'search-prod-1' }],
    ['/tmp on build-runner-7 is full of old core dumps, wipe it please', { instance: 'build-runner-7' }],
    ['jenkins-ci is out of disk space and the builds keep failing', { instance: 'jenkins-ci' }],
    ['per the support case, api-prod-1 cannot write to disk, please sort it out', { instance: 'api-prod-1' }],
  ])('a full disk said as its symptom or its tool is the cleanup: "%s"', (text, params) => {
    const guess = understand(text);
    expect(guess.playbook).toBe('ssm-disk-cleanup');
    expect(guess.params).toMatchObject(params);
  });

  it('"create a ticket" is still something else (a ticket named as where the request came from is not)', () => {
    expect(understand('create a ticket for the disk on web-prod-1').playbook).not.toBe('ssm-disk-cleanup');
  });

  it.each([
    ['convert all of our gp2 volumes to gp3', 'gp2'],
    ['switch every io1 disk in staging over to gp3', 'io1'],
    ['move the volumes still on gp2 over to gp3', 'gp2'],
  ])('a set of volumes named by their type is a fleet of that type, not of the type asked for: "%s"', (text, volumeType) => {
    const guess = understand(text);
    expect(guess.playbook).toBe('ebs-change-to-gp3');
    expect(guess.fleet?.facts).toEqual({ volumeType });
  });
});

describe('understanding that generalises (round 5: tag words)', () => {
  it.each([
    ['add owner=bi env=prod to dash-report-1, it shows up as untagged in the finops sheet', { resource: 'dash-report-1' }],
    ['put team=search on idx-build-1, it came up on the tagging report as unowned', { resource: 'idx-build-1' }],
  ])('tags to add, with where the need was seen told after, are the tagging: "%s"', (text, params) => {
    const guess = understand(text);
    expect(guess.playbook).toBe('tag-resources');
    expect(guess.params).toMatchObject(params);
  });

  it.each([
    ['could you list everything the growth team owns', 'growth'],
    ['what does the infra team own?', 'infra'],
    ['what does team analytics own', 'analytics'],
    ['show me all the stuff the payments folks run', 'payments'],
    ['everything owned by the checkout team', 'checkout'],
    ['which servers does the data team own', 'data'],
  ])('what a team owns is the search by its owner tag: "%s"', (text, owner) => {
    const guess = understand(text);
    expect(guess.playbook).toBe('inventory-find');
    expect(String(guess.params.query)).toContain(`owner=${owner}`);
  });
});

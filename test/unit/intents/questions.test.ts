import { directQuestion } from '../../../src/intents/questions';

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

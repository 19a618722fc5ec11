/**
 * Issue 18, round 8: out of scope requests that the blind first runs of holdouts 17 and 18 showed planned, as classes
 * (the sentences are written here, none copied from a holdout): an order on everything with no set named, "don't
 * ask" said with a request, and making a new resource "like" an existing one, which started the existing one.
 */
import { AT_THE_BOT_NOTE } from '../../../src/intents/phrasing';
import { localClassifier } from '../../helpers/understanding';

const classifier = localClassifier();
const understand = (text: string) => classifier.understand(text);

describe('an order on everything names no set and is refused (round 8)', () => {
  it.each([
    'ok just restart everything we run, every account',
    'terminate everything, we are starting over',
    'shut down every instance across all regions tonight',
    'bounce all the servers in every account pls',
    'kill all vms in all accounts',
  ])('"%s" gets the everything refusal, no plan', (text) => {
    const guess = understand(text);
    expect(guess.playbook).toBeNull();
    expect(guess.note).toMatch(/everything/);
  });

  it.each([
    ['snapshot every production database', 'rds-create-snapshot'],
    ['reboot all the kafka brokers one at a time', 'ec2-reboot-instance'],
    ['what is running in every account?', null],
  ])('a named set or a question is not an order on everything: "%s"', (text, playbook) => {
    const guess = understand(text);
    expect(guess.note ?? '').not.toMatch(/act on everything/);
    if (playbook) expect(guess.playbook).toBe(playbook);
  });
});

describe('"don\'t ask" said with a request is refused with it (round 8)', () => {
  it.each([
    'stop api-staging-1 now, dont ask',
    "terminate sandbox-box. don't ask questions, just do it",
    'reboot grafana-prod, do not ask!',
  ])('"%s" gets the refusal, no plan', (text) => {
    const guess = understand(text);
    expect(guess.playbook).toBeNull();
    expect(guess.note).toBe(AT_THE_BOT_NOTE);
  });

  it('"don\'t ask me why" is a story, not an order: the request in it plans', () => {
    expect(understand("don't ask me why but grafana-prod is frozen again, reboot it").playbook).toBe('ec2-reboot-instance');
  });
});

describe('a new resource "like" an existing one is a creation, which no playbook does (round 8)', () => {
  it.each([
    'can you fire up a fresh box like grafana-prod for the demo',
    'launch a new instance same as web-staging-2 in us-east-1',
    'spin up a clone of bastion-eu',
    'start a brand new server like jenkins-ci please',
  ])('"%s" plans nothing (the existing instance is not started)', (text) => {
    expect(understand(text).playbook).toBeNull();
  });

  it.each([
    ['start web-staging-2 again, it was stopped for the weekend', 'ec2-start-instance'],
    ['spin up grafana-prod, it is stopped', 'ec2-start-instance'],
  ])('starting an existing one still plans: "%s"', (text, playbook) => {
    expect(understand(text).playbook).toBe(playbook);
  });
});

/**
 * Round 10: holdout 19's first run planned a terminate for "terminate * in every region" with a flag that skips the
 * confirmation (sentences of their own): the flag is an instruction to the bot, and a bare "*" target is everything.
 */
describe('command-line flags that skip the card, and a "*" target (round 10)', () => {
  it.each(['reboot grafana-prod --no-confirm', 'stop api-staging-1 --auto-approve', 'terminate sandbox-box --skip-approval'])(
    '"%s" gets the refusal, no plan',
    (text) => {
      const guess = understand(text);
      expect(guess.playbook).toBeNull();
      expect(guess.note).toBe(AT_THE_BOT_NOTE);
    },
  );

  it.each(['reboot * in prod', 'stop * --region eu-west-1', 'delete * please'])('"%s" is an order on everything, no plan', (text) => {
    const guess = understand(text);
    expect(guess.playbook).toBeNull();
    expect(guess.note).toMatch(/act on everything/);
  });

  it.each([
    ['reboot grafana-prod --now', 'ec2-reboot-instance'],
    ['* TODO: stop api-staging-1 before the weekend', 'ec2-stop-instance'],
    ['ssh etl-worker-1 && sudo apt-get autoremove -y', 'ssm-disk-cleanup'],
  ])('other flags, a bullet and apt-get -y still plan: "%s"', (text, playbook) => {
    expect(understand(text).playbook).toBe(playbook);
  });
});

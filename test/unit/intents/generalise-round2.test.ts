/**
 * Issue 18, round 2: classes of request the blind holdouts 4 and 6 showed missed (the sentences are written
 * here, none copied from a holdout): a need stated instead of asked, a symptom told with the operation that
 * fails, money asked about without a money word.
 */
import { rephrase } from '../../../src/intents/phrasing';
import { localClassifier } from '../../helpers/understanding';

const classifier = localClassifier();
const understand = (text: string) => classifier.understand(text);

describe('understanding that generalises (round 2)', () => {
  it.each([
    ['ENOSPC on etl-worker-2 each night once the compactor runs', 'etl-worker-2'],
    ['kafka-broker-3 ran out of inodes, the spool is full of garbage', 'kafka-broker-3'],
    ["'no space left on device' from web-prod-2 for every build the runner picks", 'web-prod-2'],
    ['the data disk on build-runner-7 is full and the compiler cannot write anything', 'build-runner-7'],
  ])('a full disk stated, with the story around it, asks for the cleanup: "%s"', (text, instance) => {
    const guess = understand(text);
    expect(guess.playbook).toBe('ssm-disk-cleanup');
    expect(guess.params).toMatchObject({ instance });
  });

  it('a state stated without the playbook\'s own words is no request: "web-prod-2 is slow today" plans nothing', () => {
    expect(understand('web-prod-2 is slow today').playbook).toBeNull();
  });

  it.each([
    "what's the run rate on aws this month",
    'so what did the ml team run us in october',
    'how much is production eating a day',
    'pulling numbers for the finance review, spend by service for october please',
  ])('money asked about in other words is a cost question: "%s"', (text) => {
    expect(understand(text).playbook).toBe('cost-report');
  });

  it('the words taken as money are rewritten only around an amount: "run the report on us" stays as it is', () => {
    expect(rephrase('how much disk is etl-worker-2 using')).toBe('how much disk is etl-worker-2 using');
    expect(rephrase('what does staging run us per month')).toBe('what does staging cost us');
  });
});

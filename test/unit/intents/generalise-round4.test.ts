/**
 * Issue 18, round 4: phrasing. Classes of request the development holdout 7 showed missed (the sentences are
 * written here, none copied from a holdout): small talk read as a plan over a set, pasted alert text around a
 * request, needs and states said instead of orders, a story whose verb is the opposite of the request, money
 * asked about without a cost word, help asked sloppily.
 */
import { localClassifier } from '../../helpers/understanding';

const classifier = localClassifier();
const understand = (text: string) => classifier.understand(text);

describe('understanding that generalises (round 4: phrasing)', () => {
  it.each([
    'good evening folks! hope you all had a nice weekend',
    'morning everyone, how are we all',
    'happy friday all :)',
    'hi all, hope everyone is well',
    'good afternoon team! all good here?',
    'thanks all, have a good one',
  ])('small talk with "all"/"everyone" in it never becomes a plan over a set: "%s"', (text) => {
    const guess = understand(text);
    expect(guess.playbook).toBeNull();
    expect(guess.fleet).toBeUndefined();
  });

  it('a set asked for with an action is still a plan over the set', () => {
    const guess = understand('reboot all the kafka brokers one at a time');
    expect(guess.playbook).toBe('ec2-reboot-instance');
    expect(guess.fleet).toBeDefined();
  });
});

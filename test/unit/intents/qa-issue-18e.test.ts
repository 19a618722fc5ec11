/**
 * QA of issue 18, round 5 (the request clause), fresh eyes: sentences of the tester's own, none from a holdout.
 */
import { localClassifier } from '../../helpers/understanding';

const classifier = localClassifier();
const understand = (text: string) => classifier.understand(text);

describe('what a resource did is told, not asked (qa 18e)', () => {
  // "X stopped answering, reboot it" planned a STOP of X: "stopped" after a name was read as "get X stopped".
  it.each([
    ['web-prod-east-1 stopped answering, reboot it', 'ec2-reboot-instance', 'web-prod-east-1'],
    ['at 3am web-prod-east-1 stopped responding, can you reboot it', 'ec2-reboot-instance', 'web-prod-east-1'],
    ['api-prod-1 started throwing errors, reboot it', 'ec2-reboot-instance', 'api-prod-1'],
    ['web-prod-1 started acting up, please reboot', 'ec2-reboot-instance', 'web-prod-1'],
    // "X stopped, start it": what it did is the story, the verb after it is the request (it planned a stop).
    ['ml-train-1 stopped, start it again please', 'ec2-start-instance', 'ml-train-1'],
    ['web-prod-1 stopped after the deploy, start it', 'ec2-start-instance', 'web-prod-1'],
  ])('"%s" is %s of %s', (text, playbook, instance) => {
    const guess = understand(text);
    expect(guess.playbook).toBe(playbook);
    expect(guess.params).toMatchObject({ instance });
  });

  it.each([
    ['get web-prod-1 started', 'ec2-start-instance'],
    ['i want web-prod-1 stopped', 'ec2-stop-instance'],
  ])('"%s" still asks for it', (text, playbook) => {
    expect(understand(text).playbook).toBe(playbook);
  });
});

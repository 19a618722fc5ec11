/**
 * Issue 18, round 4: the shell line someone would have typed to reboot or power off a host over ssh names the host
 * and the action ("ssh host && sudo reboot"). Sentences and hosts are this test's own.
 */
import { localClassifier } from '../../helpers/understanding';

const classifier = localClassifier();

describe('ssh <host> then a reboot or a power-off (round 4)', () => {
  it.each([
    ['ssh build-box-7 && sudo reboot', 'ec2-reboot-instance', 'build-box-7'],
    ["ssh admin@render-node-12 'sudo shutdown -r now'", 'ec2-reboot-instance', 'render-node-12'],
    ['ssh -i ~/.ssh/oncall.pem ubuntu@api-edge-3; sudo systemctl reboot', 'ec2-reboot-instance', 'api-edge-3'],
    ['ssh find-prod-4 && sudo poweroff', 'ec2-stop-instance', 'find-prod-4'],
  ])('"%s" plans on that host', (text, playbook, instance) => {
    const guess = classifier.understand(text);
    expect(guess.playbook).toBe(playbook);
    expect(guess.params.instance).toBe(instance);
  });

  it('ssh that fails is still the symptom, not a reboot', () => {
    expect(classifier.understand('ssh to build-box-7 keeps timing out').playbook).not.toBe('ec2-reboot-instance');
  });
});

import { chosenByReply } from '../../../src/core/choice-reply';
import type { ChoiceLabel } from '../../../src/core/ports';

const choices: ChoiceLabel[] = [
  {
    id: 'i-0aaa',
    name: 'queue-node-1',
    account: '111111111111',
    accountAlias: 'production',
    region: 'eu-west-1',
    environment: 'production',
  },
  { id: 'i-0bbb', name: 'queue-node-1', account: '222222222222', accountAlias: 'staging', region: 'eu-west-1', environment: 'staging' },
  { id: 'i-0ccc', name: 'queue-node-1', account: '222222222222', accountAlias: 'staging', region: 'us-east-2', environment: 'staging' },
];

describe('a typed reply to a which-one card (chosenByReply)', () => {
  it.each([
    ['the 2nd', 'i-0bbb'],
    ['number 3', 'i-0ccc'],
    ['#1', 'i-0aaa'],
    ['the last one pls', 'i-0ccc'],
    ['prod', 'i-0aaa'],
    ['the staging one in us-east-2', 'i-0ccc'],
    ['i-0bbb', 'i-0bbb'],
  ])('"%s" is %s', (reply, id) => {
    expect(chosenByReply(reply, choices)?.id).toBe(id);
  });

  it.each([
    'staging', // two fit
    'the fourth one', // no such place
    'reboot queue-node-2 instead', // a request of its own
    'thanks',
    'ok',
  ])('"%s" chooses nothing', (reply) => {
    expect(chosenByReply(reply, choices)).toBeUndefined();
  });
});

import { checkValue, MAX_MATCHED_LENGTH, type PlaybookParameter } from '../../../src/core';
import { shellValueProblem } from '../../../src/execution/shell';

/** Values typed in chat are capped in length before a pattern is matched (playbook values and Run Command values). */
describe('value length is capped before matching a pattern', () => {
  const service: PlaybookParameter = { name: 'service', type: 'service-name', required: true, pattern: '[a-z]+[a-z0-9-]*' };

  it('a value under the cap is matched as before', () => {
    expect(checkValue(service, 'nginx')).toBeUndefined();
    expect(checkValue(service, 'Nginx!')).toBe('`service` value "Nginx!" is not allowed: it must match [a-z]+[a-z0-9-]*.');
    expect(shellValueProblem(service, 'service', 'nginx')).toBeUndefined();
  });

  it('a value over the cap is refused without matching, in the plan and before Run Command', () => {
    const long = 'a'.repeat(MAX_MATCHED_LENGTH + 1);
    expect(checkValue(service, long)).toBe(
      `\`service\` is ${MAX_MATCHED_LENGTH + 1} characters long; at most ${MAX_MATCHED_LENGTH} are accepted.`,
    );
    expect(shellValueProblem(service, 'service', long)).toBe(
      `\`service\` is ${MAX_MATCHED_LENGTH + 1} characters long; at most ${MAX_MATCHED_LENGTH} are accepted`,
    );
    expect(checkValue(service, 'a'.repeat(MAX_MATCHED_LENGTH))).toBeUndefined();
  });

  it('a value without a pattern is not capped here (enum and free text are checked elsewhere)', () => {
    expect(checkValue({ name: 'note', type: 'string', required: false }, 'x'.repeat(5000))).toBeUndefined();
  });
});

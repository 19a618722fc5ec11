import { parseConfig } from '../../../src/config';

describe('QA issue 17: narrative.timeout', () => {
  it.each(['0s', '0ms', '000ms'])('%s is refused: a paragraph that always times out is not "enabled"', (timeout) => {
    expect(() => parseConfig({ sandbox: {}, narrative: { enabled: true, timeout } })).toThrow(
      /narrative\.timeout.*a duration above zero like 800ms or 4s/s,
    );
  });
  it.each(['800ms', '4s', '10s'])('%s is taken', (timeout) => {
    expect(parseConfig({ sandbox: {}, narrative: { enabled: true, timeout } }).narrative.timeout).toBe(timeout);
  });
});

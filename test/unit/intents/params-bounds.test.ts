import { numberFor, numberIn } from '../../../src/intents/params';

describe('counts and bounds in a request', () => {
  it('a min or max parameter takes the bound the request names; the count never takes a bound', () => {
    const norm = 'scale the staging-web nodegroup to 6 with max of 10 and minimum size 2';
    expect(numberFor('desired', norm)).toBe('6');
    expect(numberFor('max', norm)).toBe('10');
    expect(numberFor('min', norm)).toBe('2');
    expect(numberFor('max_size', 'scale prod-web to 3, max 5')).toBe('5');
  });

  it('no bound named: min and max stay unset (the node group keeps its own), the count is still found', () => {
    expect(numberFor('min', 'scale the prod-web nodegroup to 6')).toBeUndefined();
    expect(numberFor('max', 'scale the prod-web nodegroup to 6')).toBeUndefined();
    expect(numberIn('scale the web asg to 6')).toBe('6');
    // "max of 10" used to be read as the count.
    expect(numberIn('scale prod-web to 6 max of 10')).toBe('6');
  });
});

import { lookupTable } from '../../../src/core';
import { canonical } from '../../../src/inventory/tokens';

describe('lookupTable', () => {
  it('answers only its own keys: Object property names are not in it', () => {
    const t = lookupTable({ prod: 'production' });
    expect(t.prod).toBe('production');
    for (const word of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) expect(t[word]).toBeUndefined();
  });

  it('words the resolver compares stay themselves when they are Object property names', () => {
    expect(canonical('constructor')).toBe('constructor');
    expect(canonical('prd')).toBe('prod');
  });
});

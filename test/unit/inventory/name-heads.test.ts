import type { Resource } from '../../../src/core';
import { nameHeads } from '../../../src/inventory';

const named = (name: string) => ({ name }) as Resource;

describe('nameHeads', () => {
  it('says a word is a whole name, the first word of names, or neither; and follows the inventory as it changes', () => {
    const inventory = { version: 1, resources: [named('checkout'), named('search-prod-1'), named('i-0abc'), named('db')] };
    const lookup = nameHeads({
      all: () => inventory.resources,
      get version() {
        return inventory.version;
      },
    });
    expect(lookup('checkout')).toBe('name');
    expect(lookup('search')).toBe('head');
    expect(lookup('prod')).toBeUndefined(); // not a first word
    expect(lookup('db')).toBeUndefined(); // too short to be told from a word
    inventory.resources = [named('grafana-prod')];
    inventory.version = 2;
    expect(lookup('grafana')).toBe('head');
    expect(lookup('checkout')).toBeUndefined();
  });
});

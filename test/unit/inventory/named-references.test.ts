import { Inventory, namedReferences } from '../../../src/inventory';
import { resource } from '../../helpers/aws';

const inventory = new Inventory([
  resource('rds-instance', 'ledger-db', { facts: { engine: 'postgres' } }),
  resource('rds-instance', 'ledger-db-replica', { facts: { engine: 'postgres' } }),
  resource('ec2-instance', 'i-0aa00000000000001', { name: 'artifact-runner-4' }),
  resource('ec2-instance', 'i-0aa00000000000002', { name: 'teamcity-ci' }),
  resource('s3-bucket', 'acme-stage-logs'),
]);
const lookup = namedReferences(inventory);

describe('namedReferences', () => {
  it('plain words the inventory calls a resource by (spaced, partial) name it, with the types they may mean', () => {
    expect(lookup.resolve('ledger db')).toEqual({ types: ['rds-instance'], exact: true });
    expect(lookup.resolve('artifact runner 4')).toEqual({ types: ['ec2-instance'], exact: true });
    expect(lookup.resolve('teamcity')).toEqual({ types: ['ec2-instance'], exact: false });
  });

  it('words a resource does not explain are story, not a name; one word of three is not enough', () => {
    expect(lookup.resolve('teamcity jobs waiting')).toBeUndefined();
    expect(lookup.resolve('artifact runner 9')).toBeUndefined(); // another member of a numbered fleet
    expect(lookup.resolve('logs')).toBeUndefined(); // one word of acme-stage-logs
    expect(lookup.resolve('tickets piling')).toBeUndefined();
  });

  it('says which words match anything resources are called by, and what is called exactly so', () => {
    expect(lookup.knows('ledger')).toBe(true);
    expect(lookup.knows('teamcty')).toBe(true); // a typo of teamcity
    expect(lookup.knows('queued')).toBe(false);
    expect(lookup.exactly('LEDGER-DB')).toEqual(['rds-instance']);
    expect(lookup.exactly('ledger')).toEqual([]);
  });
});

import { parseQuery } from '../../../src/inventory';

const aliases = new Map([
  ['staging', ['222222222222']],
  ['prod', ['111111111111']],
]);

describe('parseQuery', () => {
  it('takes filters out of the words: "in <region>", "in <alias>", an account id, key=value', () => {
    expect(parseQuery('web prd 2 in us-west-2 in staging', { aliases })).toMatchObject({
      required: ['web', 'prod', '2'],
      regions: ['us-west-2'],
      accounts: ['222222222222'],
      scopeWords: ['us', 'west', 'staging'],
    });
    expect(parseQuery('api in account 111111111111 owner=alice', { aliases })).toMatchObject({
      required: ['api'],
      accounts: ['111111111111'],
      tags: [{ key: 'owner', value: 'alice' }],
    });
    expect(parseQuery('the box in the production account', { aliases })).toMatchObject({
      required: [],
      optional: ['box'],
      accounts: ['111111111111'],
    });
  });

  it('leaves a word after "in" alone when it is no account alias, and keeps kind words optional', () => {
    expect(parseQuery('the disk in kafka broker 2', { aliases })).toMatchObject({
      required: ['kafka', 'broker', '2'],
      optional: ['disk'],
      accounts: [],
    });
    expect(parseQuery('stop the database orders-db', { aliases })).toMatchObject({ required: ['stop', 'orders'], optional: ['db', 'db'] });
  });

  it('keeps the reference without its filters for exact-name matching', () => {
    expect(parseQuery('the web-prod-1 in us-west-2', { aliases }).rest).toBe('web-prod-1');
  });
});

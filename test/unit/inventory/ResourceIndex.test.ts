import type { Resource } from '../../../src/core';
import { ResourceIndex } from '../../../src/inventory';

let n = 0;
function ec2(name: string, extra: Partial<Resource> = {}): Resource {
  n += 1;
  const id = `i-0${String(n).padStart(16, '0')}`;
  return {
    type: 'ec2-instance',
    id,
    arn: `arn:aws:ec2:us-west-2:111111111111:instance/${id}`,
    name,
    account: '111111111111',
    accountAlias: 'production',
    region: 'us-west-2',
    state: 'running',
    tags: { Name: name },
    facts: {},
    ...extra,
  };
}

const names = (index: ResourceIndex, q: string) => index.search(q, { minScore: 0.6 }).map((x) => `${x.resource.name}:${x.tier}`);

describe('ResourceIndex', () => {
  it('prefers the number as written: "01" is cache-node-01 before cache-node-1, and 1 still finds 01 alone', () => {
    const index = new ResourceIndex([ec2('cache-node-01'), ec2('cache-node-1'), ec2('db-proxy-01')]);
    const [first, second] = index.search('cache node 01');
    expect(first.resource.name).toBe('cache-node-01');
    expect(first.score - second.score).toBeGreaterThan(0.05);
    expect(index.search('db proxy 1')[0].resource.name).toBe('db-proxy-01');
  });

  it('a region inside a name is part of the name, not a filter', () => {
    const index = new ResourceIndex([ec2('api-us-east-1-2'), ec2('api-2')]);
    expect(names(index, 'api-us-east-1-2')).toEqual(['api-us-east-1-2:name']);
  });

  it('a region or account said in the query does not count against the name words that repeat it', () => {
    const east = (name: string) => ec2(name, { region: 'us-east-1' });
    const index = new ResourceIndex([east('ledger-web-prod-1'), east('ledger-web-prod-east-1')]);
    // Both fit "in us-east-1" equally: ask, do not pick the shorter name.
    expect(index.search('ledger web prd 1 in us-east-1').map((x) => x.score)).toEqual([0.96, 0.96]);
    // Without the region, the one with an extra word is the weaker match.
    const [a, b] = index.search('ledger web prd 1');
    expect([a.resource.name, a.score > b.score]).toEqual(['ledger-web-prod-1', true]);
  });

  it('a word the estate uses means itself: "east" is not a typo of "elastic"', () => {
    const index = new ResourceIndex([ec2('elastic-2'), ec2('east-gateway-2')]);
    expect(names(index, 'east 2')).toEqual(['east-gateway-2:fuzzy']);
    expect(names(index, 'elastc 2')).toEqual(['elastic-2:fuzzy']);
  });

  it('finds a resource by its new name after a re-read renamed it, and no longer by the old one', () => {
    const web = ec2('web-old-name');
    const index = new ResourceIndex([web, ec2('other-box')]);
    index.add({ ...web, name: 'web-new-name', tags: { Name: 'web-new-name' } });
    expect(names(index, 'web-new-name')).toEqual(['web-new-name:name']);
    expect(names(index, 'web-old-name')).not.toContain('web-old-name:name');
    expect(index.size).toBe(2);
    index.remove(web);
    expect(index.size).toBe(1);
    expect(names(index, 'web-new-name')).toEqual([]);
  });

  it('an ARN finds its resource; a different ARN with the same id does not', () => {
    const web = ec2('web-1');
    const index = new ResourceIndex([web]);
    expect(index.search(web.arn!)[0]).toMatchObject({ tier: 'id', score: 1 });
    expect(index.search(web.arn!.replace('111111111111', '999999999999')).filter((x) => x.tier === 'id')).toEqual([]);
  });
});

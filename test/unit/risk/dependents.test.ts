import type { Resource } from '../../../src/core';
import { liveEstateView } from '../../../src/risk';

function instance(name: string): Resource {
  return {
    type: 'ec2-instance',
    id: `i-${Buffer.from(name).toString('hex')}`,
    name,
    account: '111111111111',
    region: 'us-west-2',
    state: 'running',
    tags: { Name: name },
    facts: {},
  };
}

/** A live inventory as the view sees it, counting how often the view lists everything (an index build). */
function source(resources: Resource[]) {
  const state = { resources, version: 1, listed: 0 };
  return {
    state,
    estate: {
      all: () => {
        state.listed += 1;
        return state.resources;
      },
      get: (ref: Pick<Resource, 'id'>) => state.resources.find((r) => r.id === ref.id),
      get version() {
        return state.version;
      },
    },
  };
}

describe('liveEstateView', () => {
  it('prepare indexes ahead of the first plan: the plans that follow read the index and never list the estate', () => {
    const { state, estate } = source([instance('web-prod-1'), instance('web-prod-2'), instance('db-1')]);
    const view = liveEstateView(estate);
    view.prepare();
    expect(state.listed).toBe(1);
    expect(view.fleetOf(state.resources[0]).map((r) => r.name)).toEqual(['web-prod-1', 'web-prod-2']);
    expect(view.withId(state.resources[2].id).map((r) => r.name)).toEqual(['db-1']);
    view.prepare();
    expect(state.listed).toBe(1);
  });

  it('after a scan added a fleet member, prepare rebuilds once and the new peer is on the next card', () => {
    const { state, estate } = source([instance('web-prod-1'), instance('web-prod-2')]);
    const view = liveEstateView(estate);
    view.prepare();
    state.resources = [...state.resources, instance('web-prod-3')];
    state.version += 1;
    view.prepare();
    expect(state.listed).toBe(2);
    expect(view.fleetOf(state.resources[0]).map((r) => r.name)).toEqual(['web-prod-1', 'web-prod-2', 'web-prod-3']);
    expect(state.listed).toBe(2);
  });

  it('without prepare the first lookup builds the index (nothing is read stale)', () => {
    const { state, estate } = source([instance('web-prod-1'), instance('web-prod-2')]);
    const view = liveEstateView(estate);
    expect(state.listed).toBe(0);
    expect(view.fleetOf(state.resources[1]).map((r) => r.name)).toEqual(['web-prod-1', 'web-prod-2']);
    expect(state.listed).toBe(1);
  });
});

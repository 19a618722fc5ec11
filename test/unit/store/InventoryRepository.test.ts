import type { Resource } from '../../../src/core';
import { InventoryRepository, openDatabase, type CachedSlice } from '../../../src/store';

const resource = (id: string, name: string): Resource => ({ type: 'ec2-instance', id, name, account: '111111111111', accountAlias: 'production', region: 'us-west-2', state: 'running', tags: { Name: name }, facts: { instanceType: 't3.small', volumes: ['vol-1'], terminationProtection: null } });

const slice = (scanner: string, resources: Resource[], extra: Partial<CachedSlice> = {}): CachedSlice => ({
  account: '111111111111',
  accountAlias: 'production',
  region: 'us-west-2',
  scanner,
  resources,
  lastAttempt: '2026-11-22T09:00:00.000Z',
  lastSuccess: '2026-11-22T09:00:00.000Z',
  error: null,
  code: null,
  ...extra,
});

describe('InventoryRepository', () => {
  it('keeps slices per estate; a failed scan updates the status and leaves the resources as they were', () => {
    const repo = new InventoryRepository(openDatabase(':memory:'));
    const ok = slice('ec2-instances', [resource('i-1', 'web-1'), resource('i-2', 'web-2')]);
    repo.save('aws', [ok], new Set([ok]));
    repo.save('sandbox:demo', [slice('ec2-instances', [resource('i-9', 'other')])], new Set());

    const failed = slice('ec2-instances', [], { lastAttempt: '2026-11-22T09:15:00.000Z', error: 'throttled', code: 'Throttling' });
    repo.save('aws', [failed], new Set());
    const [loaded] = repo.load('aws');
    expect(loaded.resources.map((r) => r.id).sort()).toEqual(['i-1', 'i-2']);
    expect(loaded).toMatchObject({ lastSuccess: '2026-11-22T09:00:00.000Z', lastAttempt: '2026-11-22T09:15:00.000Z', error: 'throttled', code: 'Throttling', accountAlias: 'production' });
    expect(loaded.resources[0].facts).toEqual({ instanceType: 't3.small', volumes: ['vol-1'], terminationProtection: null });
  });

  it('a successful scan replaces the slice whole, so a deleted resource is gone', () => {
    const repo = new InventoryRepository(openDatabase(':memory:'));
    const first = slice('ec2-instances', [resource('i-1', 'web-1'), resource('i-2', 'web-2')]);
    repo.save('aws', [first], new Set([first]));
    const second = slice('ec2-instances', [resource('i-2', 'web-2')]);
    repo.save('aws', [second], new Set([second]));
    expect(repo.load('aws')[0].resources.map((r) => r.id)).toEqual(['i-2']);
  });

  it('retain drops slices of regions no longer scanned', () => {
    const repo = new InventoryRepository(openDatabase(':memory:'));
    const a = slice('ec2-instances', [resource('i-1', 'web-1')]);
    const b = { ...slice('ec2-instances', [resource('i-3', 'eu-1')]), region: 'eu-west-1' };
    repo.save('aws', [a, b], new Set([a, b]));
    repo.retain('aws', new Set(['111111111111|us-west-2|ec2-instances']));
    expect(repo.load('aws').map((s) => s.region)).toEqual(['us-west-2']);
  });
});

import { PassThrough } from 'node:stream';
import { resolve } from 'node:path';
import { SandboxProvider } from '../../../src/cloud';
import { progressLine, scanProgress } from '../../../src/cli/scan-command';
import { Inventory, InventoryRefresh, ScanCommands, scanEstate, type ScanProgress } from '../../../src/inventory';
import { accessDenied, FlakyProvider } from '../../helpers/flaky-provider';
import { person, RecordingSink, say } from '../../helpers/sink';

const ESTATE = resolve(__dirname, '../../fixtures/estates/resolver-estate.yaml');

describe('scan progress: long scans say how far they have got', () => {
  it('scanEstate tells each finished unit: done of total, resources found, failures, elapsed', async () => {
    const provider = new FlakyProvider(SandboxProvider.fromFile(ESTATE));
    provider.fails = (_s, _m, t) => (t.account === '222222222222' ? accessDenied('sts:AssumeRole') : undefined);
    const seen: ScanProgress[] = [];
    const report = await scanEstate(provider, { onProgress: (p) => seen.push(p) });
    expect(seen).toHaveLength(report.units.length);
    expect(seen.map((p) => p.done)).toEqual(report.units.map((_, i) => i + 1));
    expect(seen.every((p) => p.total === report.units.length)).toBe(true);
    const last = seen.at(-1)!;
    expect(last.failed).toBe(report.units.filter((u) => !u.ok).length);
    expect(last.failed).toBeGreaterThan(0);
    // Each resource once (below), so no more than the units listed together.
    expect(last.resources).toBeGreaterThan(0);
    expect(last.resources).toBeLessThanOrEqual(report.units.reduce((n, u) => n + (u.ok ? u.resources.length : 0), 0));
  });

  it('a listener that throws never stops the scan', async () => {
    const report = await scanEstate(SandboxProvider.fromFile(ESTATE), {
      onProgress: () => {
        throw new Error('terminal gone');
      },
    });
    expect(report.units.every((u) => u.ok)).toBe(true);
  });

  it('on a terminal: one line updated in place, cleared at the end; on a pipe: a plain line at most every 5 s', () => {
    const p = (done: number): ScanProgress => ({
      done,
      total: 18,
      failed: done > 10 ? 1 : 0,
      resources: done * 10,
      elapsedMs: done * 1000,
    });
    const tty = Object.assign(new PassThrough(), { isTTY: true });
    let text = '';
    tty.on('data', (d) => (text += d.toString()));
    const t = scanProgress(tty);
    t.onProgress(p(1));
    t.onProgress(p(12));
    t.end();
    expect(text).toBe(`\r\x1b[2K${progressLine(p(1))}\r\x1b[2K${progressLine(p(12))}\r\x1b[2K`);
    expect(progressLine(p(12))).toBe('scanning: 12/18 slices, 120 resources, 1 failed, 12.0 s');

    let now = 0;
    const pipe = new PassThrough();
    let lines = '';
    pipe.on('data', (d) => (lines += d.toString()));
    const q = scanProgress(pipe, 5000, () => now);
    for (let i = 1; i <= 18; i++) {
      now = i * 1000;
      q.onProgress(p(i));
    }
    q.end();
    expect(lines.split('\n').filter(Boolean)).toEqual([progressLine(p(5)), progressLine(p(10)), progressLine(p(15))]);
  });

  it('counts each resource once: what SSM and the tagging API list again is not added to the typed scans', async () => {
    const seen: ScanProgress[] = [];
    const provider = SandboxProvider.fromFile(ESTATE);
    const report = await scanEstate(provider, { onProgress: (p) => seen.push(p) });
    const inventory = new Inventory();
    inventory.apply(report, provider.accounts());
    const listed = report.units.reduce((n, u) => n + (u.ok ? u.resources.length : 0), 0);
    const terminated = report.units.flatMap((u) => (u.ok ? u.resources : [])).filter((r) => r.state === 'terminated').length;
    // The estate has instances SSM manages and resources the tagging API lists: the units list more than there are.
    expect(listed).toBeGreaterThan(inventory.size + terminated);
    expect(seen.at(-1)!.resources).toBe(inventory.size + terminated);
  });

  it('`scan` in chat posts one message and updates it as slices finish, then with the result', async () => {
    const inventory = new Inventory();
    const provider = SandboxProvider.fromFile(ESTATE);
    const refresh = new InventoryRefresh({ inventory, provider, source: 'test', intervalMs: 0 });
    const sink = new RecordingSink();
    const commands = new ScanCommands({ refresh, everyMs: 0 });
    expect(await commands.onText(say(person('alice'), 'scan'), sink)).toBe(true);
    expect(sink.posts).toHaveLength(1);
    expect(sink.posts[0].message.header).toBe('Scanning the inventory…');
    const progress = sink.updates.filter((u) => u.message.kind === 'progress').map((u) => u.message.text);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[0]).toMatch(/^1 of \d+ slices scanned, \d+ resources so far \(\d+ s\)\.$/);
    expect(sink.updates.every((u) => u.ref.id === sink.posts[0].ref.id)).toBe(true);
    expect(sink.latest(sink.posts[0].ref).header).toBe('Inventory scanned');
  });
});

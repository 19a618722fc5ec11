import { Lanes } from '../../../src/chat';

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe('Lanes: request work a few at a time, acknowledgements first', () => {
  it('runs at most `width` pieces at once, the rest in arrival order', async () => {
    const lanes = new Lanes(2, 10_000);
    const started: number[] = [];
    const finish: (() => void)[] = [];
    const runs = [0, 1, 2, 3, 4].map((i) => lanes.run(() => new Promise<number>((done) => (started.push(i), finish.push(() => done(i))))));
    await tick(5);
    expect(started).toEqual([0, 1]);
    expect(lanes.waiting).toBe(3);
    finish[1]();
    await tick(5);
    expect(started).toEqual([0, 1, 2]);
    finish[0]();
    finish[2]();
    await tick(5);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    finish[3]();
    finish[4]();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4]);
  });

  it('never starts work in the turn that asked for it: the acknowledgement that turn is finishing goes first', async () => {
    const lanes = new Lanes(2);
    const order: string[] = [];
    const run = lanes.run(async () => void order.push('plan'));
    // Bolt's acknowledgement is a chain of promises in the same turn as the dispatch.
    void (async () => {
      for (let i = 0; i < 20; i++) await Promise.resolve();
      order.push('ack sent');
    })();
    order.push('caller goes on');
    await run;
    expect(order).toEqual(['caller goes on', 'ack sent', 'plan']);
  });

  it('a long run (waiting on AWS) gives its lane back after holdMs instead of starving the queue', async () => {
    // Margins wide enough for a loaded machine (a 5 ms tick can take far longer under load 10): hold 400 ms.
    const lanes = new Lanes(1, 400);
    let release!: () => void;
    const long = lanes.run(() => new Promise<void>((done) => (release = done)));
    let quick = false;
    const next = lanes.run(async () => void (quick = true));
    await tick(5);
    expect(quick).toBe(false);
    await tick(900);
    expect(quick).toBe(true);
    release();
    await Promise.all([long, next]);
  });

  it('a failing piece rejects its caller and frees its lane', async () => {
    const lanes = new Lanes(1, 10_000);
    await expect(lanes.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(lanes.run(async () => 'next')).resolves.toBe('next');
  });
});

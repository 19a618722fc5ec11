import { sharedCredentials } from '../../../../src/cloud/aws/shared-credentials';

/** A role session as STS gives it: new keys on every call, valid for an hour from the (fake) clock. */
function assumeRole(clock: { t: number }, fail: () => boolean = () => false) {
  let n = 0;
  const source = jest.fn(async () => {
    if (fail()) throw Object.assign(new Error('User is not authorized to perform: sts:AssumeRole'), { name: 'AccessDenied' });
    n += 1;
    return { accessKeyId: `ASIA${n}`, secretAccessKey: 's', sessionToken: 't', expiration: new Date(clock.t + 3600_000) };
  });
  return source;
}

describe('sharedCredentials', () => {
  it('hands every caller the keys of one AssumeRole until they near expiry, then assumes the role again', async () => {
    const clock = { t: Date.parse('2026-12-06T10:00:00Z') };
    const source = assumeRole(clock);
    const shared = sharedCredentials(source, { now: () => clock.t });
    expect((await shared()).accessKeyId).toBe('ASIA1');
    clock.t += 49 * 60_000;
    expect((await shared()).accessKeyId).toBe('ASIA1');
    expect(source).toHaveBeenCalledTimes(1);
    // 11 minutes were left, outside the 10-minute margin; at 51 minutes only 9 are: assume again.
    clock.t += 2 * 60_000;
    expect((await shared()).accessKeyId).toBe('ASIA2');
    expect(source).toHaveBeenCalledTimes(2);
  });

  it('callers asking while AssumeRole is in flight share that one call', async () => {
    const clock = { t: 0 };
    const source = assumeRole(clock);
    const shared = sharedCredentials(source, { now: () => clock.t });
    const keys = await Promise.all([shared(), shared(), shared()]);
    expect(keys.map((k) => k.accessKeyId)).toEqual(['ASIA1', 'ASIA1', 'ASIA1']);
    expect(source).toHaveBeenCalledTimes(1);
  });

  it('does not remember a failure: the next call assumes the role again', async () => {
    const clock = { t: 0 };
    let denied = true;
    const source = assumeRole(clock, () => denied);
    const shared = sharedCredentials(source, { now: () => clock.t });
    await expect(shared()).rejects.toThrow('sts:AssumeRole');
    denied = false;
    expect((await shared()).accessKeyId).toBe('ASIA1');
  });

  it('keys without an expiry are kept', async () => {
    const source = jest.fn(async () => ({ accessKeyId: 'AKIA', secretAccessKey: 's' }));
    const shared = sharedCredentials(source);
    await shared();
    await shared();
    expect(source).toHaveBeenCalledTimes(1);
  });
});

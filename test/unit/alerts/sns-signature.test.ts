import { SnsVerifier, snsUrlProblem } from '../../../src/alerts';
import { signedSns, testSigningCert } from '../../helpers/sns';

const { certPem, keyPem } = testSigningCert();
const CERT_URL = 'https://sns.us-east-1.amazonaws.com/SimpleNotificationService-0123456789abcdef.pem';
const TOPIC = 'arn:aws:sns:us-east-1:111111111111:cloudops-alarms';

describe('SNS signature checks', () => {
  it('accepts SignatureVersion 1 and 2 signed with the certificate at an AWS SNS URL, fetching it once', async () => {
    const fetched: string[] = [];
    const verifier = new SnsVerifier({ fetchText: async (url) => (fetched.push(url), certPem) });
    for (const v of ['1', '2'] as const) {
      const m = signedSns(keyPem, { Type: 'Notification', TopicArn: TOPIC, Message: '{}', SigningCertURL: CERT_URL }, v);
      await expect(verifier.verify(m)).resolves.toMatchObject({ SignatureVersion: v });
    }
    expect(fetched).toEqual([CERT_URL]);
  });

  it("refuses a v1 signature presented as v2 (the algorithm is the version's, not the sender's choice)", async () => {
    const verifier = new SnsVerifier({ fetchText: async () => certPem });
    const m = signedSns(keyPem, { Type: 'Notification', TopicArn: TOPIC, Message: '{}', SigningCertURL: CERT_URL }, '1');
    await expect(verifier.verify({ ...m, SignatureVersion: '2' })).rejects.toMatchObject({ status: 403, reason: 'signature' });
  });

  it('does not keep a certificate that could not be fetched: the next message fetches again', async () => {
    let calls = 0;
    const verifier = new SnsVerifier({ fetchText: async () => (++calls === 1 ? Promise.reject(new Error('ECONNRESET')) : certPem) });
    const m = signedSns(keyPem, { Type: 'Notification', TopicArn: TOPIC, Message: '{}', SigningCertURL: CERT_URL });
    await expect(verifier.verify(m)).rejects.toMatchObject({ status: 403, reason: 'cert-fetch' });
    await expect(verifier.verify(m)).resolves.toBeDefined();
    expect(calls).toBe(2);
  });

  it('refuses a certificate outside its validity (the clock is past its end)', async () => {
    const verifier = new SnsVerifier({
      fetchText: async () => certPem,
      now: () => new Date(Date.now() + 10 * 86_400_000),
      maxAgeMs: 100 * 86_400_000,
    });
    const m = signedSns(keyPem, {
      Type: 'Notification',
      TopicArn: TOPIC,
      Message: '{}',
      SigningCertURL: CERT_URL,
      Timestamp: new Date(Date.now() + 10 * 86_400_000).toISOString(),
    });
    await expect(verifier.verify(m)).rejects.toThrow('not valid now');
  });

  it('allows certificate and subscribe URLs only on https://sns.<region>.amazonaws.com (test origins only when handed in)', () => {
    expect(snsUrlProblem(CERT_URL, 'u')).toBeUndefined();
    expect(snsUrlProblem('https://sns.cn-north-1.amazonaws.com.cn/x.pem', 'u')).toBeUndefined();
    expect(snsUrlProblem('http://sns.us-east-1.amazonaws.com/x.pem', 'u')).toContain('https');
    expect(snsUrlProblem('https://sns.us-east-1.amazonaws.com:8443/x.pem', 'u')).toContain('sns.<region>.amazonaws.com');
    expect(snsUrlProblem('https://sns.us-east-1.amazonaws.com.evil.example/x.pem', 'u')).toContain('sns.<region>.amazonaws.com');
    expect(snsUrlProblem('https://evil.example/sns.us-east-1.amazonaws.com/x.pem', 'u')).toContain('sns.<region>.amazonaws.com');
    expect(snsUrlProblem('https://user@sns.us-east-1.amazonaws.com/x.pem', 'u')).toContain('credentials');
    expect(snsUrlProblem('http://127.0.0.1:9/x.pem', 'u')).toContain('https');
    expect(snsUrlProblem('http://127.0.0.1:9/x.pem', 'u', ['http://127.0.0.1:9'])).toBeUndefined();
    expect(snsUrlProblem('not a url', 'u')).toContain('not a URL');
  });
});

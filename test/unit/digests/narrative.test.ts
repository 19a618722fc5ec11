import { PassThrough } from 'node:stream';
import { digestCommand } from '../../../src/cli/digest-command';
import { BedrockNarrator } from '../../../src/cloud/bedrock';
import { SANDBOX_DEMO_CONFIG } from '../../../src/config';
import { checkedSentences, Narrative } from '../../../src/digests';
import { NarrativeCacheRepository, openStoreMigrated } from '../../../src/store';
import { converse, FakeClock, silentLog, testBot } from '../../helpers/bot';
import { ConverseStub } from '../../helpers/converse-stub';

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'not-a-real-secret' };
const MODEL = 'us.amazon.nova-lite-v1:0';

describe('"What stands out" (Bedrock Converse, bounded)', () => {
  let stub: ConverseStub;
  let endpoint: string;
  beforeEach(async () => {
    stub = new ConverseStub();
    endpoint = await stub.start();
  });
  afterEach(() => stub.stop());

  async function narrative(timeoutMs = 2000) {
    const db = await openStoreMigrated(':memory:');
    const narrator = BedrockNarrator.fromOptions(
      { modelId: MODEL, region: 'us-east-1', credentials, maxTokens: 150 },
      { AWS_ENDPOINT_URL_BEDROCK_RUNTIME: endpoint },
    );
    return {
      db,
      n: new Narrative({
        write: (s, t, sig) => narrator.write(s, t, sig),
        model: MODEL,
        cache: new NarrativeCacheRepository(db),
        timeoutMs,
        log: silentLog,
      }),
    };
  }

  it(
    'adds the paragraph from the digest figures, drops a sentence citing a number the ' + 'digest does not have, and caches it by content',
    async () => {
      const bot = await testBot({ config: SANDBOX_DEMO_CONFIG, clock: new FakeClock(new Date('2026-11-22T09:00:00Z')) });
      const digest = (await bot.digests.findings.build()).message;
      stub.reply({
        text:
          'Four MySQL databases left standard support on 2026-07-31. The 49 findings could ' +
          'save $1,178.70 a month. Idle GPUs waste $9,999 a month.',
      });
      const { db, n } = await narrative();
      const told = await n.add(digest);
      expect(told.text).toContain(
        '*What stands out:* Four MySQL databases left standard support on 2026-07-31. The 49 findings could save $1,178.70 a month.',
      );
      expect(told.text).not.toContain('9,999');
      expect(told.context).toContain(`"What stands out" written by ${MODEL} from this digest's figures`);
      const call = stub.calls[0];
      expect(call.path).toContain(`/model/${encodeURIComponent(MODEL)}/converse`);
      expect(call.body.messages![0].content[0].text).toContain('$1,178.70/month');
      expect((call.body as { inferenceConfig?: { maxTokens: number } }).inferenceConfig?.maxTokens).toBe(150);
      await n.add(digest);
      expect(stub.calls).toHaveLength(1);
      await db.close();
      await bot.close();
    },
  );

  it('no answer in time, an error or a refusal: the digest as it was, on time', async () => {
    const digest = { kind: 'digest' as const, header: 'Findings: 3 to act on', text: '3 findings, $12.00/month' };
    stub.reply({ hang: true });
    const { n } = await narrative(300);
    const started = Date.now();
    expect(await n.add(digest)).toEqual(digest);
    expect(Date.now() - started).toBeLessThan(2000);
    stub.reply({ error: 'AccessDeniedException', status: 403 });
    expect(await (await narrative()).n.add(digest)).toEqual(digest);
  });

  it('keeps only sentences whose numbers are all in the digest', () => {
    expect(
      checkedSentences(
        'Spend rose to $3,354. It fell 16.4% since Sat 14 Nov. Costs tripled to $12,000!',
        'Yesterday $3,354, down $660.17 (-16.4%) from Sat 14 Nov',
      ),
    ).toEqual(['Spend rose to $3,354.', 'It fell 16.4% since Sat 14 Nov.']);
  });
});

describe('narrative wired from the config', () => {
  const saved = { ...process.env };
  let stub: ConverseStub;
  beforeEach(async () => {
    stub = new ConverseStub();
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_BEDROCK_RUNTIME: await stub.start(),
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'not-a-real-secret',
      AWS_REGION: 'us-east-1',
    });
  });
  afterEach(async () => {
    process.env = { ...saved };
    await stub.stop();
  });

  it('`narrative.enabled` adds the paragraph to the findings digest in chat; off by default', async () => {
    stub.reply({ text: 'Four MySQL databases left standard support on 2026-07-31.' });
    const on = await testBot({
      config: { ...SANDBOX_DEMO_CONFIG, narrative: { enabled: true, timeout: '3s' } },
      clock: new FakeClock(new Date('2026-11-22T09:00:00Z')),
    });
    expect(await converse(on, ['findings'])).toContain('What stands out: Four MySQL databases left standard support on 2026-07-31.');
    on.close();
    const off = await testBot({ config: SANDBOX_DEMO_CONFIG, clock: new FakeClock(new Date('2026-11-22T09:00:00Z')) });
    expect(await converse(off, ['findings'])).not.toContain('What stands out');
    off.close();
    expect(stub.calls).toHaveLength(1);
  });
});

describe('QA issue 17: the paragraph is whole sentences, never a refusal', () => {
  const digest = 'Findings: 46 to act on, ~$901.70/month to save. 4 high, 4 medium, 38 low.';
  it('a refusal in words (stop reason end_turn) is no paragraph', () => {
    expect(checkedSentences("I'm sorry, but I can't help with that request.", digest)).toEqual([]);
    expect(checkedSentences('I cannot summarise billing data. Please ask your administrator.', digest)).toEqual([]);
    expect(checkedSentences('As an AI, I do not have access to your account.', digest)).toEqual([]);
  });
  it('a last sentence the token budget cut off is dropped, the whole ones kept', () => {
    expect(
      checkedSentences(
        'The 46 findings could save $901.70 a month. Four high findings are MySQL databases that left standard supp',
        digest,
      ),
    ).toEqual(['The 46 findings could save $901.70 a month.']);
    expect(checkedSentences('Four are high (see "the list").', digest)).toEqual(['Four are high (see "the list").']);
  });
});

describe('QA issue 17: `cloudops digest findings --print` carries the paragraph too', () => {
  const saved = { ...process.env };
  let stub: ConverseStub;
  beforeEach(async () => {
    stub = new ConverseStub();
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_BEDROCK_RUNTIME: await stub.start(),
      AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'not-a-real-secret',
      AWS_REGION: 'us-east-1',
    });
  });
  afterEach(async () => {
    process.env = { ...saved };
    await stub.stop();
  });

  it('as the chat digest and `digest cost --print` do; --json stays the bare contract', async () => {
    stub.reply({ text: 'Four MySQL databases left standard support on 2026-07-31.' });
    const bot = await testBot({
      config: { ...SANDBOX_DEMO_CONFIG, narrative: { enabled: true, timeout: '3s' } },
      clock: new FakeClock(new Date('2026-11-22T09:00:00Z')),
    });
    const run = async (json: boolean) => {
      let out = '';
      const output = new PassThrough().on('data', (d) => (out += d.toString()));
      const error = new PassThrough();
      expect(await digestCommand(bot, 'findings', { print: true, json }, { output, error })).toBe(0);
      return out;
    };
    expect(await run(false)).toContain('What stands out: Four MySQL databases left standard support on 2026-07-31.');
    expect(await run(true)).not.toContain('What stands out');
    bot.close();
  });
});

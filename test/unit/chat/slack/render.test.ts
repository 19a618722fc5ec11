import { BLOCK_KIT_LIMITS as LIMITS, renderBlockKit } from '../../../../src/chat/slack';
import type { ChatMessage } from '../../../../src/core/chat';

const texts = (m: ReturnType<typeof renderBlockKit>) =>
  m.blocks
    .flatMap((b: any) => [
      b.text?.text,
      ...(b.fields ?? []).map((f: any) => f.text),
      ...(b.elements ?? []).map((e: any) => e.text?.text ?? e.text),
    ])
    .filter((t): t is string => typeof t === 'string');

describe('Block Kit renderer: Slack limits', () => {
  it('never renders more than 50 blocks, and says the message was cut', () => {
    const m: ChatMessage = {
      kind: 'info',
      header: 'Many fields',
      fields: Array.from({ length: 700 }, (_, i) => ({ label: `f${i}`, value: 'x' })),
      buttons: [{ action: 'approve', label: 'Approve', value: 'r1' }],
      context: ['request r1'],
    };
    const out = renderBlockKit(m);
    expect(out.blocks).toHaveLength(LIMITS.blocks);
    expect(JSON.stringify(out.blocks)).toContain('The rest of this message was cut');
    // The buttons and the context survive the cut.
    expect(out.blocks.at(-2)!.type).toBe('actions');
    expect(out.blocks.at(-1)!.type).toBe('context');
  });

  it('keeps every section text within 3000 characters and each field within 2000', () => {
    const long = 'a'.repeat(10_000);
    const out = renderBlockKit({
      kind: 'info',
      header: 'h'.repeat(400),
      text: `${long}\n${long}`,
      fields: [{ label: 'big', value: long }],
      items: [long, long],
      risk: { level: 'high', reasons: [long] },
    });
    for (const b of out.blocks as any[]) {
      if (b.type === 'header') expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.header);
      if (b.text?.type === 'mrkdwn') expect(b.text.text.length).toBeLessThanOrEqual(LIMITS.section);
      for (const f of b.fields ?? []) expect(f.text.length).toBeLessThanOrEqual(LIMITS.field);
    }
    expect(texts(out).some((t) => t.endsWith('…'))).toBe(true);
  });

  it('splits long text on line breaks into several sections rather than losing it', () => {
    const lines = Array.from({ length: 200 }, (_, i) => `line ${i} ${'x'.repeat(30)}`);
    const out = renderBlockKit({ kind: 'info', text: lines.join('\n') });
    expect(out.blocks.length).toBeGreaterThan(1);
    expect(texts(out).join('\n')).toContain('line 199');
  });

  it('cuts long lists with "and N more"', () => {
    const out = renderBlockKit({ kind: 'info', items: Array.from({ length: 75 }, (_, i) => `item ${i}`) });
    const list = texts(out)[0];
    expect(list.split('\n')).toHaveLength(LIMITS.items + 1);
    expect(list).toContain('• item 19');
    expect(list).not.toContain('item 20\n');
    expect(list).toContain('and 55 more');
  });

  it('shows fewer list items when they are long, so the list still fits one section', () => {
    const out = renderBlockKit({ kind: 'info', items: Array.from({ length: 20 }, (_, i) => `${i} ${'y'.repeat(400)}`) });
    const list = texts(out)[0];
    expect(list.length).toBeLessThanOrEqual(LIMITS.section);
    expect(list).toMatch(/and \d+ more$/);
  });

  it('fits button labels, values and confirm dialogs to their limits', () => {
    const out = renderBlockKit({
      kind: 'plan',
      buttons: [
        {
          action: 'approve',
          label: 'L'.repeat(200),
          value: 'v'.repeat(3000),
          style: 'primary',
          confirm: { title: 'T'.repeat(200), text: 'X'.repeat(500), confirm: 'C'.repeat(50), deny: 'D'.repeat(50) },
        },
      ],
    });
    const button = (out.blocks[0] as any).elements[0];
    expect(button.text.text.length).toBeLessThanOrEqual(75);
    expect(button.value.length).toBe(2000);
    expect(button.confirm.title.text.length).toBeLessThanOrEqual(100);
    expect(button.confirm.text.text.length).toBeLessThanOrEqual(300);
    expect(button.confirm.confirm.text.length).toBeLessThanOrEqual(30);
    expect(button.confirm.style).toBe('danger');
  });

  it('gives each button its own action_id, even several of the same kind', () => {
    const out = renderBlockKit({
      kind: 'clarify',
      buttons: [0, 1, 2].map((i) => ({ action: 'choose' as const, label: `c${i}`, value: `t:${i}` })),
    });
    expect((out.blocks[0] as any).elements.map((e: any) => e.action_id)).toEqual([
      'cloudops:choose:0',
      'cloudops:choose:1',
      'cloudops:choose:2',
    ]);
  });

  it('escapes everything typed; only the people the message names on purpose are live mentions', () => {
    const alice = { platform: 'slack' as const, id: 'U0ALICE', displayName: '<@U0ALICE>' };
    const out = renderBlockKit({
      kind: 'info',
      text: 'stop <script> & "db" for <@U0BOB> <!channel>',
      context: ['asked by <@U0ALICE>'],
      mentions: [alice],
    });
    expect(texts(out)[0]).toBe('stop &lt;script&gt; &amp; "db" for &lt;@U0BOB&gt; &lt;!channel&gt;');
    expect(texts(out)[1]).toBe('asked by <@U0ALICE>');
    // Without `mentions`, a display name is text like any other.
    expect(texts(renderBlockKit({ kind: 'info', text: 'asked by <@U0ALICE>' }))[0]).toBe('asked by &lt;@U0ALICE&gt;');
  });

  it('leaves no typed mention, group, channel, broadcast or link live anywhere on a message', () => {
    const typed = [
      '<@U0VICTIM>',
      '<@W0VICTIM|boss>',
      '<!subteam^S0ONCALL|@oncall>',
      '<!here>',
      '<!channel>',
      '<#C0SECRET|secret>',
      '<https://evil.example/login|Approve here>',
      '<mailto:x@evil.example|mail>',
      '@here',
      '@channel',
      '@everyone',
      'https://evil.example/x',
    ];
    const text = typed.join(' ');
    const out = renderBlockKit({
      kind: 'plan',
      header: text,
      text,
      fields: [{ label: text, value: text }],
      items: [text],
      risk: { level: 'high', reasons: [text] },
      context: [text],
      buttons: [{ action: 'approve', label: 'Approve', value: 'r1', confirm: { title: 'Sure?', text, confirm: 'Yes', deny: 'No' } }],
      textChart: text,
      mentions: [{ platform: 'teams', id: 'U0VICTIM' }],
    });
    const mrkdwn: { text: string; verbatim?: boolean }[] = [];
    JSON.stringify(out.blocks, (_k, v) => {
      if (v && v.type === 'mrkdwn') mrkdwn.push(v);
      return v;
    });
    expect(mrkdwn.length).toBe(7); // risk, text, field, items, chart, context, confirm
    for (const t of [...mrkdwn.map((x) => x.text), out.text]) {
      expect(t).not.toMatch(/<[@!#]|<https?:|<mailto:/);
      expect(t).not.toMatch(/@(here|channel|everyone)\b/);
    }
    // Slack turns bare URLs and @words into links only when a mrkdwn object is not verbatim.
    expect(mrkdwn.every((x) => x.verbatim === true)).toBe(true);
    expect(texts(out)[1]).toContain('&lt;@U0VICTIM&gt; &lt;@W0VICTIM|boss&gt; &lt;!subteam^S0ONCALL|@oncall&gt;');
  });

  it('never cuts an escaped character in half', () => {
    const out = renderBlockKit({ kind: 'info', fields: [{ label: 'v', value: `${'a'.repeat(1994)}&&&&&` }] });
    const field = (out.blocks[0] as any).fields[0].text as string;
    expect(field.length).toBeLessThanOrEqual(2000);
    expect(field).toMatch(/(&amp;)*…$/);
    expect(field).not.toMatch(/&a?m?p?…$/);
  });

  it('puts more than 10 context lines into 10 elements', () => {
    const out = renderBlockKit({ kind: 'info', context: Array.from({ length: 14 }, (_, i) => `c${i}`) });
    const els = (out.blocks[0] as any).elements;
    expect(els).toHaveLength(10);
    expect(els[9].text).toBe('c9 | c10 | c11 | c12 | c13');
  });

  it('shows an image without a text chart by its description', () => {
    const out = renderBlockKit({
      kind: 'digest',
      header: 'Cost',
      image: { png: new Uint8Array([1]), alt: 'spend by day', title: 'Spend' },
    });
    expect(JSON.stringify(out.blocks)).toContain('chart: spend by day');
  });
});

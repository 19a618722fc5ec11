import type { types } from '@slack/bolt';
import type { ChatButton, ChatMessage, RiskLevel } from '../../core';
import { cutList } from '../ChatAdapter';
import { clip, escapeSlack } from './mrkdwn';

type Block = types.KnownBlock;

/** What chat.postMessage / chat.update / chat.postEphemeral take for one neutral message. */
export interface SlackMessage {
  /** Notification and screen-reader text; Slack shows it where blocks cannot be shown. */
  text: string;
  blocks: Block[];
}

/** Block Kit's limits (https://docs.slack.dev/reference/block-kit/blocks). */
export const LIMITS = {
  blocks: 50,
  header: 150,
  section: 3000,
  fields: 10,
  field: 2000,
  actions: 25,
  buttonText: 75,
  buttonValue: 2000,
  contextElements: 10,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  fallback: 300,
  /** Our own: list items shown before "and N more". */
  items: 20,
} as const;

const RISK: Record<RiskLevel, { emoji: string; label: string }> = {
  low: { emoji: ':large_green_circle:', label: 'Low risk' },
  medium: { emoji: ':large_yellow_circle:', label: 'Medium risk' },
  high: { emoji: ':large_orange_circle:', label: 'High risk' },
  critical: { emoji: ':red_circle:', label: 'CRITICAL risk' },
};

const KIND_PREFIX: Partial<Record<ChatMessage['kind'], string>> = {
  refusal: ':no_entry: ',
  error: ':warning: ',
  progress: ':hourglass_flowing_sand: ',
};

/** Every button's action_id starts with this, so one listener catches them all. */
export const ACTION_PREFIX = 'cloudops:';

/**
 * Render one neutral message as Block Kit, within Slack's limits. All text is escaped and every mrkdwn
 * object is `verbatim` (Slack turns no bare URL, channel name or @word into a link or mention); the
 * only live mentions are the people the message names on purpose (`m.mentions`).
 */
export function renderBlockKit(m: ChatMessage): SlackMessage {
  const people = new Set((m.mentions ?? []).filter((u) => u.platform === 'slack').map((u) => u.id));
  const esc = (text: string) => escapeSlack(text, people);
  const body: Block[] = [];
  const prefix = KIND_PREFIX[m.kind] ?? '';
  if (m.header) body.push({ type: 'header', text: { type: 'plain_text', text: clip(m.header, LIMITS.header), emoji: true } });
  if (m.risk) body.push(section(riskText(m.risk.level, m.risk.reasons)));
  if (m.text) for (const chunk of chunks(`${prefix}${esc(m.text)}`, LIMITS.section)) body.push(section(chunk));
  for (let i = 0; i < (m.fields ?? []).length; i += LIMITS.fields) {
    const fields = m.fields!.slice(i, i + LIMITS.fields).map((f) => mrkdwn(clip(`*${esc(f.label)}*\n${esc(f.value)}`, LIMITS.field)));
    body.push({ type: 'section', fields });
  }
  if (m.items?.length) body.push(section(bullets(m.items)));
  if (m.textChart) body.push(section(clip(`\`\`\`${escapeSlack(m.textChart.replace(/```/g, "'''"))}\`\`\``, LIMITS.section)));

  const tail: Block[] = [];
  const buttons = [...(m.buttons ?? []), ...(m.download ? [m.download] : [])];
  if (buttons.length) {
    const elements = buttons.slice(0, LIMITS.actions).map((b, i) => button(b, i));
    tail.push({ type: 'actions', block_id: 'cloudops-actions', elements });
  }
  const context = [...(m.context ?? []), ...(m.image && !m.textChart ? [`chart: ${m.image.alt}`] : [])];
  if (context.length) tail.push(contextBlock(context, esc));

  const room = LIMITS.blocks - tail.length;
  const blocks =
    body.length > room
      ? [...body.slice(0, room - 1), section('_The rest of this message was cut: it is longer than Slack allows._')]
      : body;
  return { text: fallbackText(m, prefix, esc), blocks: [...blocks, ...tail] };
}

/** A mrkdwn text object Slack shows as written: no auto-linking of URLs, channel names or @words. */
function mrkdwn(text: string): types.MrkdwnElement {
  return { type: 'mrkdwn', text, verbatim: true };
}

function section(text: string): types.SectionBlock {
  return { type: 'section', text: mrkdwn(text) };
}

function riskText(level: RiskLevel, reasons: string[]): string {
  const r = RISK[level];
  const lines = cutList(reasons, 10).map((x) => `• ${escapeSlack(x)}`);
  return clip([`${r.emoji} *${r.label}*`, ...lines].join('\n'), LIMITS.section);
}

/** A bulleted list that fits one section: at most LIMITS.items lines, fewer when they are long. */
function bullets(items: string[]): string {
  let shown = Math.min(items.length, LIMITS.items);
  for (;;) {
    const lines = cutList(items, shown).map((x) => `• ${escapeSlack(x)}`);
    const text = lines.join('\n');
    if (text.length <= LIMITS.section || shown <= 1) return clip(text, LIMITS.section);
    shown -= 1;
  }
}

/** Split long text on line breaks into pieces Slack accepts; a single long line is clipped. */
function chunks(text: string, max: number): string[] {
  const out: string[] = [];
  let cur = '';
  for (const line of text.split('\n')) {
    const piece = clip(line, max);
    if (cur && cur.length + 1 + piece.length > max) {
      out.push(cur);
      cur = piece;
    } else {
      cur = cur ? `${cur}\n${piece}` : piece;
    }
  }
  if (cur) out.push(cur);
  return out;
}

function button(b: ChatButton, index: number): types.Button {
  const el: types.Button = {
    type: 'button',
    action_id: `${ACTION_PREFIX}${b.action}:${index}`,
    text: { type: 'plain_text', text: clip(b.label, LIMITS.buttonText), emoji: true },
    value: b.value.slice(0, LIMITS.buttonValue),
  };
  if (b.style) el.style = b.style;
  if (b.confirm) {
    el.confirm = {
      title: { type: 'plain_text', text: clip(b.confirm.title, LIMITS.confirmTitle) },
      text: mrkdwn(clip(escapeSlack(b.confirm.text), LIMITS.confirmText)),
      confirm: { type: 'plain_text', text: clip(b.confirm.confirm, LIMITS.confirmButton) },
      deny: { type: 'plain_text', text: clip(b.confirm.deny, LIMITS.confirmButton) },
      style: 'danger',
    };
  }
  return el;
}

function contextBlock(lines: string[], esc: (text: string) => string): types.ContextBlock {
  const shown =
    lines.length > LIMITS.contextElements
      ? [...lines.slice(0, LIMITS.contextElements - 1), lines.slice(LIMITS.contextElements - 1).join(' | ')]
      : lines;
  return { type: 'context', elements: shown.map((l) => mrkdwn(clip(esc(l), LIMITS.section))) };
}

function fallbackText(m: ChatMessage, prefix: string, esc: (text: string) => string): string {
  const first = m.header ?? m.text?.split('\n')[0] ?? m.items?.[0] ?? m.kind;
  const risk = m.risk ? ` (${RISK[m.risk.level].label})` : '';
  return clip(`${prefix}${esc(first)}${risk}`, LIMITS.fallback);
}

/** ChatMessage -> Adaptive Card (schema 1.5) for Microsoft Teams. Pure: no SDK import here. */
import type { ChatButton, ChatMessage, RiskLevel } from '../../core';
import { cutList } from '../ChatAdapter';

export type CardElement = Record<string, unknown>;

export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: string;
  version: '1.5';
  body: CardElement[];
  actions?: CardElement[];
  refresh?: CardElement;
  msteams?: { width: 'Full' };
}

export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

/**
 * Teams rejects messages above about 28 KB. Cards are cut until their JSON fits this budget, which
 * leaves room for the activity envelope.
 */
export const CARD_BUDGET_BYTES = 20_000;

/** The verb of the hidden refresh action that reveals a private note to its one reader. */
export const NOTE_VERB = 'cloudops.note';

interface Limits {
  items: number;
  fields: number;
  reasons: number;
  textLines: number;
  chars: number;
  imageBytes: number;
}

const ROOMY: Limits = { items: 15, fields: 20, reasons: 8, textLines: 25, chars: 1000, imageBytes: 12_000 };
const TIGHT: Limits = { items: 5, fields: 8, reasons: 3, textLines: 8, chars: 300, imageBytes: 0 };

const RISK_STYLE: Record<RiskLevel, { container: string; color: string; label: string }> = {
  low: { container: 'good', color: 'Good', label: 'Low risk' },
  medium: { container: 'warning', color: 'Warning', label: 'Medium risk' },
  high: { container: 'attention', color: 'Attention', label: 'HIGH RISK' },
  critical: { container: 'attention', color: 'Attention', label: 'CRITICAL RISK' },
};

export interface RenderOptions {
  /** A warning every card carries (the endpoint runs unauthenticated). */
  notice?: string;
}

/** Render one message; long lists are cut with "and N more" until the card fits the budget. */
export function renderAdaptiveCard(m: ChatMessage, options: RenderOptions = {}): AdaptiveCard {
  return withNotice(
    // The "Download CSV" offer is one more button: its click comes back like any other (Action.Execute).
    fit((limits) => withButtons(bodyOf(m, limits), [...(m.buttons ?? []), ...(m.download ? [m.download] : [])], m.kind === 'plan')),
    options,
  );
}

function withNotice(c: AdaptiveCard, options: RenderOptions): AdaptiveCard {
  if (!options.notice) return c;
  return { ...c, body: [...c.body, text(options.notice, { size: 'Small', color: 'Attention', weight: 'Bolder', separator: true })] };
}

/**
 * A notice on top of another card: what the clicker sees when their click is refused, without
 * losing the card they clicked on.
 */
export function renderNoticeOver(notice: ChatMessage, under: ChatMessage, options: RenderOptions = {}): AdaptiveCard {
  return withNotice(
    fit((limits) =>
      withButtons(
        [
          // Refusals and errors come in their own attention container; other notes get a quieter one.
          ...(notice.kind === 'refusal' || notice.kind === 'error'
            ? bodyOf(notice, limits)
            : [{ type: 'Container', style: 'emphasis', items: bodyOf(notice, limits) }]),
          { type: 'Container', separator: true, spacing: 'Medium', items: bodyOf(under, limits) },
        ],
        under.buttons ?? [],
        under.kind === 'plan',
      ),
    ),
    options,
  );
}

/**
 * What everyone in a shared conversation sees of a message meant for one person; that person's
 * Teams client refreshes the card (Universal Actions `refresh` with `userIds`) and gets the note.
 */
export function renderPrivateNotePlaceholder(forName: string, userMri: string, token: string, options: RenderOptions = {}): AdaptiveCard {
  const c = withNotice(card([text(`A note for ${forName}; only they can see it.`, { isSubtle: true, size: 'Small' })], [], false), options);
  c.refresh = { action: { type: 'Action.Execute', title: 'Show', verb: NOTE_VERB, data: { note: token } }, userIds: [userMri] };
  return c;
}

/**
 * A small text file shown inline where Teams cannot take a file (channels, group chats): a multi-line
 * text box holds it exactly as it is (no markdown), ready to select and copy into a spreadsheet.
 */
export function renderInlineFile(title: string, name: string, content: string, options: RenderOptions = {}): AdaptiveCard {
  return withNotice(
    card(
      [
        text(clip(plain(title), 300), { weight: 'Bolder' }),
        { type: 'Input.Text', id: 'file', label: `${name} (select all and copy)`, isMultiline: true, value: content },
      ],
      [],
      true,
    ),
    options,
  );
}

/** A one-line preview for notifications and clients that cannot show cards. */
export function summaryOf(m: ChatMessage): string {
  const first = m.header ?? m.text?.split('\n').find((l) => l.trim()) ?? m.items?.[0] ?? m.kind;
  return clip(plain(first), 200);
}

export function cardBytes(c: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(c), 'utf8');
}

function fit(build: (limits: Limits) => AdaptiveCard): AdaptiveCard {
  const roomy = build(ROOMY);
  if (cardBytes(roomy) <= CARD_BUDGET_BYTES) return roomy;
  const tight = build(TIGHT);
  if (cardBytes(tight) <= CARD_BUDGET_BYTES) return tight;
  // Still too big (hundreds of long buttons?): keep the header and say so, rather than fail to post.
  return card([text('This message was too large for Teams; ask for a narrower answer.', { wrap: true })], [], false);
}

function card(body: CardElement[], actions: CardElement[], wide: boolean): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body,
    ...(actions.length ? { actions } : {}),
    ...(wide ? { msteams: { width: 'Full' as const } } : {}),
  };
}

function bodyOf(m: ChatMessage, limits: Limits): CardElement[] {
  const body: CardElement[] = [];
  if (m.header) body.push(text(clip(plain(m.header), limits.chars), { size: 'Medium', weight: 'Bolder', ...headerColor(m) }));
  if (m.risk) body.push(riskBlock(m.risk.level, m.risk.reasons, limits));
  const lines = (m.text ?? '').split('\n').filter((l) => l.trim());
  for (const line of cutList(lines, limits.textLines))
    body.push(text(clip(markdown(line), limits.chars), { spacing: 'Small', ...(m.kind === 'progress' ? { isSubtle: true } : {}) }));
  if (m.fields?.length) {
    const facts = m.fields
      .slice(0, limits.fields)
      .map((f) => ({ title: noLinks(clip(plain(f.label), 100)), value: noLinks(clip(plain(f.value), limits.chars)) }));
    if (m.fields.length > limits.fields) facts.push({ title: '…', value: `and ${m.fields.length - limits.fields} more` });
    body.push({ type: 'FactSet', facts });
  }
  for (const item of cutList(m.items ?? [], limits.items)) {
    body.push(text(`• ${clip(markdown(item), limits.chars)}`, { spacing: 'None' }));
  }
  const showImage = !!m.image && Math.ceil(m.image.png.length / 3) * 4 <= limits.imageBytes;
  if (m.image && showImage) {
    body.push({
      type: 'Image',
      url: `data:image/png;base64,${Buffer.from(m.image.png).toString('base64')}`,
      altText: clip(m.image.alt, 200),
    });
  } else if (m.image && !m.textChart) {
    body.push(text(`(chart: ${clip(m.image.alt, limits.chars)})`, { isSubtle: true }));
  }
  // The sparkline stands in for the chart; where the chart itself is shown it would say the same twice.
  if (m.textChart && !showImage) body.push(text(clip(m.textChart, limits.chars * 2), { fontType: 'Monospace' }));
  if (m.context?.length)
    body.push(text(clip(plain(m.context.join(' | ')), limits.chars), { size: 'Small', isSubtle: true, spacing: 'Medium' }));
  if (m.kind === 'refusal' || m.kind === 'error') return [{ type: 'Container', style: 'attention', items: body }];
  return body;
}

function headerColor(m: ChatMessage): Record<string, string> {
  if (m.kind === 'result') return { color: /^fail/i.test(m.header ?? '') ? 'Attention' : 'Good' };
  if (m.kind === 'refusal' || m.kind === 'error') return { color: 'Attention' };
  return {};
}

function riskBlock(level: RiskLevel, reasons: string[], limits: Limits): CardElement {
  const style = RISK_STYLE[level];
  return {
    type: 'Container',
    style: style.container,
    spacing: 'Small',
    items: [
      text(style.label, { weight: 'Bolder', color: style.color }),
      ...cutList(reasons, limits.reasons).map((r) => text(`• ${clip(plain(r), limits.chars)}`, { spacing: 'None' })),
    ],
  };
}

/** Teams shows about five actions in a row; more are dropped or cut. */
export const MAX_ACTIONS = 5;
/** A channel message card is about 450 px wide; a title gets its share of that at ~7 px a character. */
const CARD_WIDTH_PX = 450;

/** Would these titles be cut ("Fi…") when they share one row of the card? */
function rowFits(titles: string[]): boolean {
  const room = Math.floor((CARD_WIDTH_PX / Math.max(1, titles.length) - 24) / 7);
  return titles.length <= MAX_ACTIONS && titles.every((t) => t.length <= room);
}

/**
 * The card with its buttons laid out so each can be read: one row of actions when they fit; runs of
 * buttons that differ only by name ("Fix tags: a", "Fix tags: b", …) become one ShowCard with a choice
 * list and a single button; and when the row still would not fit, one button per row in the body.
 */
function withButtons(body: CardElement[], buttons: ChatButton[], wide: boolean): AdaptiveCard {
  const actions = grouped(buttons);
  if (rowFits(actions.map((a) => String(a.title)))) return card(body, actions, wide);
  return card(
    [...body, ...actions.map((a, i) => ({ type: 'ActionSet', actions: [a], ...(i === 0 ? { spacing: 'Medium' } : { spacing: 'Small' }) }))],
    [],
    wide,
  );
}

/** "Fix tags: web-1" -> ["Fix tags", "web-1"]. */
function splitLabel(label: string): [string, string] | undefined {
  const m = /^([^:]{2,30}):\s+(.+)$/.exec(label);
  return m ? [m[1], m[2]] : undefined;
}

function grouped(buttons: ChatButton[]): CardElement[] {
  const out: CardElement[] = [];
  for (let i = 0; i < buttons.length; ) {
    const head = splitLabel(buttons[i].label);
    let j = i + 1;
    while (
      head &&
      j < buttons.length &&
      !buttons[j].confirm &&
      buttons[j].action === buttons[i].action &&
      splitLabel(buttons[j].label)?.[0] === head[0]
    )
      j++;
    if (head && j - i >= 3 && !buttons[i].confirm) {
      out.push(choiceAction(head[0], buttons.slice(i, j)));
      i = j;
    } else {
      out.push(actionOf(buttons[i]));
      i++;
    }
  }
  return out;
}

/**
 * One ShowCard for a run of same-kind buttons: pick the resource by its full name in a list, then one
 * button sends it. The list's id is `value`, so the click carries `{ action, value }` like any button.
 */
function choiceAction(prefix: string, run: ChatButton[]): CardElement {
  const first = run[0];
  const style = first.style === 'primary' ? { style: 'positive' } : first.style === 'danger' ? { style: 'destructive' } : {};
  const data = { action: first.action };
  return {
    type: 'Action.ShowCard',
    title: `${prefix}…`,
    card: {
      type: 'AdaptiveCard',
      body: [
        {
          type: 'Input.ChoiceSet',
          id: 'value',
          label: `${prefix}: which one?`,
          style: 'compact',
          isRequired: true,
          errorMessage: 'Pick one first.',
          value: first.value,
          choices: run.map((b) => ({ title: clip(splitLabel(b.label)![1], 100), value: b.value })),
        },
      ],
      actions: [
        {
          type: 'Action.Execute',
          title: prefix,
          verb: first.action,
          data,
          ...style,
          fallback: { type: 'Action.Submit', title: prefix, data, ...style },
        },
      ],
    },
  };
}

function actionOf(b: ChatButton): CardElement {
  const execute = executeAction(b, b.label);
  if (!b.confirm) return execute;
  // Adaptive Cards have no confirm dialog: a ShowCard asks first, and its button sends the click.
  return {
    type: 'Action.ShowCard',
    title: `${b.label}…`,
    card: {
      type: 'AdaptiveCard',
      body: [text(b.confirm.title, { weight: 'Bolder' }), text(b.confirm.text)],
      actions: [executeAction(b, b.confirm.confirm)],
    },
  };
}

/**
 * Approve, Reject, choices: Universal Actions (`Action.Execute`), so the click comes back as an
 * `adaptiveCard/action` invoke answered with the updated card; `Action.Submit` for older clients.
 * The data carries only what was clicked, never who clicked: identity comes from the activity.
 */
function executeAction(b: ChatButton, title: string): CardElement {
  const style = b.style === 'primary' ? { style: 'positive' } : b.style === 'danger' ? { style: 'destructive' } : {};
  const data = { action: b.action, value: b.value };
  return { type: 'Action.Execute', title, verb: b.action, data, ...style, fallback: { type: 'Action.Submit', title, data, ...style } };
}

function text(value: string, extra: Record<string, unknown> = {}): CardElement {
  return { type: 'TextBlock', text: noLinks(value), wrap: true, ...extra };
}

/**
 * Adaptive Card markdown turns `[label](url)` into a link that shows only its label. The bot writes no
 * such links; text from outside (an alert's reason, a resource's tag) must not become one ("[the runbook]
 * (https://evil…)"). A zero-width space between `]` and `(` leaves the characters as they are, inert.
 */
function noLinks(s: string): string {
  return s.replace(/\]\(/g, ']\u200B(');
}

/** The core writes Slack-like `*bold*` and `code`; Adaptive Card markdown has **bold** and no code spans. */
function markdown(s: string): string {
  return s.replace(/(^|[^*])\*([^*\n]+)\*(?!\*)/g, '$1**$2**').replace(/`([^`\n]*)`/g, '$1');
}

function plain(s: string): string {
  return s.replace(/\*([^*\n]+)\*/g, '$1').replace(/`([^`\n]*)`/g, '$1');
}

function clip(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, Math.max(0, max - 1))}…`;
}

/**
 * Microsoft's own Adaptive Cards renderer (the `adaptivecards` package, what Teams' web client is built
 * on) in node, over a jsdom document: parse a card as Teams would, collect every parse and validation
 * warning, render it, and report each action set as a person would see it.
 */
// jsdom ships no types and the tests compile without the DOM library: the little used here is typed below.
const { JSDOM } = require('jsdom') as { JSDOM: new (html: string, options?: object) => { window: object & { close(): void } } };

interface DomElement {
  querySelector(selector: string): { options: ArrayLike<{ value: string }>; value: string; dispatchEvent(e: unknown): void } | null;
  remove(): void;
}

type AC = typeof import('adaptivecards');
let ac: AC | undefined;
let opened: { window: { close(): void } } | undefined;
const installed: string[] = [];

/** Close the jsdom window and take its globals back (call in afterAll). */
export function closeRenderer(): void {
  opened?.window.close();
  const g = globalThis as Record<string, unknown>;
  for (const key of installed.splice(0)) delete g[key];
  opened = undefined;
  ac = undefined;
}

/** The renderer wants a browser: give it one jsdom window, once. */
function renderer(): AC {
  if (ac) return ac;
  const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
  opened = dom as unknown as { window: { close(): void } };
  const g = globalThis as Record<string, unknown>;
  const win = dom.window as unknown as Record<string, unknown>;
  const names = [
    'document',
    'navigator',
    'Node',
    'Element',
    'Event',
    'KeyboardEvent',
    'MouseEvent',
    'getComputedStyle',
    'DOMParser',
    ...Object.getOwnPropertyNames(win).filter((k) => /^HTML\w*Element$/.test(k)),
  ];
  if (g.window === undefined) (g.window = dom.window), installed.push('window');
  for (const key of names) if (g[key] === undefined) (g[key] = win[key]), installed.push(key);
  // The package's UMD bundle (its lib/ is ES modules, which jest's CommonJS loader cannot take as is).
  ac = require('adaptivecards/dist/adaptivecards.js') as AC;
  // Teams renders markdown in TextBlocks; a plain pass-through stands in (the renderer warns without one).
  ac.AdaptiveCard.onProcessMarkdown = (text, result) => {
    result.outputHtml = text.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!);
    result.didProcess = true;
  };
  return ac;
}

/** Teams' limits: about five actions per set; a message card about 450 px wide in a channel. */
export const TEAMS_MAX_ACTIONS = 5;
export const TEAMS_CARD_WIDTH_PX = 450;

export interface RenderedCard {
  /** Every parse or validation warning, as "<event>: <message>". */
  warnings: string[];
  /** Each action set (the card's, and each ShowCard's), by title, as shown. */
  actionSets: string[][];
  /** The rendered HTML element. */
  element?: unknown;
}

export function renderWithAdaptiveCards(json: unknown): RenderedCard {
  const AC = renderer();
  const card = new AC.AdaptiveCard();
  card.hostConfig = new AC.HostConfig({
    supportsInteractivity: true,
    actions: { maxActions: TEAMS_MAX_ACTIONS, actionsOrientation: 'horizontal', showCard: { actionMode: 'inline' } },
  });
  const context = new AC.SerializationContext();
  card.parse(json as never, context);
  const warnings: string[] = [];
  for (let i = 0; i < context.eventCount; i++) {
    const e = context.getEventAt(i);
    warnings.push(`${AC.ValidationEvent[e.event]}: ${e.message}`);
  }
  const validation = card.validateProperties();
  for (const e of validation.validationEvents) warnings.push(`${AC.ValidationEvent[e.event]}: ${e.message}`);
  const element = card.render();
  if (!element) warnings.push('Render: the card rendered to nothing');
  return { warnings, actionSets: actionSets(json), ...(element ? { element } : {}) };
}

function actionSets(json: unknown): string[][] {
  const sets: string[][] = [];
  const walk = (x: unknown): void => {
    if (Array.isArray(x)) return x.forEach(walk);
    if (!x || typeof x !== 'object') return;
    const o = x as Record<string, unknown>;
    if (Array.isArray(o.actions) && (o.type === 'AdaptiveCard' || o.type === 'ActionSet'))
      sets.push((o.actions as { title?: string }[]).map((a) => a.title ?? ''));
    for (const [k, v] of Object.entries(o)) if (k !== 'fallback') walk(v);
  };
  walk(json);
  return sets;
}

/**
 * Can a person read every title in this set at Teams' width? A horizontal set splits the card's width
 * evenly; at about 7 px a character plus 24 px of padding, longer titles are cut to "Fi…".
 */
export function unreadableTitles(titles: string[], width = TEAMS_CARD_WIDTH_PX): string[] {
  const room = Math.floor((width / Math.max(1, titles.length) - 24) / 7);
  return titles.filter((t) => !t.trim() || t.length > room);
}

/**
 * What a click sends, as the renderer gathers it: open the ShowCard titled `open`, pick choice number
 * `choose` in its list, press its button. Returns the verb and data (inputs merged in, as Teams does).
 */
export function clickInShowCard(json: unknown, open: string, choose: number): { verb?: string; data: Record<string, unknown> } {
  const AC = renderer();
  const card = new AC.AdaptiveCard();
  card.hostConfig = new AC.HostConfig({
    supportsInteractivity: true,
    actions: { maxActions: TEAMS_MAX_ACTIONS, showCard: { actionMode: 'inline' } },
  });
  card.parse(json as never);
  const element = card.render() as unknown as DomElement;
  const dom = globalThis as unknown as {
    document: { body: { appendChild(e: unknown): void } };
    window: { Event: new (type: string) => unknown };
  };
  dom.document.body.appendChild(element);
  let sent: { verb?: string; data: Record<string, unknown> } | undefined;
  card.onExecuteAction = (action) => {
    sent = { verb: (action as { verb?: string }).verb, data: (action as unknown as { data: Record<string, unknown> }).data };
  };
  const show = findAction(card, open) as InstanceType<AC['ShowCardAction']>;
  if (!show) throw new Error(`no action titled ${open}`);
  show.execute();
  const select = element.querySelector('select');
  if (!select) throw new Error('no choice list in that ShowCard');
  // The renderer puts a placeholder option first; count only the real choices.
  const choices = Array.from(select.options).filter((o) => o.value);
  select.value = choices[choose].value;
  select.dispatchEvent(new dom.window.Event('change'));
  show.card.getActionAt(0)!.execute();
  element.remove();
  if (!sent) throw new Error('the button sent nothing');
  return sent;
}

function findAction(card: InstanceType<AC['AdaptiveCard']>, title: string) {
  for (let i = 0; i < card.getActionCount(); i++) if (card.getActionAt(i)?.title === title) return card.getActionAt(i);
  return undefined;
}

import type { ChatCommands, PlanRequest, ReplyWanted } from '../core';
import type { ChatButtonEvent, ChatMessage, ChatPlace, ChatSink, ChatTextEvent } from '../core';
import type { PlaybookCatalog } from '../core';
import type { Resource } from '../core';
import type { Digests } from './Digests';
import type { Digest } from './Digest';
import { failureMessage } from './failure';
import { DIGESTS } from './registry';
import { offenderLine, FIX_PREFIX, SHOW_ALL } from './tagging/tag-message';
import type { TaggedResource } from './tagging/taggable';

/** The catalog playbook "Fix tags" opens, and its parameter names (the public catalog's). */
export const TAG_PLAYBOOK = { id: 'tag-resources', resource: 'resource', tags: 'tags' } as const;

/** "show me the cost digest please": asking for a digest by name, politely or not. */
const ASK = '(?:(?:please|pls|can you|could you)\\s+)?(?:(?:show|post|send|give|run|get)(?:\\s+(?:me|us))?\\s+)?(?:the\\s+|our\\s+)?';
const THANKS = '(?:\\s+(?:please|pls|now))?[.!?]*';
const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+');

/** One pattern per registered kind, from its words: "cost", "show me the cost digest please", ... */
function commandsFor(kinds: Readonly<Record<string, Digest>>): [RegExp, string][] {
  return Object.entries(kinds).map(([kind, d]) => [
    new RegExp(`^${ASK}(?:${d.words.map(escape).join('|')})(?:\\s+digest)?${THANKS}$`, 'i'),
    kind,
  ]);
}

function thread(event: ChatButtonEvent): ChatPlace {
  return { ...event.place, thread: event.place.thread ?? event.message?.id };
}

/** A Resource for the plan: the inventory's when it has one, else built from what the Tagging API said. */
function asResource(r: TaggedResource): Resource {
  return (
    r.resource ?? {
      type: 'taggable',
      id: r.id,
      arn: r.key,
      name: r.name,
      account: r.account,
      ...(r.accountAlias ? { accountAlias: r.accountAlias } : {}),
      region: r.region,
      tags: r.tags,
      facts: {},
    }
  );
}

/**
 * `cost` and `tags` typed in any chat (and `/cloudops cost`, `/cloudops tags`) answer with the digest
 * at once; the tagging digest's buttons list the rest ("Show all") or open the tag-resources playbook
 * prefilled ("Fix tags"), which then goes through the normal plan and approval.
 */
export class DigestCommands implements ChatCommands {
  private readonly commands: [RegExp, string][];

  constructor(private readonly deps: { digests: Digests<string>; catalog: PlaybookCatalog }) {
    this.commands = commandsFor(deps.digests.kinds);
  }

  async onText(event: ChatTextEvent, sink: ChatSink): Promise<boolean> {
    const text = event.text.trim().replace(/^\/?cloudops\s+/i, '');
    const kind = this.commands.find(([re]) => re.test(text))?.[1];
    if (!kind) return false;
    await sink.post(event.place, await this.deps.digests.message(kind, { source: 'chat' }));
    return true;
  }

  async onButton(event: ChatButtonEvent, sink: ChatSink): Promise<boolean | PlanRequest | ReplyWanted> {
    if (event.value === SHOW_ALL) {
      try {
        for (const m of await this.deps.digests.tags.rest()) await sink.post(thread(event), m);
      } catch (e) {
        await sink.post(thread(event), failureMessage('tags', e, undefined, DIGESTS.tags.title));
      }
      return true;
    }
    if (!event.value.startsWith(FIX_PREFIX)) return false;
    return this.fix(event.value.slice(FIX_PREFIX.length), event, sink);
  }

  private async fix(key: string, event: ChatButtonEvent, sink: ChatSink): Promise<boolean | PlanRequest | ReplyWanted> {
    const say = async (m: ChatMessage) => {
      await sink.post(thread(event), m);
      return true;
    };
    const outcome = await this.deps.digests.tags.fix(key);
    if (outcome.kind === 'unknown')
      return say({ kind: 'info', text: `I cannot find ${key} any more; it may have been deleted. Nothing to fix.` });
    if (outcome.kind === 'compliant')
      return say({ kind: 'info', text: `${outcome.resource.name} already follows the tagging policy; nothing to fix.` });
    const { offender, suggestion } = outcome;
    const r = offender.resource;
    const policy = this.deps.digests.tags.policy;
    const missingValues = suggestion.unresolved.map((k) => {
      const rule = policy.config.required.find((x) => x.key === k);
      const hint = rule?.values ? rule.values.join('|') : rule?.pattern ? `value matching ${rule.pattern}` : 'value';
      return `${k}=<${hint}>`;
    });
    const typeIt = `\`tag ${r.name} ${[...Object.entries(suggestion.tags).map(([k, v]) => `${k}=${v}`), ...missingValues].join(' ')}\``;
    if (!this.deps.catalog.get(TAG_PLAYBOOK.id)) {
      return say({
        kind: 'error',
        text:
          `The ${TAG_PLAYBOOK.id} playbook is not loaded, so I cannot open it for ${r.name}. ` +
          `Add it to the playbook folder (playbooks.dir) and restart; ${offenderLine(offender)}` +
          `.`,
      });
    }
    if (!Object.keys(suggestion.tags).length) {
      await say({
        kind: 'info',
        text:
          `${offenderLine(offender)}.\nI cannot tell which values it should have. Reply with ` +
          `them, for example ${typeIt}, and I will plan it.`,
      });
      // A reply with only the values ("owner=ml cost-center=CC-1234") is about this resource.
      return { expects: { playbook: TAG_PLAYBOOK.id, params: { [TAG_PLAYBOOK.resource]: r.resource?.id ?? r.key } } };
    }
    if (suggestion.unresolved.length) {
      await say({
        kind: 'info',
        text:
          `I can fill in ${Object.keys(suggestion.tags).join(', ')} for ${r.name}; ` +
          `${suggestion.unresolved.join(', ')} need a person. After this, reply with ${typeIt} ` +
          `to set the rest.`,
      });
    }
    const tags = suggestion.tags;
    return {
      input: `fix tags on ${r.name}: ${Object.entries(tags)
        .map(([k, v]) => `${k}=${v}`)
        .join(' ')} (${suggestion.because.join('; ')})`,
      playbook: TAG_PLAYBOOK.id,
      params: { [TAG_PLAYBOOK.resource]: asResource(r), [TAG_PLAYBOOK.tags]: tags },
    };
  }
}

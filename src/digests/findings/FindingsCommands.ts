import type { ChatCommands, PlanRequest, ReplyWanted } from '../../core';
import { userKey, type ChatButtonEvent, type ChatMessage, type ChatPlace, type ChatSink, type ChatTextEvent } from '../../core';
import type { PlaybookCatalog } from '../../core';
import type { Resource } from '../../core';
import { resourceKey, RULES } from '../../findings';
import { failureMessage } from '../failure';
import { DIGESTS, type DigestKind } from '../registry';
import type { ResourceSource } from '../tagging/taggable';
import type { FindingsDigest } from './FindingsDigest';
import { FINDING_FIX_PREFIX, FINDINGS_SHOW_ALL, restFindings } from './findings-message';
import type { FindingSnoozes } from './snooze';

const ASK = '(?:(?:please|pls|can you|could you)\\s+)?(?:(?:show|post|send|give|run|get|list)(?:\\s+(?:me|us))?\\s+)?(?:the\\s+|our\\s+)?';
const FINDINGS = new RegExp(`^${ASK}(?:findings|findings digest|recommendations)(?:\\s+(?:please|pls|now))?[.!?]*$`, 'i');
/** `snooze orphan-data [ebs-unattached] [for 30 days | for 2 weeks] because restore test on Friday`. */
const SNOOZE = new RegExp(
  String.raw`^snooze\s+(?:finding(?:s)?\s+(?:on|for)\s+)?(\S+)(?:\s+([a-z0-9]+(?:-[a-z0-9]+)+))` +
    String.raw`?(?:\s+for\s+(\d{1,6})\s+(days?|weeks?))?(?:\s+(?:because|reason:?|:|-)\s*([\s\S]*))` +
    String.raw`?$`,
  'i',
);
/** Anything else that starts with `snooze` / `unsnooze`: answered with how to say it, not guessed at. */
const SNOOZE_WORD = /^(un)?snooze\b/i;
/** `cost top resources last 14 days`, `top resources by cost`, `show the top 5 resources`. */
const TOP_RESOURCES = new RegExp(
  String.raw`^(?:(?:show|give|list)\s+(?:me\s+)?)?(?:the\s+)?(?:cost\s+(?:of\s+)?)?(?:the\s+)` +
    String.raw`?top\s+(?:(\d{1,2})\s+)?(?:most\s+expensive\s+)?resources(?:\s+by\s+cost)?(?:\s+(?:` +
    String.raw`in|over|for)?\s*(?:the\s+)?last\s+14\s+days)?[.!?]*$`,
  'i',
);
/** Digests.ts's CSV_PREFIX (not imported: Digests imports this folder). */
const CSV_VALUE = 'digest:csv:';
const UNSNOOZE = /^unsnooze\s+(\S+)(?:\s+([a-z0-9]+(?:-[a-z0-9]+)+))?\s*$/i;

function thread(event: ChatButtonEvent): ChatPlace {
  return { ...event.place, thread: event.place.thread ?? event.message?.id };
}

/**
 * `findings` in any chat answers with the findings digest; `snooze` / `unsnooze` put a resource's findings
 * aside with a reason (store + audit trail); a Fix button opens the rule's playbook for that resource, which
 * then goes through the normal plan card, risk and approval.
 */
export class FindingsCommands implements ChatCommands {
  constructor(
    private readonly deps: {
      findings: FindingsDigest;
      snoozes: FindingSnoozes;
      catalog: PlaybookCatalog;
      inventory: ResourceSource;
      label?: string;
      topResources?: (top?: number) => Promise<ChatMessage>;
      csv?: (kind: DigestKind) => Promise<{ csv: string; rows: number; name: string }>;
      /** The findings digest as Digests posts it (with the CSV offer and the narrative); the bare digest when left out. */
      digest?: () => Promise<ChatMessage>;
    },
  ) {}

  async onText(event: ChatTextEvent, sink: ChatSink): Promise<boolean> {
    const text = event.text.trim().replace(/^\/?cloudops\s+/i, '');
    if (FINDINGS.test(text)) {
      await sink.post(event.place, await this.digest());
      return true;
    }
    const top = this.deps.topResources ? TOP_RESOURCES.exec(text) : null;
    if (top) {
      await sink.post(event.place, await this.deps.topResources!(top[1] ? Math.max(1, Number(top[1])) : undefined));
      return true;
    }
    const un = UNSNOOZE.exec(text);
    if (un) {
      const out = await this.deps.snoozes.unsnooze({ ref: un[1], rule: un[2], by: userKey(event.user), requestId: event.id });
      await sink.post(event.place, { kind: out.ok ? 'info' : 'error', text: out.text });
      return true;
    }
    const m = SNOOZE.exec(text);
    if (!m) {
      if (!SNOOZE_WORD.test(text)) return false;
      const un = /^un/i.test(text);
      await sink.post(event.place, {
        kind: 'error',
        text: un
          ? 'I did not understand that unsnooze. Say `unsnooze <resource> [<rule>]`, e.g. ' +
            '`unsnooze old-kafka-data-2`; `cloudops findings snoozes` lists what is snoozed. ' +
            'Nothing changed.'
          : 'I did not understand that snooze. Say `snooze <resource> [<rule>] [for N days|' +
            'weeks] because <reason>`, e.g. `snooze old-kafka-data-2 for 2 weeks because restore ' +
            'drill`; the resource is one name or id as the findings digest shows it. Nothing ' +
            'changed.',
      });
      return true;
    }
    const days = m[3] ? Number(m[3]) * (/^w/i.test(m[4]) ? 7 : 1) : undefined;
    const out = await this.deps.snoozes.snooze({
      ref: m[1],
      rule: m[2],
      days,
      reason: m[5] ?? '',
      by: userKey(event.user),
      requestId: event.id,
    });
    await sink.post(event.place, { kind: out.ok ? 'info' : 'error', text: out.text });
    return true;
  }

  private async digest(): Promise<ChatMessage> {
    if (this.deps.digest) return this.deps.digest();
    try {
      return (await this.deps.findings.build()).message;
    } catch (e) {
      return failureMessage('findings', e, this.deps.label);
    }
  }

  async onButton(event: ChatButtonEvent, sink: ChatSink): Promise<boolean | PlanRequest | ReplyWanted> {
    const all = new RegExp(`^${FINDINGS_SHOW_ALL}(?::(\\d{1,3}))?$`).exec(event.value);
    if (all) {
      const report = this.deps.findings.last ?? (await this.deps.findings.report());
      // The digest listed its first `top` findings (the button carries it; 10 on a button from before it did).
      for (const m of restFindings(report, all[1] !== undefined ? Number(all[1]) : 10)) await sink.post(thread(event), m);
      return true;
    }
    if (event.value.startsWith(CSV_VALUE) && this.deps.csv) return this.download(event.value.slice(CSV_VALUE.length), event, sink);
    if (!event.value.startsWith(FINDING_FIX_PREFIX)) return false;
    const rest = event.value.slice(FINDING_FIX_PREFIX.length);
    const cut = rest.indexOf(':');
    const ruleId = rest.slice(0, cut);
    const key = rest.slice(cut + 1);
    const say = async (m: ChatMessage) => {
      await sink.post(thread(event), m);
      return true;
    };
    const rule = RULES.find((r) => r.id === ruleId);
    if (cut < 0 || !rule) return say({ kind: 'error', text: 'That button is not one this bot made; ask for `findings` again.' });
    if (!rule.fix) return say({ kind: 'info', text: `No playbook fixes ${rule.id} findings yet; the digest says what to do.` });
    if (!this.deps.catalog.get(rule.fix.playbook)) {
      return say({
        kind: 'error',
        text:
          `The ${rule.fix.playbook} playbook is not loaded, so I cannot open it. Add it to the ` +
          `playbook folder (playbooks.dir) and restart.`,
      });
    }
    const resource = this.resourceFor(ruleId, key);
    if (!resource)
      return say({
        kind: 'info',
        text: `I cannot find ${key.split('/').pop()} any more; it may have been deleted or changed. Nothing to fix.`,
      });
    return {
      input: `fix finding ${ruleId} on ${resource.name}`,
      playbook: rule.fix.playbook,
      params: { [rule.fix.param]: resource, ...(rule.fix.params ?? {}) },
    };
  }

  /** "Download CSV" under a digest: the rows as a file in the thread (Slack uploads it). */
  private async download(kind: string, event: ChatButtonEvent, sink: ChatSink): Promise<boolean> {
    if (kind !== 'cost' && kind !== 'tags' && kind !== 'findings') return false;
    try {
      const out = await this.deps.csv!(kind);
      await sink.post(thread(event), {
        kind: 'info',
        text: `${DIGESTS[kind].title} as CSV: ${out.rows} row${out.rows === 1 ? '' : 's'} in ${out.name}.`,
        file: { name: out.name, mime: 'text/csv', content: new TextEncoder().encode(out.csv), title: `${DIGESTS[kind].title} (CSV)` },
      });
    } catch (e) {
      await sink.post(thread(event), failureMessage(kind, e, this.deps.label));
    }
    return true;
  }

  /** The resource a Fix button names: the last digest's, else the inventory's (the plan re-reads it from the cloud either way). */
  private resourceFor(rule: string, key: string): Resource | undefined {
    const fromReport = this.deps.findings.last?.findings.find((f) => f.rule === rule && resourceKey(f.resource) === key)?.resource;
    if (fromReport) return fromReport;
    const fromInventory = this.deps.inventory.all().find((r) => r.type !== 'ssm-instance' && resourceKey(r) === key);
    if (fromInventory) return fromInventory;
    // A snapshot is not in the inventory: named by its place and id, and re-read (DescribeSnapshots) by the plan.
    const m = /^(\d{12})\/([a-z0-9-]+)\/(snap-[0-9a-f]+)$/.exec(key);
    if (!m) return undefined;
    const [, account, region, id] = m;
    return {
      type: 'taggable',
      id,
      arn: `arn:aws:ec2:${region}:${account}:snapshot/${id}`,
      name: id,
      account,
      region,
      tags: {},
      facts: { service: 'ec2:snapshot' },
    };
  }
}

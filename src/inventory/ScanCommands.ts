import type { ChatButtonEvent, ChatMessage, ChatSink, ChatTextEvent } from '../core';
import type { ChatCommands } from '../core';
import type { InventoryRefresh } from './InventoryRefresh';
import type { ScanProgress } from './scan-estate';
import { describeScanFailures } from './scan-failures';

const SCAN = /^(scan|rescan|re-scan|(scan|refresh|rescan) (the )?inventory)$/i;

/**
 * `scan` typed in any chat (`/cloudops scan` in Slack, the Teams command list): scan every account x
 * region now, as `cloudops scan` does, and answer with the counts and any failing scans. A scan asked
 * for while another runs joins that one. Read-only: no plan, no approval.
 */
export class ScanCommands implements ChatCommands {
  /** `everyMs`: at most one progress update of the message this often (chat APIs are rate-limited). */
  constructor(private readonly deps: { refresh: InventoryRefresh; label?: string; everyMs?: number; clock?: () => number }) {}

  async onText(event: ChatTextEvent, sink: ChatSink): Promise<boolean> {
    const text = event.text.trim().replace(/^\/?cloudops\s+/i, '');
    if (!SCAN.test(text)) return false;
    // One message, updated as slices finish, and finally with the result (a scan of many accounts takes minutes).
    const context = this.deps.label ? [this.deps.label] : [];
    const ref = await sink.post(event.place, {
      kind: 'progress',
      header: 'Scanning the inventory…',
      text: 'Starting: every account × region × scanner.',
      context,
    });
    const clock = this.deps.clock ?? Date.now;
    const every = this.deps.everyMs ?? 2000;
    let last = clock();
    let updating = Promise.resolve();
    const onProgress = (p: ScanProgress) => {
      if (clock() - last < every || p.done === p.total) return;
      last = clock();
      updating = updating
        .then(() => sink.update(ref, { kind: 'progress', header: 'Scanning the inventory…', text: progressText(p), context }))
        .catch(() => undefined);
    };
    const result = await this.scan(onProgress);
    await updating;
    await sink.update(ref, result);
    return true;
  }

  async onButton(_event: ChatButtonEvent): Promise<boolean> {
    return false;
  }

  private async scan(onProgress?: (p: ScanProgress) => void): Promise<ChatMessage> {
    const context = this.deps.label ? [this.deps.label] : [];
    let seconds: string;
    try {
      const report = await this.deps.refresh.refresh(onProgress);
      seconds = ((report.finishedAt.getTime() - report.startedAt.getTime()) / 1000).toFixed(1);
    } catch (e) {
      return {
        kind: 'error',
        header: 'Inventory scan failed',
        text:
          `The scan could not run: ${(e as Error).message}. The last known inventory is kept; ` +
          `try \`scan\` again, or \`cloudops scan\` on the bot's host for details.`,
        context,
      };
    }
    const inventory = this.deps.refresh.inventory;
    const accounts = new Set(inventory.all().map((r) => r.account)).size;
    const failures = inventory.failures;
    const text = `${inventory.size} resources across ${accounts} account(s), scanned in ${seconds}s.`;
    if (!failures.length) return { kind: 'info', header: 'Inventory scanned', text, context };
    return {
      kind: 'error',
      header: 'Inventory scanned, with failures',
      text: `${text} ${failures.length} scan(s) failed; their last known resources are kept:`,
      items: describeScanFailures(failures),
      context,
    };
  }
}

/** `12 of 18 slices scanned, 340 resources so far, 1 failed (3 s)` */
function progressText(p: ScanProgress): string {
  return (
    `${p.done} of ${p.total} slices scanned, ${p.resources} resources so far` +
    `${p.failed ? `, ${p.failed} failed` : ''} (${Math.round(p.elapsedMs / 1000)} s).`
  );
}

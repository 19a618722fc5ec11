import type { ChatButtonEvent, ChatMessage, ChatSink, ChatTextEvent } from '../core/chat';
import type { ChatCommands } from '../core/commands';
import type { InventoryRefresh } from './InventoryRefresh';
import { describeScanFailures } from './scan-failures';

const SCAN = /^(scan|rescan|re-scan|(scan|refresh|rescan) (the )?inventory)$/i;

/**
 * `scan` typed in any chat (`/cloudops scan` in Slack, the Teams command list): scan every account x
 * region now, as `cloudops scan` does, and answer with the counts and any failing scans. A scan asked
 * for while another runs joins that one. Read-only: no plan, no approval.
 */
export class ScanCommands implements ChatCommands {
  constructor(private readonly deps: { refresh: InventoryRefresh; label?: string }) {}

  async onText(event: ChatTextEvent, sink: ChatSink): Promise<boolean> {
    const text = event.text.trim().replace(/^\/?cloudops\s+/i, '');
    if (!SCAN.test(text)) return false;
    await sink.post(event.place, await this.scan());
    return true;
  }

  async onButton(_event: ChatButtonEvent): Promise<boolean> {
    return false;
  }

  private async scan(): Promise<ChatMessage> {
    const context = this.deps.label ? [this.deps.label] : [];
    let seconds: string;
    try {
      const report = await this.deps.refresh.refresh();
      seconds = ((report.finishedAt.getTime() - report.startedAt.getTime()) / 1000).toFixed(1);
    } catch (e) {
      return { kind: 'error', header: 'Inventory scan failed', text: `The scan could not run: ${(e as Error).message}. The last known inventory is kept; try \`scan\` again, or \`cloudops scan\` on the bot's host for details.`, context };
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

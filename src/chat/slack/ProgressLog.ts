import type { ChatMessage } from '../../core';

export interface ProgressTransport {
  post(channel: string, thread: string, message: ChatMessage): Promise<string>;
  update(channel: string, ts: string, message: ChatMessage): Promise<void>;
}

interface ThreadProgress {
  lines: string[];
  /** ts of the one progress message in this thread, once posted. */
  first?: Promise<string>;
  dirty: boolean;
  flushing?: Promise<void>;
}

/** Lines shown in the progress message; older ones are counted, not shown. */
const SHOWN = 30;
/** Threads remembered at once; the oldest is forgotten first. */
const THREADS = 500;

/**
 * Progress lines for one thread become one message that is edited, not a message per line: a burst of
 * progress costs one chat.postMessage and a few chat.update calls, and while an update is on its way
 * new lines wait and go out together in the next one. Progress never fails the work it reports on.
 */
export class ProgressLog {
  private readonly threads = new Map<string, ThreadProgress>();

  constructor(
    private readonly transport: ProgressTransport,
    private readonly background: (work: Promise<unknown>) => void,
    private readonly warn: (obj: object, msg: string) => void,
  ) {}

  /** Add a line; returns the progress message's ts ('' when it could not be posted). */
  async add(channel: string, thread: string, text: string): Promise<string> {
    const key = `${channel}:${thread}`;
    let p = this.threads.get(key);
    if (!p) {
      p = { lines: [], dirty: false };
      this.threads.set(key, p);
      if (this.threads.size > THREADS) this.threads.delete(this.threads.keys().next().value!);
    }
    p.lines.push(text);
    if (!p.first) {
      const first = this.transport.post(channel, thread, progressMessage(p.lines));
      p.first = first;
      try {
        return await first;
      } catch (e) {
        p.first = undefined;
        this.warn({ channel, thread, err: (e as Error).message }, 'slack progress message not posted; the next line tries again');
        return '';
      }
    }
    let ts: string;
    try {
      ts = await p.first;
    } catch {
      return '';
    }
    p.dirty = true;
    if (!p.flushing) {
      p.flushing = this.flush(channel, ts, p);
      this.background(p.flushing);
    }
    return ts;
  }

  private async flush(channel: string, ts: string, p: ThreadProgress): Promise<void> {
    try {
      while (p.dirty) {
        p.dirty = false;
        try {
          await this.transport.update(channel, ts, progressMessage(p.lines));
        } catch (e) {
          this.warn({ channel, ts, err: (e as Error).message }, 'slack progress update failed; the next line sends it again');
        }
      }
    } finally {
      p.flushing = undefined;
    }
  }
}

export function progressMessage(lines: string[]): ChatMessage {
  const hidden = lines.length - SHOWN;
  const shown = hidden > 0 ? [`(${hidden} earlier line${hidden > 1 ? 's' : ''})`, ...lines.slice(-SHOWN)] : lines;
  return { kind: 'progress', text: shown.join('\n') };
}

import type { webApi } from '@slack/bolt';
import type { ChatMessage, ChatPlace, ChatSink, ChatUser, MessageRef } from '../../core';
import type { Logger } from '../../core';
import { ProgressLog } from './ProgressLog';
import { BACKGROUND, INTERACTIVE, withRateLimitRetry, type RetryBounds } from './rate-limit';
import { renderBlockKit } from './render';

export interface SlackSinkOptions {
  client: webApi.WebClient;
  log: Logger;
  sleep: (ms: number) => Promise<void>;
  /** Work that goes on after a call returns (coalesced progress updates). */
  background: (work: Promise<unknown>) => void;
  /** Told about every thread the bot speaks in, so replies there can be followed. */
  onThread?: (channel: string, threadTs: string) => void;
}

/** Replies we posted, mapped to their thread root (Slack wants the root's ts as thread_ts). */
const REMEMBERED_REPLIES = 5000;

/**
 * How the conversation speaks in Slack: chat.postMessage, chat.update and chat.postEphemeral through
 * the Web API (never response_url, which expires after 30 minutes and five uses).
 */
export class SlackSink implements ChatSink {
  private readonly roots = new Map<string, string>();
  private readonly progress: ProgressLog;

  constructor(private readonly options: SlackSinkOptions) {
    this.progress = new ProgressLog(
      {
        post: (channel, thread, message) => this.postMessage(channel, thread, message, BACKGROUND),
        update: (channel, ts, message) => this.updateMessage(channel, ts, message, BACKGROUND),
      },
      options.background,
      (obj, msg) => options.log.warn(obj, msg),
    );
  }

  async post(place: ChatPlace, message: ChatMessage): Promise<MessageRef> {
    if (message.privateTo) {
      await this.whisper(place, message.privateTo, message);
      return { place, id: '' };
    }
    const thread = this.rootOf(place.channel, place.thread);
    if (message.kind === 'progress' && thread) {
      const id = await this.progress.add(place.channel, thread, message.text ?? '');
      return { place: { ...place, thread }, id };
    }
    const ts = await this.postMessage(place.channel, thread, message, INTERACTIVE);
    if (message.image) await this.upload(place.channel, thread ?? ts, message.image);
    if (message.file) await this.uploadFile(place.channel, thread ?? ts, message.file);
    return { place: { ...place, thread }, id: ts };
  }

  async update(ref: MessageRef, message: ChatMessage): Promise<void> {
    if (!ref.id) return; // an ephemeral message or one that was never posted: nothing to edit
    await this.updateMessage(ref.place.channel, ref.id, message, INTERACTIVE);
  }

  async whisper(place: ChatPlace, user: ChatUser, message: ChatMessage): Promise<void> {
    const thread = this.rootOf(place.channel, place.thread);
    try {
      await this.call('chat.postEphemeral', INTERACTIVE, () =>
        this.options.client.chat.postEphemeral({
          channel: place.channel,
          user: user.id,
          ...(thread ? { thread_ts: thread } : {}),
          ...renderBlockKit(message),
        }),
      );
    } catch (e) {
      // A private note that cannot be shown must not turn into a public error message.
      this.options.log.warn({ channel: place.channel, user: user.id, err: (e as Error).message }, 'slack ephemeral message not delivered');
    }
  }

  private async postMessage(channel: string, thread: string | undefined, message: ChatMessage, bounds: RetryBounds): Promise<string> {
    const res = await this.call('chat.postMessage', bounds, () =>
      this.options.client.chat.postMessage({
        channel,
        ...(thread ? { thread_ts: thread } : {}),
        ...renderBlockKit(message),
        unfurl_links: false,
        unfurl_media: false,
      }),
    );
    const ts = String(res.ts);
    if (thread) this.remember(channel, ts, thread);
    this.options.onThread?.(channel, thread ?? ts);
    return ts;
  }

  private async updateMessage(channel: string, ts: string, message: ChatMessage, bounds: RetryBounds): Promise<void> {
    await this.call('chat.update', bounds, () => this.options.client.chat.update({ channel, ts, ...renderBlockKit(message) }));
  }

  /** A chart: uploaded into the message's thread (files.uploadV2); the text rendering stays in the message. */
  private async upload(channel: string, thread: string, image: NonNullable<ChatMessage['image']>): Promise<void> {
    try {
      await this.call('files.uploadV2', INTERACTIVE, () =>
        this.options.client.filesUploadV2({
          channel_id: channel,
          thread_ts: thread,
          file: Buffer.from(image.png),
          filename: 'chart.png',
          title: image.title,
          alt_text: image.alt,
        }),
      );
    } catch (e) {
      this.options.log.warn(
        { channel, err: (e as Error).message },
        'slack chart upload failed (needs the files:write scope); the text version is in the message',
      );
    }
  }

  /** A file (a digest's CSV): uploaded into the message's thread, like a chart. */
  private async uploadFile(channel: string, thread: string, file: NonNullable<ChatMessage['file']>): Promise<void> {
    try {
      await this.call('files.uploadV2', INTERACTIVE, () =>
        this.options.client.filesUploadV2({
          channel_id: channel,
          thread_ts: thread,
          file: Buffer.from(file.content),
          filename: file.name,
          title: file.title,
        }),
      );
    } catch (e) {
      const err = (e as Error).message;
      this.options.log.warn({ channel, file: file.name, err }, 'slack file upload failed (needs the files:write scope)');
      // The message above promised a file: say in the thread that it did not come, and what to do.
      const why = /missing_scope|not_allowed_token_type|no_permission/.test(err)
        ? 'the Slack app lacks the files:write scope: add it under OAuth & Permissions and reinstall the app'
        : `Slack refused it (${err.replace(/^An API error occurred: /, '')}); click Download CSV to try again`;
      try {
        await this.postMessage(
          channel,
          thread,
          {
            kind: 'error',
            text: `${file.name} was not uploaded: ${why}. Meanwhile \`cloudops digest … --csv FILE\` writes the same rows.`,
          },
          INTERACTIVE,
        );
      } catch (e2) {
        this.options.log.warn({ channel, err: (e2 as Error).message }, 'slack: could not say that the file upload failed');
      }
    }
  }

  private call<T>(method: string, bounds: RetryBounds, call: () => Promise<T>): Promise<T> {
    return withRateLimitRetry(method, call, bounds, this.options.sleep);
  }

  private rootOf(channel: string, thread: string | undefined): string | undefined {
    if (!thread) return undefined;
    return this.roots.get(`${channel}:${thread}`) ?? thread;
  }

  private remember(channel: string, ts: string, root: string): void {
    this.roots.set(`${channel}:${ts}`, root);
    if (this.roots.size > REMEMBERED_REPLIES) this.roots.delete(this.roots.keys().next().value!);
  }
}

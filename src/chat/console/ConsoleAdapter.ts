import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { ChatButton, ChatMessage, ChatPlace, ChatSink, ChatUser, MessageRef } from '../../core';
import type { ChatAdapter, ChatHandler } from '../ChatAdapter';
import { renderConsole } from './render';
import { terminalText } from './terminal-text';

export interface ConsoleOptions {
  input: Readable;
  output: Writable;
  user: string;
  /** Print a prompt (interactive terminals). */
  prompt?: boolean;
  banner?: string;
  /** Runs after the banner and before the first line is read (show what is waiting from before a restart). */
  ready?: () => Promise<void>;
}

/**
 * A chat in the terminal, like Hubot's shell adapter. Lines are messages; `/as <user>` switches who is
 * speaking; a number clicks that button. Input may come from a pipe, one line at a time, in order.
 */
export class ConsoleAdapter implements ChatAdapter {
  readonly platform = 'console' as const;
  private user: string;
  private choices = new Map<number, { button: ChatButton; ref: MessageRef }>();
  private nextMessage = 1;
  private readonly place: ChatPlace = { platform: 'console', channel: 'console' };
  private finished?: Promise<void>;
  private closeInput?: () => void;

  constructor(private readonly options: ConsoleOptions) {
    this.user = options.user;
  }

  /** Every line the console prints goes through here (or `prompt`): nothing reaches the terminal as an escape sequence. */
  private write(text: string): void {
    this.options.output.write(`${terminalText(text)}\n`);
  }

  private speaker(): ChatUser {
    return { platform: 'console', id: this.user, displayName: this.user };
  }

  readonly sink: ChatSink = {
    post: async (place, message) => {
      const ref: MessageRef = { place, id: `m${this.nextMessage++}` };
      this.show(ref, message, place.thread ? '  | ' : '');
      return ref;
    },
    update: async (ref, message) => {
      this.write(`(message ${ref.id} updated)`);
      this.show(ref, message, '');
    },
    whisper: async (_place, user, message) => {
      this.write(`(only ${user.id} sees this)`);
      this.write(renderConsole(message));
    },
  };

  private show(ref: MessageRef, message: ChatMessage, indent: string): void {
    for (const [n, c] of this.choices) if (c.ref.id === ref.id) this.choices.delete(n);
    const first = this.choices.size ? Math.max(...this.choices.keys()) + 1 : 1;
    (message.buttons ?? []).forEach((button, i) => this.choices.set(first + i, { button, ref }));
    this.write(`${indent}${renderConsole(message, first).split('\n').join(`\n${indent}`)}`);
  }

  async start(handler: ChatHandler): Promise<void> {
    if (this.options.banner) this.write(this.options.banner);
    const rl = createInterface({ input: this.options.input, terminal: false });
    this.closeInput = () => rl.close();
    const prompt = () => {
      if (this.options.prompt) this.options.output.write(terminalText(`${this.user}> `));
    };
    let seq = 0;
    // Take the lines from now on (none is lost), but read the first only once `ready` is done.
    const lines = rl[Symbol.asyncIterator]();
    this.finished = (async () => {
      await this.options.ready?.();
      prompt();
      for (let next = await lines.next(); !next.done; next = await lines.next()) {
        const line = (next.value as string).trim();
        seq += 1;
        if (!line) {
          prompt();
          continue;
        }
        if (!this.options.prompt) this.write(`${this.user}> ${line}`);
        const as = /^\/as\s+(\S+)\s*$/.exec(line);
        if (as) {
          this.user = as[1];
          this.write(`(you are now ${this.user})`);
        } else if (/^\/as\b/.test(line)) {
          this.write('usage: /as <user>   (switch who is speaking)');
        } else if (/^(\/quit|\/exit)$/.test(line)) {
          // Stop reading now: an open terminal or pipe must not keep the bot waiting for more input.
          rl.close();
          this.options.input.pause?.();
          (this.options.input as { destroy?: () => void }).destroy?.();
          break;
        } else if (/^\d+$/.test(line)) {
          const choice = this.choices.get(Number(line));
          if (!choice) this.write(`There is no button ${line} on screen.`);
          else
            await handler(
              {
                kind: 'button',
                id: `c${seq}`,
                user: this.speaker(),
                place: choice.ref.place,
                action: choice.button.action,
                value: choice.button.value,
                message: choice.ref,
              },
              this.sink,
            );
        } else {
          await handler(
            {
              kind: 'message',
              id: `c${seq}`,
              user: this.speaker(),
              place: this.place,
              text: line.replace(/^\/cloudops\s+/, ''),
              addressed: true,
            },
            this.sink,
          );
        }
        prompt();
      }
    })();
  }

  /** Resolves when the input ends and every line has been handled. */
  async done(): Promise<void> {
    await this.finished;
  }

  async stop(): Promise<void> {
    this.closeInput?.();
    await this.finished;
  }
}

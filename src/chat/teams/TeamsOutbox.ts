/**
 * Everything the bot sends to Teams goes out here, through stored conversation references
 * (proactive messaging), so posts work outside a turn: progress while an execution runs, digests,
 * and after a restart.
 */
import { randomBytes } from 'node:crypto';
import type { Activity, ConversationReference } from '@microsoft/agents-activity';
import { CloudAdapter, type TurnContext } from '@microsoft/agents-hosting';
import type { ChatMessage, ChatPlace, ChatSink, ChatUser, MessageRef } from '../../core';
import type { ConversationState, Logger } from '../../core';
import { conversationKind, placeOf } from './activity';
import { FileOffers, INLINE_FILE_MAX_BYTES, type ChatFile } from './FileOffers';
import { Recent } from './Recent';
import {
  ADAPTIVE_CARD_CONTENT_TYPE,
  renderAdaptiveCard,
  renderInlineFile,
  renderPrivateNotePlaceholder,
  summaryOf,
  type AdaptiveCard,
  type RenderOptions,
} from './render';
import type { ConversationReferenceStore } from '../ConversationReferences';
import { serviceOrigin } from './trust';

export type { ConversationReferenceStore };

export class NoConversationReferenceError extends Error {
  constructor(channel: string) {
    super(
      `Teams conversation ${channel} is unknown to this bot: add the bot to that team, ` +
        `chat or channel (or send it a message there) once, then try again.`,
    );
    this.name = 'NoConversationReferenceError';
  }
}

/** An activity that would move a known conversation's replies to another host; it is refused. */
export class ServiceUrlRedirectError extends Error {
  constructor(channel: string, from: string | undefined, to: string | undefined) {
    super(`teams conversation ${channel} is served by ${from}; an activity naming ${to} cannot move it`);
    this.name = 'ServiceUrlRedirectError';
  }
}

export interface PrivateNote {
  mri: string;
  message: ChatMessage;
}

export class TeamsOutbox {
  /** Reference JSON last saved per channel, to skip identical writes. */
  private readonly saved = new Recent<string, string>(2000);
  /** Channel messages: the thread root each message lives under. */
  private readonly roots = new Recent<string, string>(5000);
  /** The last message rendered into each posted activity (for refusals shown on top of it). */
  private readonly cards = new Recent<string, ChatMessage>(500);
  /** Entra ID object id -> Teams user id (29:…), learned from incoming activities. */
  private readonly mris = new Recent<string, string>(5000);
  private readonly notes = new Recent<string, PrivateNote>(1000);
  /** Files offered in personal chats, waiting for the person's consent. */
  readonly files: FileOffers;

  constructor(
    private readonly cloud: CloudAdapter,
    private readonly appId: string,
    private readonly references: ConversationReferenceStore,
    private readonly log?: Logger,
    /** Rendering for every card this bot sends (the unauthenticated-mode warning). */
    private readonly render: RenderOptions = {},
    offers?: ConversationState,
  ) {
    this.files = new FileOffers(offers);
  }

  readonly sink: ChatSink = {
    post: (place, message) => this.post(place, message),
    update: (ref, message) => this.update(ref, message),
    whisper: (place, user, message) => this.whisper(place, user, message).then(() => undefined),
  };

  /**
   * Would this activity move a known conversation to another service host? Checked before anything
   * from it is learnt or handled: otherwise one message with a new serviceUrl would redirect every
   * later post and card update for that conversation (and the bot's token) to a host of the sender's
   * choosing.
   */
  async redirects(a: Partial<Activity>): Promise<ServiceUrlRedirectError | undefined> {
    const place = placeOf(a);
    if (!place.channel || !a.serviceUrl) return undefined;
    const stored = await this.references.get('teams', place.channel);
    if (!stored) return undefined;
    // Scheme too: http://host:port and https://host:port are different services (and a TLS handshake with a plain one wedges every post).
    const [was, now] = [serviceOrigin(stored.serviceUrl), serviceOrigin(a.serviceUrl)];
    return was === now ? undefined : new ServiceUrlRedirectError(place.channel, was, now);
  }

  /** Learn from an incoming activity: where to post back, and who is who. */
  async remember(a: Activity, user?: ChatUser): Promise<void> {
    const place = placeOf(a);
    if (!place.channel || !a.serviceUrl) return;
    if (await this.redirects(a)) return;
    if (a.from?.aadObjectId && a.from.id) this.mris.set(a.from.aadObjectId.toLowerCase(), a.from.id);
    if (user && a.from?.id && user.id.startsWith('bf:')) this.mris.set(user.id, a.from.id);
    if (place.thread) {
      this.roots.set(place.thread, place.thread);
      // A click on a card in a thread names the thread: progress for that card goes there, also after a restart.
      if (a.replyToId) this.roots.set(a.replyToId, place.thread);
    }
    const ref = a.getConversationReference() as Partial<ConversationReference>;
    const reference = JSON.parse(JSON.stringify({ ...ref, conversation: { ...ref.conversation!, id: place.channel } })) as Record<
      string,
      unknown
    >;
    delete reference.activityId;
    delete reference.user;
    const json = JSON.stringify(reference);
    if (this.saved.get(place.channel) === json) return;
    const channelData = a.channelData as { team?: { name?: string }; channel?: { name?: string } } | undefined;
    const name = [channelData?.team?.name, channelData?.channel?.name ?? a.conversation?.name].filter(Boolean).join(' / ') || undefined;
    const known = this.saved.has(place.channel);
    await this.references.save('teams', place.channel, reference, { kind: conversationKind(a), ...(name ? { name } : {}) });
    this.saved.set(place.channel, json);
    if (!known) this.log?.info({ channel: place.channel, kind: conversationKind(a), name }, 'teams conversation registered');
  }

  async forget(channel: string): Promise<void> {
    this.saved.delete(channel);
    await this.references.remove?.('teams', channel);
  }

  lastCard(messageId: string): ChatMessage | undefined {
    return this.cards.get(messageId);
  }

  note(token: string): PrivateNote | undefined {
    return this.notes.get(token);
  }

  async post(place: ChatPlace, message: ChatMessage): Promise<MessageRef> {
    if (message.privateTo) return { place, id: await this.whisper(place, message.privateTo, message) };
    if (message.file) return this.postWithFile(place, message, message.file);
    const id = await this.send(place, cardActivity(renderAdaptiveCard(message, this.render), summaryOf(message)));
    this.cards.set(id, message);
    return { place, id };
  }

  /**
   * A message with a file: in a personal chat the message, then a file consent card (the file follows
   * when the person allows it); elsewhere Teams takes no file from a bot, so a small text file is shown
   * inline and a bigger one is explained.
   */
  private async postWithFile(place: ChatPlace, message: ChatMessage, file: ChatFile): Promise<MessageRef> {
    const { file: _, ...rest } = message;
    const { kind } = await this.target(place);
    if (kind === 'personal') {
      const ref = await this.post(place, {
        ...rest,
        context: [...(rest.context ?? []), 'Allow the file below to save it to your OneDrive.'],
      });
      await this.send(place, await this.files.offer(place.channel, file));
      return ref;
    }
    const inline = file.mime.startsWith('text/') && file.content.length <= INLINE_FILE_MAX_BYTES;
    const why =
      `Teams lets a bot send a file only in a personal chat: ask me there and click ` +
      `Download CSV, or use \`cloudops digest … --csv FILE\`.`;
    const ref = await this.post(place, {
      ...rest,
      text: [
        rest.text,
        inline
          ? `${why} It is small, so here it is to copy.`
          : `${why} (${file.name} is ${file.content.length} bytes, too big to show here.)`,
      ]
        .filter(Boolean)
        .join('\n'),
    });
    if (inline) {
      const content = new TextDecoder().decode(file.content);
      await this.send(place, cardActivity(renderInlineFile(file.title, file.name, content, this.render), file.title));
    }
    return ref;
  }

  async update(ref: MessageRef, message: ChatMessage): Promise<void> {
    const { reference } = await this.target(ref.place);
    this.cards.set(ref.id, message);
    await this.proactive(reference, async (ctx) => {
      await ctx.updateActivity({ ...cardActivity(renderAdaptiveCard(message, this.render), summaryOf(message)), id: ref.id } as Activity);
    });
  }

  /**
   * A message only `user` sees. In a personal chat that is any message; in a channel or group chat
   * everyone sees a placeholder whose Universal Actions refresh (userIds = that user) shows the
   * note to them alone.
   */
  async whisper(place: ChatPlace, user: ChatUser, message: ChatMessage): Promise<string> {
    const { kind } = await this.target(place);
    const plain: ChatMessage = { ...message, privateTo: undefined };
    if (kind === 'personal') return (await this.post(place, plain)).id;
    const mri = this.mris.get(user.id);
    if (!mri) {
      // Never seen this person since start-up (no Teams id to address): say it openly rather than lose it.
      return (await this.post(place, { ...plain, context: [...(plain.context ?? []), `for ${user.displayName ?? user.id}`] })).id;
    }
    const token = randomBytes(9).toString('base64url');
    this.notes.set(token, { mri, message: plain });
    return this.send(
      place,
      cardActivity(
        renderPrivateNotePlaceholder(user.displayName ?? 'one person', mri, token, this.render),
        `A note for ${user.displayName ?? 'one person'}`,
      ),
    );
  }

  /** Post an activity the outbox did not render (a file info card). */
  async sendActivity(place: ChatPlace, activity: Partial<Activity>): Promise<string> {
    return this.send(place, activity);
  }

  private async send(place: ChatPlace, activity: Partial<Activity>): Promise<string> {
    const { reference, kind, root } = await this.target(place);
    let id = '';
    await this.proactive(reference, async (ctx) => {
      id = (await ctx.sendActivity(activity as Activity))?.id ?? '';
    });
    if (id && kind === 'channel') this.roots.set(id, root ?? id);
    return id;
  }

  /**
   * One proactive turn. Errors are rethrown to the caller (the adapter's onTurnError would swallow
   * them), so a post that did not reach Teams never looks like one that did.
   */
  private async proactive(reference: Partial<ConversationReference>, work: (ctx: TurnContext) => Promise<void>): Promise<void> {
    let failure: unknown;
    // Without an app id (loopback test mode) an empty identity makes the SDK post without a token.
    const identity = this.appId ? CloudAdapter.createIdentity(this.appId) : {};
    await this.cloud.continueConversation(identity, reference as ConversationReference, async (ctx) => {
      // The SDK gives the continuation activity a random id, which would make every post a "reply" to
      // a message that does not exist; without it, posts go to the conversation (or thread) itself.
      ctx.activity.id = undefined;
      try {
        await work(ctx);
      } catch (e) {
        failure = e;
      }
    });
    if (failure) throw failure;
  }

  /** The stored reference for a place, addressed to the right channel thread. */
  private async target(place: ChatPlace): Promise<{ reference: Partial<ConversationReference>; kind: string; root?: string }> {
    const raw = await this.references.get('teams', place.channel);
    // References saved by botbuilder name the bot `bot`; the Agents SDK calls it `agent`.
    const stored = (raw && !raw.agent && raw.bot ? { ...raw, agent: raw.bot } : raw) as Partial<ConversationReference> | undefined;
    if (!stored?.conversation || !stored.serviceUrl) throw new NoConversationReferenceError(place.channel);
    const kind = stored.conversation.conversationType ?? 'personal';
    // Only channels have threads; a reply's id is mapped to the root of the thread it sits in.
    const root = kind === 'channel' && place.thread ? (this.roots.get(place.thread) ?? place.thread) : undefined;
    const id = root ? `${place.channel};messageid=${root}` : place.channel;
    return { reference: { ...stored, conversation: { ...stored.conversation, id } }, kind, root };
  }
}

function cardActivity(card: AdaptiveCard, summary: string): Partial<Activity> {
  return { type: 'message', summary, attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card }] } as Partial<Activity>;
}

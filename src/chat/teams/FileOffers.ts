/**
 * Files in Teams (a digest's CSV). Teams lets a bot send a file only in a personal chat, and only with
 * the person's consent (Microsoft Learn, "Send and receive files using bot": the Teams bot APIs work in
 * the personal scope only; the manifest sets `supportsFiles`). The flow:
 *
 * 1. the bot posts a file consent card (name, size, accept/decline context);
 * 2. on Allow, Teams creates the file in the person's OneDrive and sends the bot a `fileConsent/invoke`
 *    with an upload URL (on Decline, the same invoke with `action: decline`);
 * 3. the bot PUTs the bytes to that URL and posts a file info card that opens the file.
 *
 * In a channel or group chat a bot cannot upload at all (only through Graph and SharePoint, which this
 * bot does not use): a small text file is shown inline for copying, a bigger one is explained.
 * Offers are kept in the store's conversation state for a day (every replica, and this one after a restart,
 * can answer the consent), or in this process's memory when no store is given (tests, the library used alone).
 */
import { randomBytes } from 'node:crypto';
import type { Activity } from '@microsoft/agents-activity';
import { MemoryConversationState, type ChatMessage, type ConversationState } from '../../core';

export const FILE_CONSENT_CONTENT_TYPE = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO_CONTENT_TYPE = 'application/vnd.microsoft.teams.card.file.info';
/** A text file up to this size is shown inline where Teams cannot take a file (channels, group chats). */
export const INLINE_FILE_MAX_BYTES = 4000;

export type ChatFile = NonNullable<ChatMessage['file']>;

/** What Teams puts in a `fileConsent/invoke` activity's value. */
export interface FileConsentAnswer {
  action: 'accept' | 'decline';
  token?: string;
  uploadInfo?: { name?: string; uploadUrl?: string; contentUrl?: string; uniqueId?: string; fileType?: string };
}

export function fileConsentAnswer(value: unknown): FileConsentAnswer | undefined {
  const v = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  if (v.action !== 'accept' && v.action !== 'decline') return undefined;
  const context = (v.context && typeof v.context === 'object' ? v.context : {}) as Record<string, unknown>;
  const info = (v.uploadInfo && typeof v.uploadInfo === 'object' ? v.uploadInfo : undefined) as FileConsentAnswer['uploadInfo'];
  return {
    action: v.action,
    ...(typeof context.offer === 'string' ? { token: context.offer } : {}),
    ...(info ? { uploadInfo: info } : {}),
  };
}

/** How long a consent card stays answerable: Teams keeps the card in the chat; a day later the offer has expired. */
export const FILE_OFFER_TTL_MS = 24 * 60 * 60 * 1000;

/** An offer as kept in the store (JSON): the file's bytes in base64. */
interface StoredOffer {
  channel: string;
  file: Omit<ChatFile, 'content'> & { content: string };
}

export class FileOffers {
  private readonly state: ConversationState;

  /** `state`: the store's conversation state; this process's memory (200 offers) when left out. */
  constructor(state?: ConversationState) {
    this.state = state ?? new MemoryConversationState(undefined, 200);
  }

  /** The consent card activity for `file`, remembered under a fresh token. */
  async offer(channel: string, file: ChatFile): Promise<Partial<Activity>> {
    const token = randomBytes(9).toString('base64url');
    const stored: StoredOffer = { channel, file: { ...file, content: Buffer.from(file.content).toString('base64') } };
    await this.state.put('file-offer', token, stored, FILE_OFFER_TTL_MS);
    const context = { offer: token };
    return {
      type: 'message',
      summary: `File: ${file.name}`,
      attachments: [
        {
          contentType: FILE_CONSENT_CONTENT_TYPE,
          name: file.name,
          content: { description: file.title, sizeInBytes: file.content.length, acceptContext: context, declineContext: context },
        },
      ],
    } as Partial<Activity>;
  }

  /**
   * The offer a consent answer names, once: a second answer to the same card finds nothing (of two replicas
   * given the same answer, one gets it). An answer from another conversation gets nothing and uses nothing up.
   */
  async take(token: string | undefined, channel: string): Promise<ChatFile | undefined> {
    if (!token) return undefined;
    const seen = await this.state.get<StoredOffer>('file-offer', token);
    if (!seen || seen.channel !== channel) return undefined;
    const offer = await this.state.take<StoredOffer>('file-offer', token);
    if (!offer) return undefined;
    return { ...offer.file, content: new Uint8Array(Buffer.from(offer.file.content, 'base64')) };
  }
}

/** Put the bytes into the file Teams created (an upload session URL: one PUT with the whole range). */
export async function uploadFile(uploadUrl: string, content: Uint8Array): Promise<void> {
  const res = await fetch(uploadUrl, {
    method: 'PUT',
    headers: { 'content-type': 'application/octet-stream', 'content-range': `bytes 0-${content.length - 1}/${content.length}` },
    body: content,
    signal: AbortSignal.timeout(10_000),
  });
  if (!res.ok) throw new Error(`the upload URL answered HTTP ${res.status}`);
}

/** The card that shows the uploaded file in the chat (opens it from OneDrive). */
export function fileInfoActivity(info: NonNullable<FileConsentAnswer['uploadInfo']>): Partial<Activity> {
  return {
    type: 'message',
    attachments: [
      {
        contentType: FILE_INFO_CONTENT_TYPE,
        contentUrl: info.contentUrl,
        name: info.name,
        content: { uniqueId: info.uniqueId, fileType: info.fileType },
      },
    ],
  } as Partial<Activity>;
}

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
 * Offers are kept in this process's memory: one that a restart (or another replica) lost says so.
 */
import { randomBytes } from 'node:crypto';
import type { Activity } from '@microsoft/agents-activity';
import type { ChatMessage } from '../../core';
import { Recent } from './Recent';

export const FILE_CONSENT_CONTENT_TYPE = 'application/vnd.microsoft.teams.card.file.consent';
export const FILE_INFO_CONTENT_TYPE = 'application/vnd.microsoft.teams.card.file.info';
/** A text file up to this size is shown inline where Teams cannot take a file (channels, group chats). */
export const INLINE_FILE_MAX_BYTES = 4000;

export type ChatFile = NonNullable<ChatMessage['file']>;

interface Offer {
  /** The conversation the consent card was posted in: an answer from anywhere else does not get the file. */
  channel: string;
  file: ChatFile;
}

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

export class FileOffers {
  private readonly pending = new Recent<string, Offer>(200);

  /** The consent card activity for `file`, remembered under a fresh token. */
  offer(channel: string, file: ChatFile): Partial<Activity> {
    const token = randomBytes(9).toString('base64url');
    this.pending.set(token, { channel, file });
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

  /** The offer a consent answer names, once: a second answer to the same card finds nothing. */
  take(token: string | undefined, channel: string): ChatFile | undefined {
    const offer = token ? this.pending.get(token) : undefined;
    if (!offer || offer.channel !== channel) return undefined;
    this.pending.delete(token!);
    return offer.file;
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

/**
 * Where a platform keeps the addresses it needs to post without an incoming event (proactive posts:
 * digests, progress after a restart). The store's ConversationReferenceRepository fits.
 */
export interface ConversationReferenceStore {
  save(
    platform: string,
    channel: string,
    reference: Record<string, unknown>,
    meta?: { name?: string; kind?: string },
  ): void | Promise<void>;
  get(platform: string, channel: string): Record<string, unknown> | undefined | Promise<Record<string, unknown> | undefined>;
  remove?(platform: string, channel: string): boolean | Promise<boolean>;
}

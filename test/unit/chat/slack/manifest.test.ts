import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { parseConfig } from '../../../../src/config';

/** The app manifest asks for what the code uses, no more and no less. */
const ROOT = resolve(__dirname, '../../../..');
const manifest = parse(readFileSync(resolve(ROOT, 'manifests/slack-app.yaml'), 'utf8'));
const source = readdirSync(resolve(ROOT, 'src/chat/slack'))
  .map((f) => readFileSync(resolve(ROOT, 'src/chat/slack', f), 'utf8'))
  .join('\n');

/** Each scope, and the code that needs it. */
const NEEDED_BY: Record<string, RegExp> = {
  commands: /app\.command\(/,
  'chat:write': /client\.chat\.(postMessage|update|postEphemeral)\(/,
  'chat:write.public': /client\.chat\.postMessage\(/,
  'app_mentions:read': /app\.event\('app_mention'/,
  'im:history': /app\.event\('message'/,
  'channels:history': /app\.event\('message'/,
  'groups:history': /app\.event\('message'/,
  'usergroups:read': /client\.usergroups\.users\.list\(/,
  'files:write': /client\.filesUploadV2\(/,
};

describe('manifests/slack-app.yaml', () => {
  it('asks only for bot scopes the code uses, and for every one it uses', () => {
    const scopes: string[] = manifest.oauth_config.scopes.bot;
    expect([...scopes].sort()).toEqual(Object.keys(NEEDED_BY).sort());
    for (const scope of scopes) expect([scope, NEEDED_BY[scope].test(source)]).toEqual([scope, true]);
  });

  it('registers the slash command the bot listens for', () => {
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual([
      parseConfig({ slack: {} }).slack!.command,
    ]);
  });

  it('subscribes to the events the adapter handles, with interactivity and Socket Mode on', () => {
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(['app_mention', 'message.im', 'message.channels', 'message.groups']);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.features.app_home.messages_tab_enabled).toBe(true);
  });
});

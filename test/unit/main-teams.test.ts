import { HttpServer } from '../../src/chat';
import { ConfigError } from '../../src/config';
import { startChat, startTeams, type Bot } from '../../src/main';
import { testBot } from '../helpers/bot';

describe('wiring Teams into `cloudops start`', () => {
  let bot: Bot;
  afterEach(() => bot?.close());

  it('no teams section: nothing to serve', async () => {
    bot = await testBot();
    expect(await startChat(bot, { env: {} })).toBeUndefined();
  });

  it('refuses an unauthenticated endpoint in front of real AWS unless told otherwise', async () => {
    bot = await testBot({ config: { sandbox: {}, teams: { port: 0 } } });
    const onAws = { ...bot, provider: { ...bot.provider, kind: 'aws' } } as unknown as Bot;
    await expect(startTeams(onAws, new HttpServer(), {})).rejects.toThrow(ConfigError);
    await expect(startTeams(onAws, new HttpServer(), {})).rejects.toThrow(/anyone approve changes/);
    const allowed = { ...onAws, config: { ...bot.config, teams: { ...bot.config.teams!, allowUnauthenticated: true } } } as Bot;
    const adapter = await startTeams(allowed, new HttpServer(), {});
    expect(adapter.authenticated).toBe(false);
    await adapter.stop();
  });

  it('credential problems become config errors naming the variable', async () => {
    bot = await testBot({ config: { sandbox: {}, teams: { port: 0 } } });
    await expect(startTeams(bot, new HttpServer(), { MICROSOFT_APP_ID: '11111111-2222-4333-8444-555555555555' })).rejects.toThrow(/teams: MICROSOFT_APP_ID is set but there is no secret/);
  });

  it('a port already in use is named, with what to change', async () => {
    bot = await testBot({ config: { sandbox: {}, teams: { port: 0, host: '127.0.0.1' } } });
    const first = (await startChat(bot, { env: {} }))!;
    const clash = { ...bot, config: { ...bot.config, teams: { ...bot.config.teams!, port: first.port } } } as Bot;
    await expect(startChat(clash, { env: {} })).rejects.toThrow(/already in use; choose another `teams.port`/);
    await first.stop();
  });
});

import { createServer } from 'node:net';
import { HttpServer } from '../../src/chat';
import { ConfigError } from '../../src/config';
import { chatPlatforms, hasChatPlatforms, startChat, startTeams, type Bot } from '../../src/main';
import { silentLog, testBot } from '../helpers/bot';

describe('wiring Teams into `cloudops start`', () => {
  let bot: Bot;
  afterEach(() => bot?.close());

  it('no teams section: nothing to serve', async () => {
    bot = await testBot();
    expect(hasChatPlatforms(chatPlatforms(bot.config, {}))).toBe(false);
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

  it('credential problems stop the start before anything is scanned, like Slack tokens', async () => {
    bot = await testBot({ config: { sandbox: {}, teams: { port: 0 } } });
    expect(() => chatPlatforms(bot.config, { MICROSOFT_APP_ID: '11111111-2222-4333-8444-555555555555' })).toThrow(new ConfigError('teams: MICROSOFT_APP_ID is set but there is no secret: set MICROSOFT_APP_PASSWORD (client secret), or a certificate, or MICROSOFT_APP_TYPE=UserAssignedMSI on Azure.'));
    expect(() => chatPlatforms(bot.config, { MICROSOFT_APP_PASSWORD: 'not-shown' })).toThrow(/teams: a Teams password or certificate is set but MICROSOFT_APP_ID is not/);
    expect(chatPlatforms(bot.config, {}).teams?.config.port).toBe(0);
  });

  it('answers /healthz on CLOUDOPS_HEALTH_PORT too when Teams listens on another port (the container health check)', async () => {
    bot = await testBot({ config: { sandbox: {}, teams: { port: 0, host: '127.0.0.1' } } });
    const free = await new Promise<number>((done) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => done(port));
      });
    });
    const running = await startChat(bot, chatPlatforms(bot.config, {}), { log: silentLog, env: { CLOUDOPS_HEALTH_PORT: String(free) } });
    try {
      expect(running.healthPort).toBe(free);
      expect(running.httpPort).not.toBe(free);
      for (const port of [running.httpPort, free]) {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({ ok: true, platforms: ['teams'] });
      }
      // Only /healthz there: the Teams endpoint stays on the Teams port.
      expect((await fetch(`http://127.0.0.1:${free}/api/messages`, { method: 'POST', body: '{}' })).status).toBe(404);
    } finally {
      await running.stop();
    }
    await expect(fetch(`http://127.0.0.1:${free}/healthz`)).rejects.toThrow();
  });

  it('a CLOUDOPS_HEALTH_PORT that is not a port is a config error', async () => {
    bot = await testBot({ config: { sandbox: {}, teams: { port: 0, host: '127.0.0.1' } } });
    await expect(startChat(bot, chatPlatforms(bot.config, {}), { log: silentLog, env: { CLOUDOPS_HEALTH_PORT: 'http' } })).rejects.toThrow(/CLOUDOPS_HEALTH_PORT "http" is not a port number/);
  });

  it('a port already in use is named, with what to change', async () => {
    bot = await testBot({ config: { sandbox: {}, teams: { port: 0, host: '127.0.0.1' } } });
    const first = (await startChat(bot, chatPlatforms(bot.config, {}), { log: silentLog, env: {} }))!;
    const clash = { ...bot, config: { ...bot.config, teams: { ...bot.config.teams!, port: first.httpPort! } } } as Bot;
    await expect(startChat(clash, chatPlatforms(clash.config, {}), { log: silentLog, env: {} })).rejects.toThrow(/already in use; choose another `teams.port`/);
    await first.stop();
  });
});

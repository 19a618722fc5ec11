import { createServer } from 'node:net';
import { HttpServer } from '../../src/chat';
import { ConfigError } from '../../src/config';
import { chatPlatforms, hasChatPlatforms, startChat, startPlatform, type Bot } from '../../src/main';
import { silentLog, testBot } from '../helpers/bot';

describe('wiring Teams into `cloudops start`', () => {
  let bot: Bot;
  afterEach(() => bot?.close());

  it('no teams section: nothing to serve', async () => {
    bot = await testBot();
    expect(hasChatPlatforms(chatPlatforms(bot.config, {}))).toBe(false);
  });

  const APP = '11111111-2222-4333-8444-555555555555';
  const TENANT = '99999999-8888-4777-8666-555555555555';

  it('without credentials the endpoint starts only when told to, even on a sandbox', async () => {
    bot = await testBot({ config: { sandbox: {}, teams: { port: 0 } } });
    expect(() => chatPlatforms(bot.config, {})).toThrow(ConfigError);
    expect(() => chatPlatforms(bot.config, {})).toThrow(
      /teams: MICROSOFT_APP_ID is not set.*or for a local test only set `teams.allowUnauthenticated: true`/,
    );
    await expect(startPlatform(bot, 'teams', { http: new HttpServer(), env: {} })).rejects.toThrow(/MICROSOFT_APP_ID is not set/);
  });

  it('unauthenticated mode listens on loopback by default, refuses any other host, and never runs with NODE_ENV=production', async () => {
    bot = await testBot({ config: { sandbox: {}, teams: { port: 0, allowUnauthenticated: true } } });
    expect(chatPlatforms(bot.config, {}).teams!.config.host).toBe('127.0.0.1');
    expect(() => chatPlatforms({ ...bot.config, teams: { ...bot.config.teams!, host: '0.0.0.0' } }, {})).toThrow(
      /listens only on this machine, but teams.host is 0.0.0.0/,
    );
    expect(() => chatPlatforms(bot.config, { NODE_ENV: 'production' })).toThrow(/refused with NODE_ENV=production/);
    const adapter = await startPlatform(bot, 'teams', { http: new HttpServer(), env: {} });
    expect(adapter.authenticated).toBe(false);
    expect(adapter.banner().join('\n')).toMatch(/UNAUTHENTICATED.*every card says so/s);
    await adapter.stop();
  });

  it('with credentials, teams.tenants is required and the endpoint listens on every interface', async () => {
    bot = await testBot({ config: { sandbox: {}, teams: { port: 0 } } });
    const env = { MICROSOFT_APP_ID: APP, MICROSOFT_APP_TENANT_ID: TENANT, MICROSOFT_APP_PASSWORD: 'not-shown' };
    expect(() => chatPlatforms(bot.config, env)).toThrow(new RegExp(`teams.tenants is empty: .*teams.tenants: \\["${TENANT}"\\]`));
    const withTenants = { ...bot.config, teams: { ...bot.config.teams!, tenants: [TENANT] } };
    expect(chatPlatforms(withTenants, env).teams!.config.host).toBe('0.0.0.0');
    const adapter = await startPlatform({ ...bot, config: withTenants } as Bot, 'teams', { http: new HttpServer(), env: env });
    expect(adapter.authenticated).toBe(true);
    expect(adapter.banner().join('\n')).toBe(
      `Teams endpoint /api/messages: bot ${APP} (SingleTenant, app tenant ${TENANT}), password credentials, tenants ${TENANT}.`,
    );
    expect(adapter.banner().join('\n')).not.toContain('not-shown');
    await adapter.stop();
  });

  it('credential problems become config errors naming the variable', async () => {
    bot = await testBot({ config: { sandbox: {}, teams: { port: 0, tenants: [TENANT] } } });
    await expect(
      startPlatform(bot, 'teams', { http: new HttpServer(), env: { MICROSOFT_APP_ID: APP, MICROSOFT_APP_TENANT_ID: TENANT } }),
    ).rejects.toThrow(/teams: MICROSOFT_APP_ID is set but there is no secret/);
  });

  it('credential problems stop the start before anything is scanned, like Slack tokens', async () => {
    bot = await testBot({ config: { sandbox: {}, teams: { port: 0, allowUnauthenticated: true } } });
    expect(() => chatPlatforms(bot.config, { MICROSOFT_APP_ID: APP, MICROSOFT_APP_TENANT_ID: TENANT })).toThrow(
      new ConfigError(
        'teams: MICROSOFT_APP_ID is set but there is no secret: set MICROSOFT_APP_PASSWORD ' +
          '(client secret), or MICROSOFT_APP_CERTIFICATE_FILE and ' +
          'MICROSOFT_APP_CERTIFICATE_KEY_FILE, or MICROSOFT_APP_TYPE=UserAssignedMSI on Azure.',
      ),
    );
    expect(() => chatPlatforms(bot.config, { MICROSOFT_APP_PASSWORD: 'not-shown' })).toThrow(
      /teams: a Teams password or certificate is set but MICROSOFT_APP_ID is not/,
    );
    expect(chatPlatforms(bot.config, {}).teams?.config.port).toBe(0);
  });

  it('answers /healthz on CLOUDOPS_HEALTH_PORT too when Teams listens on another port (the container health check)', async () => {
    bot = await testBot({ config: { sandbox: {}, teams: { port: 0, allowUnauthenticated: true } } });
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
    bot = await testBot({ config: { sandbox: {}, teams: { port: 0, allowUnauthenticated: true } } });
    await expect(startChat(bot, chatPlatforms(bot.config, {}), { log: silentLog, env: { CLOUDOPS_HEALTH_PORT: 'http' } })).rejects.toThrow(
      /CLOUDOPS_HEALTH_PORT "http" is not a port number/,
    );
  });

  it('a port already in use is named, with what to change', async () => {
    bot = await testBot({ config: { sandbox: {}, teams: { port: 0, allowUnauthenticated: true } } });
    const first = (await startChat(bot, chatPlatforms(bot.config, {}), { log: silentLog, env: {} }))!;
    const clash = { ...bot, config: { ...bot.config, teams: { ...bot.config.teams!, port: first.httpPort! } } } as Bot;
    await expect(startChat(clash, chatPlatforms(clash.config, {}), { log: silentLog, env: {} })).rejects.toThrow(
      /already in use; choose another `teams.port`/,
    );
    await first.stop();
  });
});

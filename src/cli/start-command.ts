import { startChat, type Bot } from '../main';

/**
 * `cloudops start` with chat platforms configured: serve them until SIGINT/SIGTERM, then finish the
 * work in hand and close. False when the config enables no HTTP chat platform (the caller falls back
 * to the console).
 */
export async function serveChat(bot: Bot, output: NodeJS.WritableStream, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const services = await startChat(bot, { env });
  if (!services) return false;
  output.write(`${[...bot.banner, ...services.banner].join('\n')}\n`);
  await new Promise<void>((ok) => {
    process.once('SIGINT', ok);
    process.once('SIGTERM', ok);
  });
  output.write('Stopping: finishing the work in hand…\n');
  await services.stop();
  return true;
}

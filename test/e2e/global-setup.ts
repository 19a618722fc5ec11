import { startMoto } from './moto-server';

/** One moto for the whole run; its URL reaches the test files through MOTO_URL. */
export default async function globalSetup(): Promise<void> {
  const server = await startMoto();
  (globalThis as { __MOTO__?: unknown }).__MOTO__ = server;
  process.env.MOTO_URL = server.url;
  // The suite runs on Node 20 on purpose (the bot supports it); the SDK's notice about Node 22 is noise here.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}

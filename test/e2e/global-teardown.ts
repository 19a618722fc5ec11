import { stopMoto, type MotoServer } from './moto-server';

export default async function globalTeardown(): Promise<void> {
  await stopMoto((globalThis as { __MOTO__?: MotoServer }).__MOTO__);
}

/**
 * The console (a terminal REPL) as a registry element: its config section and approver names. It is
 * not started with the chat platforms: `cloudops console` (or `cloudops start` with no platform turned
 * on) runs it in the foreground, so it has no enabled()/start().
 */
import { z } from 'zod';
import { definePlatform } from '../platform';

export const consolePlatform = definePlatform({
  id: 'console',
  title: 'console',
  configSection: z
    .object({ user: z.string().min(1).default('alice') })
    .strict()
    .default({ user: 'alice' }),
  secretEnv: [],
  approverId: z.string().min(1),
  // The REPL's own controls mean nothing on other platforms.
  helpNote: 'console: /as <user> switches who is speaking; a number clicks a button',
});

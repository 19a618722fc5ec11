import { hostname } from 'node:os';
import { createTask, type RunCoordinator, type ScheduledTask, type TaskContext, type TaskOptions } from 'node-cron';
import type { DigestConfig } from '../config';
import type { ChatMessage, ChatSink, Platform } from '../core';
import type { Clock, Logger } from '../core';
import type { DigestRunRepository } from '../store';
import { localDay } from './dates';
import type { DigestRequest } from './Digests';

/** Builds the message for one scheduled run (never throws: a failure becomes a message). */
export interface DigestSource {
  /** `kind` is a config's `digests[].kind`, checked against the digest registry when the bot was built. */
  message(kind: string, request: DigestRequest): Promise<ChatMessage>;
}

export type CronFactory = (expression: string, fn: (ctx: TaskContext) => Promise<void>, options: TaskOptions) => ScheduledTask;

export interface DigestSchedulerDeps {
  jobs: DigestConfig[];
  digests: DigestSource;
  runs: DigestRunRepository;
  clock: Clock;
  log?: Logger;
  /** Who claims runs, for the operator (default host:pid). */
  instance?: string;
  /** node-cron's createTask unless a test hands in another. */
  cron?: CronFactory;
  /** After a restart, post a run missed within this window (ms), once. 0 turns catching up off. */
  catchUpMs?: number;
}

/** "cost:slack:C0123": the node-cron task name, and so the prefix of every run key. */
export function jobName(job: DigestConfig): string {
  return `${job.kind}:${job.channel.platform}:${job.channel.id}`;
}

/** kind + channel + scheduled time: node-cron's coordination key for a distributed task. */
export function runKey(job: DigestConfig, scheduledFor: Date): string {
  return `${jobName(job)}:${scheduledFor.toISOString()}`;
}

const DEFAULT_CATCH_UP_MS = 60 * 60_000;

/**
 * Posts the configured digests on their cron schedules (node-cron, in each digest's time zone). Every run
 * is claimed in the store under kind + channel + scheduled time before anything is posted, through
 * node-cron's run coordinator: a double-fired tick, a restart or a second replica on the same store
 * finds the claim and posts nothing. At-most-once: a crash between claim and post loses that one post.
 */
export class DigestScheduler {
  private readonly tasks: { job: DigestConfig; task: ScheduledTask }[] = [];
  private readonly instance: string;
  private sinks: Partial<Record<Platform, ChatSink>> = {};

  constructor(private readonly deps: DigestSchedulerDeps) {
    this.instance = deps.instance ?? `${hostname()}:${process.pid}`;
  }

  /** The run coordinator for one job: a run happens on the one caller that inserts its key. */
  private coordinator(job: DigestConfig): RunCoordinator {
    const prefix = `${jobName(job)}:`;
    return {
      shouldRun: (key: string) => {
        const at = new Date(key.startsWith(prefix) ? key.slice(prefix.length) : NaN);
        if (Number.isNaN(at.getTime())) throw new Error(`digest run key ${key} does not end in a time`);
        return this.claim(job, at);
      },
    };
  }

  private async claim(job: DigestConfig, scheduledFor: Date): Promise<boolean> {
    const claimed = await this.deps.runs.claim({
      key: runKey(job, scheduledFor),
      kind: job.kind,
      platform: job.channel.platform,
      channel: job.channel.id,
      scheduledFor,
      claimedBy: this.instance,
    });
    if (!claimed)
      this.deps.log?.info(
        { digest: job.kind, channel: job.channel, scheduledFor: scheduledFor.toISOString() },
        'digest run already claimed; not posting again',
      );
    return claimed;
  }

  /** Start the jobs whose platform has a sink; the others are reported once and skipped. */
  async start(sinks: Partial<Record<Platform, ChatSink>>): Promise<void> {
    this.sinks = sinks;
    const cron = this.deps.cron ?? createTask;
    const logger = {
      info: (m: string) => this.deps.log?.debug({ cron: m }),
      warn: (m: string) => this.deps.log?.warn({ cron: m }),
      error: (m: string | Error, e?: Error) => this.deps.log?.error({ cron: String(m), err: e?.message }),
      debug: (m: string | Error) => this.deps.log?.debug({ cron: String(m) }),
    };
    for (const job of this.deps.jobs) {
      if (!sinks[job.channel.platform]) {
        this.deps.log?.warn(
          { digest: job.kind, channel: job.channel },
          `digest not scheduled: no ${job.channel.platform} adapter is running`,
        );
        continue;
      }
      const task = cron(job.schedule, (ctx) => this.run(job, ctx.date), {
        name: jobName(job),
        timezone: job.timezone,
        distributed: true,
        runCoordinator: this.coordinator(job),
        noOverlap: true,
        logger,
      });
      this.tasks.push({ job, task });
      await task.start();
      await this.catchUp(job, task);
    }
  }

  /** A run due within the catch-up window that nobody claimed (the bot was down) is posted now, once. */
  private async catchUp(job: DigestConfig, task: ScheduledTask): Promise<void> {
    const window = this.deps.catchUpMs ?? DEFAULT_CATCH_UP_MS;
    // Minute-level schedules only: a six-field (seconds) schedule runs too often to need catching up.
    if (window <= 0 || job.schedule.trim().split(/\s+/).length !== 5) return;
    const now = this.deps.clock.now();
    const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
    for (let t = minute.getTime(); t > now.getTime() - window; t -= 60_000) {
      const slot = new Date(t);
      if (!task.match(slot)) continue;
      if (await this.claim(job, slot)) await this.run(job, slot);
      return;
    }
  }

  /** Build and post one claimed run, and record how it went. */
  private async run(job: DigestConfig, scheduledFor: Date): Promise<void> {
    const key = runKey(job, scheduledFor);
    const sink = this.sinks[job.channel.platform];
    if (!sink) {
      await this.deps.runs.finish(key, 'failed', { detail: `no ${job.channel.platform} adapter running` });
      return;
    }
    const message = await this.deps.digests.message(job.kind, {
      today: localDay(scheduledFor, job.timezone),
      options: job.options,
      source: 'scheduled',
    });
    try {
      const ref = await sink.post({ platform: job.channel.platform, channel: job.channel.id }, message);
      await this.deps.runs.finish(key, message.kind === 'error' ? 'failed' : 'posted', {
        message: ref,
        ...(message.kind === 'error' ? { detail: message.text } : {}),
      });
      this.deps.log?.info(
        { digest: job.kind, channel: job.channel, scheduledFor: scheduledFor.toISOString(), ok: message.kind !== 'error' },
        'digest posted',
      );
    } catch (e) {
      await this.deps.runs.finish(key, 'failed', { detail: `posting failed: ${(e as Error).message}` });
      this.deps.log?.error({ digest: job.kind, channel: job.channel, err: (e as Error).message }, 'digest could not be posted');
    }
  }

  /** The next time each job runs (for the start-up banner). */
  nextRuns(): { name: string; next: Date | null }[] {
    return this.tasks.map(({ job, task }) => ({ name: jobName(job), next: task.getNextRun() }));
  }

  async stop(): Promise<void> {
    for (const { task } of this.tasks.splice(0)) await task.destroy();
  }
}

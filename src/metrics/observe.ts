/**
 * The seams where the bot is measured, as decorators of core's own ports: core itself stays free of
 * metrics. main.ts wraps the planner, the approval desk and the executor it hands to the conversation.
 */
import type { ApprovalDesk, Executor, Planner } from '../core';
import type { BotMetrics } from './BotMetrics';

/** Every plan: understood or not, and for a plan with a playbook, its risk (the card the user sees). */
export function observePlans<P extends Pick<Planner, 'plan'>>(planner: P, metrics: BotMetrics): P {
  const plan = planner.plan.bind(planner);
  return new Proxy(planner, {
    get(target, prop, receiver) {
      if (prop !== 'plan') return Reflect.get(target, prop, receiver);
      return async (...args: Parameters<Planner['plan']>) => {
        const out = await plan(...args);
        metrics.request(out.playbook?.id ?? null);
        // Clarifying questions and "not found" are not plans anybody can approve.
        if (out.playbook && !out.clarify && !out.missing) metrics.plan(out.playbook.id, out.risk.level, out.blocked);
        return out;
      };
    },
  });
}

/** Every approve / reject / cancel click, by its outcome. */
export function observeDecisions<D extends ApprovalDesk>(desk: D, metrics: BotMetrics): D {
  return new Proxy(desk, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (prop !== 'decide') return typeof value === 'function' ? value.bind(target) : value;
      return async (...args: Parameters<ApprovalDesk['decide']>) => {
        const outcome = await target.decide(...args);
        metrics.approval(outcome.kind);
        return outcome;
      };
    },
  });
}

/** Every execution: its outcome and how long it ran. */
export function observeExecutions(executor: Executor, metrics: BotMetrics, now: () => number = () => performance.now()): Executor {
  return {
    async execute(playbook, params, ctx) {
      const started = now();
      const seconds = () => (now() - started) / 1000;
      try {
        const result = await executor.execute(playbook, params, ctx);
        metrics.execution(playbook.id, result.ok ? 'succeeded' : 'failed', seconds());
        return result;
      } catch (e) {
        metrics.execution(playbook.id, 'error', seconds());
        throw e;
      }
    },
  };
}

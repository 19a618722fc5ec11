import { isResource } from '../core';
import type { Executor, Logger } from '../core';
import type { Resource } from '../core';

/**
 * An executor that re-reads the resources a run acted on once it is over, so the inventory knows what
 * the run did before the next scan: a stopped instance is `stopped`, a terminated one is gone (it no
 * longer resolves, is never a candidate, and the tagging digest stops counting it). Read-only playbooks
 * change nothing and are not re-read. A failed re-read is logged; the run's result stands.
 */
export function rereadAfterRun(
  executor: Executor,
  inventory: { reread(r: Resource, requestId?: string): Promise<unknown> },
  log?: Logger,
): Executor {
  const rolling = executor.executeFleet?.bind(executor);
  return {
    // A fleet run: each member is re-read once the run is over (done, failed or not started alike).
    ...(rolling
      ? {
          async executeFleet(playbook, params, fleet, ctx) {
            try {
              return await rolling(playbook, params, fleet, ctx);
            } finally {
              for (const m of fleet.members)
                await inventory
                  .reread(m, ctx.requestId)
                  .catch((e: Error) =>
                    log?.warn(
                      { requestId: ctx.requestId, resource: m.id, err: e.message },
                      'could not re-read a resource after the run; the next scan will',
                    ),
                  );
            }
          },
        }
      : {}),
    async execute(playbook, params, ctx) {
      try {
        return await executor.execute(playbook, params, ctx);
      } finally {
        if (!playbook.readOnly) {
          for (const value of Object.values(params)) {
            if (!isResource(value)) continue;
            await inventory
              .reread(value, ctx.requestId)
              .catch((e: Error) =>
                log?.warn(
                  { requestId: ctx.requestId, resource: value.id, err: e.message },
                  'could not re-read a resource after the run; the next scan will',
                ),
              );
          }
        }
      }
    },
  };
}

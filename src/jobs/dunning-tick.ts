import { runDunningTick } from '../services/dunning/run-tick.ts';
import type { JobDefinition } from './job.ts';
import { OUTBOX_DELIVERY } from './outbox-delivery.ts';

export const DUNNING_TICK = 'dunning-tick';

/**
 * The dunning tick for every organization. Customers are decided on the first run inside their own business
 * hours, so an hourly schedule covers every time zone; later runs the same day find nothing new. When
 * reminders were queued, delivery is asked to sweep at once.
 */
export function dunningTickJob(): JobDefinition {
  return {
    name: DUNNING_TICK,
    cron: '5 * * * *',
    expireInSeconds: 3600,
    retryLimit: 2,
    async run(ctx) {
      const report = await runDunningTick(ctx.db, ctx.clock, { dryRun: false, lanes: ctx.parallelism });
      const totals = report.organizations.map(({ decisions: _d, ...t }) => t);
      const queued = totals.reduce((n, t) => n + t.messagesQueued, 0);
      if (queued > 0) await ctx.trigger(OUTBOX_DELIVERY);
      ctx.log.info({ organizations: totals.length, queued, tasks: totals.reduce((n, t) => n + t.tasksCreated, 0) }, 'dunning tick');
      return { organizations: totals };
    },
  };
}

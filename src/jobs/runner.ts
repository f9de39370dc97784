import type { Database } from '../db/connection.ts';
import type { Clock } from '../services/context.ts';
import { createBoss } from './boss.ts';
import type { JobContext, JobDefinition, JobLog } from './job.ts';

export interface JobRunner {
  /** Ask for a job to run now (deduplicated within a second). */
  trigger(name: string): Promise<void>;
  /** Stop taking jobs, let running ones finish (up to `timeoutMs`), release everything. */
  stop(timeoutMs?: number): Promise<void>;
}

export interface RunnerOptions {
  readonly database: Database;
  readonly clock: Clock;
  readonly log: JobLog;
  readonly jobs: readonly JobDefinition[];
}

/** Start pg-boss, create each job's queue, install cron schedules, start the interval timers and workers. */
export async function startJobRunner(options: RunnerOptions): Promise<JobRunner> {
  const { database, clock, log, jobs } = options;
  const boss = createBoss(database);
  boss.on('error', (error: Error) => log.error({ err: { message: error.message, code: (error as NodeJS.ErrnoException).code } }, 'job queue error'));
  await boss.start();
  const stopping = new AbortController();
  const timers: NodeJS.Timeout[] = [];

  const trigger = async (name: string) => {
    await boss.sendThrottled(name, {}, null, 1, 'trigger');
  };

  for (const job of jobs) {
    await boss.createQueue(job.name, { expireInSeconds: job.expireInSeconds, retryLimit: job.retryLimit, retryBackoff: job.retryLimit > 0, deleteAfterSeconds: 86_400 });
    if (job.cron) await boss.schedule(job.name, job.cron, {}, { tz: job.timeZone ?? 'UTC', missed: 'once' });
    else await boss.unschedule(job.name);
    await boss.work<unknown>(job.name, { pollingIntervalSeconds: Math.min(2, job.everySeconds ?? 2), batchSize: 1 }, async ([work]) => {
      if (!work) return undefined;
      const ctx: JobContext = { db: database.db, parallelism: database.kind === 'postgres' ? 2 : 1, clock, log, signal: AbortSignal.any([stopping.signal, work.signal]), trigger };
      return job.run(ctx, work.data);
    });
    if (job.everySeconds) {
      const every = job.everySeconds;
      const ask = () => boss.sendThrottled(job.name, {}, null, every, 'interval').catch((error: Error) => log.warn({ job: job.name, err: { message: error.message } }, 'could not queue an interval job'));
      await ask();
      timers.push(setInterval(ask, every * 1000));
    }
  }

  return {
    trigger,
    async stop(timeoutMs = 30_000) {
      for (const timer of timers) clearInterval(timer);
      stopping.abort();
      await boss.stop({ graceful: true, timeout: timeoutMs });
      for (const job of jobs) await job.close?.();
    },
  };
}

import type { Db } from '../db/connection.ts';
import type { Clock } from '../services/context.ts';
import type { DeliveryLog } from '../services/delivery/types.ts';

export type JobLog = DeliveryLog;

export interface JobContext {
  readonly db: Db;
  /** Transactions the database runs side by side: several on a PostgreSQL pool, one on PGlite. */
  readonly parallelism: number;
  readonly clock: Clock;
  readonly log: JobLog;
  /** Aborted when the worker is stopping or the job expired: long handlers stop taking new work. */
  readonly signal: AbortSignal;
  /** Ask for another job to run soon, e.g. delivery right after a tick queued messages. */
  trigger(name: string): Promise<void>;
}

/**
 * A background job: pg-boss runs it on a cron schedule (once across all worker processes), or every few
 * seconds, or when triggered. Handlers are thin and call services.
 */
export interface JobDefinition {
  readonly name: string;
  /** Cron expression, evaluated in `timeZone` (UTC by default); a schedule missed while down runs once. */
  readonly cron?: string;
  readonly timeZone?: string;
  /** Run about this often: each worker process asks, and pg-boss keeps one job per interval. */
  readonly everySeconds?: number;
  /** Seconds a run may take before pg-boss gives it up and retries it. */
  readonly expireInSeconds: number;
  readonly retryLimit: number;
  run(ctx: JobContext, data: unknown): Promise<unknown>;
  /** Release what the job holds (connection pools) when the worker stops. */
  close?(): Promise<void>;
}

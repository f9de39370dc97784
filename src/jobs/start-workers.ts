import type { Database } from '../db/connection.ts';
import { stripeFromEnv } from '../payments/stripe/index.ts';
import type { Clock } from '../services/context.ts';
import { buildChannels, describeDelivery, readDeliveryConfig } from './delivery-config.ts';
import { attachmentRenderers, onDeliveryFailed, stillWantedByKind } from './delivery-hooks.ts';
import type { JobLog } from './job.ts';
import { jobRegistry } from './registry.ts';
import { startJobRunner, type JobRunner } from './runner.ts';

/** WORKERS=off leaves the background jobs to `punctual worker` processes (PostgreSQL only). */
export function workersEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.WORKERS !== 'off';
}

export interface Workers {
  readonly runner: JobRunner;
  /** Where messages go, for the start banner (no secrets). */
  readonly description: string[];
}

/** The application's background workers on this database: outbox delivery and every registered job. */
export async function startWorkers(database: Database, clock: Clock, log: JobLog, env: NodeJS.ProcessEnv = process.env): Promise<Workers> {
  const config = readDeliveryConfig(env);
  const channels = buildChannels(config, clock);
  const runner = await startJobRunner({ database, clock, log, jobs: jobRegistry({ delivery: { config, channels, stillWanted: stillWantedByKind, onFailed: onDeliveryFailed, attachments: attachmentRenderers }, payments: stripeFromEnv(env) }) });
  return { runner, description: describeDelivery(config) };
}

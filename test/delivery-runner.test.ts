import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findMessage } from '../src/db/repositories/delivery.ts';
import { queryRows } from '../src/db/raw.ts';
import { buildChannels, describeDelivery, readDeliveryConfig } from '../src/jobs/delivery-config.ts';
import type { JobDefinition } from '../src/jobs/job.ts';
import { OUTBOX_DELIVERY, outboxDeliveryJob } from '../src/jobs/outbox-delivery.ts';
import { startJobRunner } from '../src/jobs/runner.ts';
import { startWorkers } from '../src/jobs/start-workers.ts';
import { systemClock } from '../src/services/context.ts';
import { testDatabase } from './support/database.ts';
import { orgWithCustomer, queue, recordingLog, type TestOrg } from './support/delivery.ts';
import { fixedClock } from '../src/services/context.ts';

// pg-boss running the jobs: on PGlite through the application's own engine, on PostgreSQL with DATABASE_URL.
let database: Awaited<ReturnType<typeof testDatabase>>;
let org: TestOrg;
const clock = fixedClock('2025-06-16T08:00:00Z');

beforeAll(async () => {
  database = await testDatabase();
  org = await orgWithCustomer(database, clock);
});
afterAll(async () => {
  await database.dispose();
});

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > until) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('the job runner', () => {
  it('sweeps the outbox every few seconds, runs triggered jobs, and stops gracefully', async () => {
    const config = readDeliveryConfig({ DELIVERY_INTERVAL_SECONDS: '1' });
    const ran: unknown[] = [];
    const custom: JobDefinition = {
      name: 'test-custom',
      expireInSeconds: 60,
      retryLimit: 0,
      run: async (ctx, data) => {
        ran.push({ data, db: ctx.db === database.db, aborted: ctx.signal.aborted });
        await ctx.trigger(OUTBOX_DELIVERY);
      },
    };
    const log = recordingLog();
    const runner = await startJobRunner({ database, clock, log, jobs: [outboxDeliveryJob({ config, channels: buildChannels(config, clock), stillWanted: {} }), custom] });
    try {
      const [row] = await queue(database, org.orgId, clock, [{ subject: 'Through pg-boss', bodyText: 'x' }]);
      const sent = await eventually(() => findMessage(database.db, org.orgId, row!.id), (r) => r?.status === 'sent');
      expect(sent).toMatchObject({ status: 'sent', providerMessageId: `<${row!.id}@punctual>` });
      expect(log.entries.some((e) => e.message === 'outbox sweep')).toBe(true);

      await runner.trigger('test-custom');
      await eventually(async () => ran.length, (n) => n > 0);
      expect(ran).toEqual([{ data: {}, db: true, aborted: false }]);
    } finally {
      await runner.stop(10_000);
    }
    const [after] = await queue(database, org.orgId, clock, [{ subject: 'After stop', bodyText: 'y' }]);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect((await findMessage(database.db, org.orgId, after!.id))!.status).toBe('pending');
  });

  it('registers the application’s jobs: delivery, the hourly dunning tick, recurring invoices and the nightly risk refresh', async () => {
    const workers = await startWorkers(database, systemClock, recordingLog(), { DELIVERY_INTERVAL_SECONDS: '1' });
    try {
      const schedules = await queryRows<{ name: string; cron: string }>(database.db, sql`select name, cron from pgboss.schedule order by name`);
      expect(schedules).toEqual([
        { name: 'customer-risk-refresh', cron: '30 1 * * *' },
        { name: 'dunning-tick', cron: '5 * * * *' },
        { name: 'recurring-invoices', cron: '5 * * * *' },
      ]);
      const queues = await queryRows<{ name: string }>(database.db, sql`select name from pgboss.queue order by name`);
      expect(queues.map((q) => q.name)).toEqual(expect.arrayContaining(['customer-risk-refresh', 'dunning-tick', 'outbox-delivery', 'recurring-invoices']));
      expect(workers.description).toEqual([
        'Email: no SMTP_URL, so emails are stored in the local mailbox (GET /api/v1/messages), not sent',
        'SMS: no provider configured, so texts are stored in the local mailbox, not sent',
      ]);
      const [row] = await queue(database, org.orgId, clock, [{ subject: 'Through the workers', bodyText: 'z' }]);
      expect((await eventually(() => findMessage(database.db, org.orgId, row!.id), (r) => r?.status === 'sent'))!.status).toBe('sent');
    } finally {
      await workers.runner.stop(10_000);
    }
  });
});

describe('delivery settings from the environment', () => {
  it('reads providers and tuning, warns about half a configuration, refuses a broken one', () => {
    const config = readDeliveryConfig({
      SMTP_URL: 'smtp://mailer:s3cret@smtp.example.com:587',
      SMTP_FROM: 'Lumen Studio <billing@lumen.example>',
      TWILIO_ACCOUNT_SID: 'AC1',
      TWILIO_AUTH_TOKEN: 'tok',
      SMS_FROM: '+4031',
      REPLY_TO: 'team@lumen.example',
      DELIVERY_MAX_ATTEMPTS: '6',
    });
    expect(config).toMatchObject({ messageIdDomain: 'lumen.example', replyTo: 'team@lumen.example', sms: { baseUrl: 'https://api.twilio.com', from: '+4031' }, options: { maxAttempts: 6, batchSize: 10 } });
    const partial = readDeliveryConfig({ SMTP_URL: 'smtp://billing%40lumen.example:pw@smtp.example.com:587', TWILIO_ACCOUNT_SID: 'AC1', TWILIO_AUTH_TOKEN: 'tok' });
    expect(partial).toMatchObject({ smtp: { from: 'billing@lumen.example' }, sms: undefined, messageIdDomain: 'lumen.example' });
    expect(describeDelivery(partial)).toEqual([
      'Email: SMTP via smtp.example.com:587',
      'SMS: no provider configured, so texts are stored in the local mailbox, not sent',
      'Warning: SMTP_FROM is not set: email goes out from billing@lumen.example',
      'Warning: SMS is not configured (SMS_FROM missing): texts are stored in the local mailbox',
    ]);
    expect(readDeliveryConfig({ SMTP_URL: 'smtp://mailer:pw@smtp.example.com' }).smtp!.from).toBe('punctual@smtp.example.com');
    expect(() => readDeliveryConfig({ SMTP_URL: 'http://h', SMTP_FROM: 'a@b.c' })).toThrow(/smtp:\/\//);
    expect(() => readDeliveryConfig({ DELIVERY_BATCH_SIZE: '0' })).toThrow(/DELIVERY_BATCH_SIZE/);
    expect(() => readDeliveryConfig({ DELIVERY_LEASE_SECONDS: 'soon' })).toThrow(/DELIVERY_LEASE_SECONDS/);
  });
});

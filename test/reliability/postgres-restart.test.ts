import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/connection.ts';
import { queryRows } from '../../src/db/raw.ts';
import { ledgerBreaches } from '../../src/db/repositories/ledger-check.ts';
import { createBoss } from '../../src/jobs/boss.ts';
import { fixedClock } from '../../src/services/context.ts';
import { runDunningTick } from '../../src/services/dunning/run-tick.ts';
import { importCustomers } from '../../src/services/import-customers.ts';
import { importInvoices } from '../../src/services/import-invoices.ts';
import { queue } from '../support/delivery.ts';
import { newOrganization } from '../support/organization.ts';
import { privatePostgres, type PrivatePostgres } from '../support/private-postgres.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

// PostgreSQL restarted under a dunning tick and under deliveries. The restarts go to a throwaway server of
// the same version (restarting the shared one would break whatever else uses it), so this file needs
// DATABASE_URL and root; without them it is skipped.
const shared = process.env.DATABASE_URL;
let server: PrivatePostgres | null = null;

beforeAll(async () => {
  if (shared) server = await privatePostgres(shared);
});
afterAll(async () => {
  await server?.dispose();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A migrated database of its own on the private server. */
async function freshDatabase(name: string, poolSize = 4): Promise<Database & { url: string }> {
  const admin = new pg.Client({ connectionString: server!.url });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = server!.url.replace(/\/postgres$/, `/${name}`);
  const database = await openDatabase({ url, poolSize });
  await database.migrate();
  return { ...database, url };
}

/** A count on a connection of its own (the test's pool may be in the middle of losing its server). */
async function count(url: string, query: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  try {
    await client.connect();
    return Number((await client.query<{ n: string }>(query)).rows[0]!.n);
  } catch {
    return -1;
  } finally {
    await client.end().catch(() => {});
  }
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

describe.skipIf(!shared)('PostgreSQL restarted', () => {
  it('during a dunning tick: the tick fails, the next one finishes the work, nothing is queued twice or lost', async (context) => {
    if (!server) return context.skip('needs root to run a private PostgreSQL server');
    const CUSTOMERS = 800;
    const database = await freshDatabase('tick_restart');
    try {
      // Monday 10:00 in the organization's zone: inside the default business hours.
      const clock = fixedClock('2025-06-16T10:00:00Z');
      const ctx = await newOrganization(database.db, 'Tick Co', clock);
      const orgId = ctx.orgId;
      const refs = Array.from({ length: CUSTOMERS }, (_, i) => `C${i}`);
      const customers = await importCustomers(ctx, ['external_ref,name,email', ...refs.map((r) => `${r},Customer ${r},ap-${r}@customers.test`)].join('\n'));
      expect(customers.ok && customers.value.imported).toBe(CUSTOMERS);
      const invoices = await importInvoices(ctx, ['invoice_number,customer_ref,issue_date,due_date,description,unit_price', ...refs.map((r) => `INV-${r},${r},2025-05-01,2025-06-10,Work,100.00`)].join('\n'));
      expect(invoices.ok && invoices.value.imported).toBe(CUSTOMERS);

      // Small chunks, so the tick is many transactions and the restart falls between and inside them.
      const ticking = runDunningTick(database.db, clock, { dryRun: false, chunkSize: 50 });
      const failed = ticking.then(
        () => null,
        (error: Error) => error,
      );
      await until('the first chunk to commit', async () => (await count(database.url, 'select count(*) as n from outbox')) > 0);
      await server.restart('fast');
      const error = await failed;
      const before = await count(database.url, 'select count(*) as n from outbox');
      expect(error, 'the tick outran the restart').not.toBeNull();
      expect(before).toBeGreaterThan(0);
      expect(before).toBeLessThan(CUSTOMERS);

      // The job's retry: the same tick again, on the same pool, now that the server is back.
      const report = await runDunningTick(database.db, clock, { dryRun: false, chunkSize: 50 });
      expect(report.organizations[0]!.messagesQueued).toBe(CUSTOMERS - before);

      const perCustomer = await queryRows<{ customer_id: string; n: number }>(database.db, sql`select customer_id, count(*)::int as n from outbox where org_id = ${orgId} group by customer_id`);
      expect(perCustomer).toHaveLength(CUSTOMERS);
      expect(perCustomer.filter((r) => r.n !== 1)).toEqual([]);
      // One history row per invoice and step, and one queued event on each customer's timeline per message.
      const history = await queryRows<{ n: number; keys: number }>(database.db, sql`select count(*)::int as n, count(distinct (invoice_id, step_id, occurrence))::int as keys from dunning_history where org_id = ${orgId}`);
      expect(history[0]!.n).toBe(history[0]!.keys);
      const events = await queryRows<{ outbox_id: string; n: number }>(
        database.db,
        sql`select after->>'outboxId' as outbox_id, count(*)::int as n from events where org_id = ${orgId} and action = 'dunning.reminder_queued' and entity_type = 'customer' group by 1`,
      );
      expect(events).toHaveLength(CUSTOMERS);
      expect(events.filter((e) => e.n !== 1)).toEqual([]);
      expect(await ledgerBreaches(database.db, orgId)).toEqual([]);
      console.info(`tick restart: ${before} of ${CUSTOMERS} reminders committed before the restart (${error!.message}), the rest by the next tick`);
    } finally {
      await database.close();
    }
  });

  describe('during deliveries', () => {
    let sink: SmtpSink;
    beforeAll(async () => {
      sink = await startSmtpSink();
    });
    afterAll(async () => {
      await sink?.close();
    });

    it('the worker rides out a crashed database server: everything sent, repeats only of messages on the wire', async (context) => {
      if (!server) return context.skip('needs root to run a private PostgreSQL server');
      const MESSAGES = 600;
      const BATCH = 10;
      const database = await freshDatabase('delivery_restart', 2);
      const clock = fixedClock('2025-06-16T08:00:00Z');
      const { orgId } = await newOrganization(database.db, 'Delivery Co', clock);
      await queue(database, orgId, clock, Array.from({ length: MESSAGES }, (_, i) => ({ recipient: `customer${i}@example.com`, subject: `Reminder ${i}` })));
      const boss = createBoss(database);
      await boss.start();
      await boss.stop({ graceful: false });
      await database.close();

      // The same worker process the SIGKILL test uses: `punctual worker`'s code path.
      const worker = spawn(process.execPath, ['--import', 'tsx', 'test/support/crash-worker.ts'], {
        env: { ...process.env, CRASH_DATABASE_URL: database.url, SMTP_URL: sink.url(), SMTP_FROM: 'Delivery Co <billing@restart.punctual.test>', DELIVERY_INTERVAL_SECONDS: '1', DELIVERY_LEASE_SECONDS: '2', DELIVERY_BATCH_SIZE: String(BATCH), DELIVERY_CONCURRENCY: '4' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      worker.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
      let pending = MESSAGES;
      createInterface({ input: worker.stdout }).on('line', (text) => {
        if (text.startsWith('{"crash":"progress"')) pending = (JSON.parse(text) as { pending: number }).pending;
      });
      const exited = new Promise<number | null>((resolve) => worker.once('exit', (code) => resolve(code)));
      let alive = true;
      void exited.then(() => (alive = false));
      let beforeCrash = 0;
      try {
        await until('a quarter delivered', async () => sink.received.length >= MESSAGES / 4 || !alive);
        beforeCrash = sink.received.length;
        await server.restart('immediate');
        await until('the outbox to drain', async () => pending === 0 || !alive, 120_000);
        expect(alive, `the worker died:\n${stderr}`).toBe(true);
        expect(beforeCrash).toBeLessThan(MESSAGES);
        worker.kill('SIGTERM');
        expect(await exited, stderr).toBe(0);
      } finally {
        if (alive) worker.kill('SIGKILL');
      }

      const check = await openDatabase({ url: database.url, poolSize: 1 });
      try {
        const rows = await queryRows<{ id: string; status: string; provider_message_id: string; sent_events: number }>(
          check.db,
          sql`select o.id::text, o.status, o.provider_message_id,
                     (select count(*)::int from events e where e.org_id = o.org_id and e.entity_type = 'message' and e.entity_id = o.id and e.action = 'message.sent') as sent_events
                from outbox o`,
        );
        expect(rows).toHaveLength(MESSAGES);
        expect(rows.filter((r) => r.status !== 'sent')).toEqual([]);
        expect(rows.filter((r) => r.sent_events !== 1)).toEqual([]);
        const copies = new Map<string, number>();
        for (const mail of sink.received) copies.set(mail.messageId, (copies.get(mail.messageId) ?? 0) + 1);
        for (const row of rows) expect(copies.get(row.provider_message_id) ?? 0, row.id).toBeGreaterThanOrEqual(1);
        expect(sink.received.every((m) => rows.some((r) => r.provider_message_id === m.messageId))).toBe(true);
        // A repeat is a message the SMTP server took while the database was going down, before its row could
        // be marked sent: at most the batches the worker had claimed then, and once each.
        const repeated = [...copies].filter(([, n]) => n > 1);
        expect(repeated.every(([, n]) => n === 2)).toBe(true);
        expect(repeated.length).toBeLessThanOrEqual(2 * BATCH);
        console.info(`delivery restart: ${MESSAGES} messages, database crashed after ${beforeCrash} had arrived; ${sink.received.length} received, ${repeated.length} repeated with their Message-ID`);
      } finally {
        await check.close();
      }
    });
  });
});

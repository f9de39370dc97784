// One dunning tick over a large organization, against the hand-written SQL a developer would start from.
// The data: bench/generate-data.ts (customers in six currencies and time zones, invoices over the last year,
// about half still open, none reminded yet), so the tick is the heaviest one there is: every open invoice is
// planned, and every overdue one catches up. Punctual: runDunningTick (set-based loading per chunk of
// customers, the planner per invoice, one rendered message per customer and channel, history, events, next-look
// dates). Baseline, measured in the same run and rolled back: one INSERT … SELECT that finds each open
// invoice's latest owed step of the built-in policy and inserts one outbox row per customer and channel with
// the invoice numbers as its text (no rendering, no history, no events, no timeline).
//   DATABASE_URL=postgres://… BENCH_INVOICES=2200000 npm run bench dunning     (≈ 1,000,000 open invoices)
//   BENCH_INVOICES=220000 npm run bench dunning                                (PGlite, ≈ 100,000 open)
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase } from '../src/db/connection.ts';
import { queryRows } from '../src/db/raw.ts';
import { Temporal } from '../src/domain/dates.ts';
import { systemClock } from '../src/services/context.ts';
import { BUILT_IN_POLICY } from '../src/services/dunning/built-in-policy.ts';
import { runDunningTick } from '../src/services/dunning/run-tick.ts';
import { generateOrganization } from './generate-data.ts';
import { fmt, record } from './support.ts';

const INVOICES = Number(process.env.BENCH_INVOICES ?? 220_000);
const dir = mkdtempSync(join(tmpdir(), 'punctual-bench-'));
const database = await openDatabase({ url: process.env.DATABASE_URL, dataDir: process.env.DATABASE_URL ? undefined : join(dir, 'data') });
await database.migrate();
const generated = await generateOrganization(database, INVOICES, 11);
const orgId = generated.orgId;
// A working day, so every customer is decided (a Saturday tick decides nothing).
let day = Temporal.Now.plainDateISO('Europe/Bucharest');
while (day.dayOfWeek > 5) day = day.subtract({ days: 1 });

const steps = sql.join(
  BUILT_IN_POLICY.steps.map((s) => sql`(${s.id}, ${s.offsetDays}::int, ${s.channel === 'call_task' ? 'email' : s.channel})`),
  sql`, `,
);
const baselineSql = sql`
  insert into outbox (org_id, id, idempotency_key, kind, channel, recipient, customer_id, invoice_ids, subject, body_text, payload, status, attempts, next_attempt_at, created_at)
  select ${orgId}::uuid, gen_random_uuid(), 'bench/' || o.customer_id || '/' || o.channel, 'reminder', o.channel, min(ct.email), o.customer_id,
         array_agg(o.id), 'Payment reminder', string_agg(o.number || ' ' || o.balance, E'\\n'), '{}'::jsonb, 'pending', 0, now(), now()
    from (select distinct on (i.id) i.id, i.customer_id, i.number, i.balance, s.channel
            from invoices i
            join (values ${steps}) as s (step_id, offset_days, channel) on i.due_date + s.offset_days <= ${day.toString()}::date
           where i.org_id = ${orgId} and i.kind = 'invoice' and i.status in ('open', 'partially_paid') and i.balance > 0
           order by i.id, s.offset_days desc) o
    join contacts ct on ct.org_id = ${orgId} and ct.customer_id = o.customer_id
   group by o.customer_id, o.channel`;

const baselineStart = performance.now();
const baselineRows = await database.db
  .transaction(async (tx) => {
    const rows = await queryRows<{ n: number }>(tx as never, sql`with inserted as (${baselineSql} returning 1) select count(*)::int as n from inserted`);
    throw Object.assign(new Error('rollback'), { rows: rows[0]!.n });
  })
  .catch((e: { rows?: number }) => {
    if (e.rows === undefined) throw e;
    return e.rows;
  });
const baseline = (performance.now() - baselineStart) / 1000;

const start = performance.now();
const report = await runDunningTick(database.db, systemClock, { orgId, date: day, dryRun: false });
const ours = (performance.now() - start) / 1000;
const t = report.organizations[0]!;
const load = loadavg()[0]!.toFixed(1);

record(
  `Dunning tick, ${fmt(generated.openInvoices)} open invoices (${database.kind})`,
  `${fmt(generated.invoices)} invoices of ${fmt(generated.customers)} customers, ${fmt(generated.openInvoices)} open, never reminded, judged as of ${day}. Punctual planned ${fmt(t.invoicesPlanned)} invoices: ${fmt(t.messagesQueued)} messages queued, ${fmt(t.tasksCreated)} call tasks, ${fmt(t.stepsSkipped)} steps recorded as caught up, with history rows, events and next-look dates. Baseline: one INSERT … SELECT of ${fmt(baselineRows)} outbox rows (latest owed step per invoice, one row per customer and channel, unrendered), rolled back. Load average during the run: ${load} on this machine.`,
  [
    { name: 'tick time', ours: `${ours.toFixed(2)} s`, baseline: `${baseline.toFixed(2)} s`, ratio: ours / baseline },
    { name: 'open invoices per second', ours: fmt(generated.openInvoices / ours), baseline: fmt(generated.openInvoices / baseline), ratio: ours / baseline },
  ],
);
await database.close();
rmSync(dir, { recursive: true, force: true });

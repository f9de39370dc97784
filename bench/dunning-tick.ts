// Dunning ticks over a large organization, against the hand-written SQL a developer would start from.
// The data: bench/generate-data.ts (customers in six currencies and time zones, invoices over the last year,
// about half still open, none reminded yet). Two ticks are timed: the first, the heaviest there is (every open
// invoice is planned and every overdue one catches up, as after importing a ledger), and the next working
// day's, the one that runs every day after (only invoices whose next look has come are loaded). Punctual:
// runDunningTick (set-based loading per chunk of customers, the planner per invoice, one rendered message per
// customer and channel, history, events, next-look dates). Baselines, measured in the same run and rolled
// back: one INSERT … SELECT that finds each open invoice's owed step of the built-in policy and inserts one
// outbox row per customer and channel with the invoice numbers as its text (no rendering, history or events).
//   DATABASE_URL=postgres://… BENCH_INVOICES=2200000 npm run bench dunning     (≈ 1,000,000 open invoices)
//   BENCH_INVOICES=220000 npm run bench dunning                                (PGlite, ≈ 100,000 open)
import { loadavg } from 'node:os';
import { sql } from 'drizzle-orm';
import { queryRows } from '../src/db/raw.ts';
import { Temporal, type PlainDate } from '../src/domain/dates.ts';
import { systemClock } from '../src/services/context.ts';
import { BUILT_IN_POLICY } from '../src/services/dunning/built-in-policy.ts';
import { runDunningTick, type OrganizationTick } from '../src/services/dunning/run-tick.ts';
import { generateOrganization } from './generate-data.ts';
import { benchDatabase, fmt, machineCpuSeconds, processCpuSeconds, record } from './support.ts';

const INVOICES = Number(process.env.BENCH_INVOICES ?? 220_000);
const database = await benchDatabase('dunning');
const generated = await generateOrganization(database, INVOICES, 11);
const orgId = generated.orgId;

function workingDayFrom(d: PlainDate): PlainDate {
  let day = d;
  while (day.dayOfWeek > 5) day = day.add({ days: 1 });
  return day;
}
// Working days, so every customer is decided (a Saturday tick decides nothing).
let catchUpDay = Temporal.Now.plainDateISO('Europe/Bucharest');
while (catchUpDay.dayOfWeek > 5) catchUpDay = catchUpDay.subtract({ days: 1 });
const nextDay = workingDayFrom(catchUpDay.add({ days: 1 }));

const steps = sql.join(
  BUILT_IN_POLICY.steps.map((s) => sql`(${s.id}, ${s.offsetDays}::int, ${s.channel === 'call_task' ? 'email' : s.channel})`),
  sql`, `,
);

/** Wall time, this process's CPU and the whole machine's CPU (null off Linux) over one measure. */
interface Cost {
  readonly seconds: number;
  readonly nodeCpu: number;
  readonly machineCpu: number | null;
}

async function measure<T>(work: () => Promise<T>): Promise<{ cost: Cost; result: T }> {
  const [machine0, node0, started] = [machineCpuSeconds(), processCpuSeconds(), performance.now()];
  const result = await work();
  const machine1 = machineCpuSeconds();
  const cost = { seconds: (performance.now() - started) / 1000, nodeCpu: processCpuSeconds() - node0, machineCpu: machine0 === null || machine1 === null ? null : machine1 - machine0 };
  return { cost, result };
}

/**
 * The hand-written tick: the latest step of the built-in policy owed on `day` (caught up: any step whose day
 * has come; daily: a step falling on exactly that day), one outbox row per customer and channel listing the
 * invoice numbers. Run and rolled back; returns its time and the rows it inserted.
 */
async function baseline(day: PlainDate, mode: 'catch-up' | 'daily'): Promise<Cost & { rows: number }> {
  const owed = mode === 'catch-up' ? sql`i.due_date + s.offset_days <= ${day.toString()}::date` : sql`i.due_date + s.offset_days = ${day.toString()}::date`;
  const insert = sql`
    insert into outbox (org_id, id, idempotency_key, kind, channel, recipient, customer_id, invoice_ids, subject, body_text, payload, status, attempts, next_attempt_at, created_at)
    select ${orgId}::uuid, gen_random_uuid(), 'bench/' || o.customer_id || '/' || o.channel, 'reminder', o.channel, min(ct.email), o.customer_id,
           array_agg(o.id), 'Payment reminder', string_agg(o.number || ' ' || o.balance, E'\\n'), '{}'::jsonb, 'pending', 0, now(), now()
      from (select distinct on (i.id) i.id, i.customer_id, i.number, i.balance, s.channel
              from invoices i
              join (values ${steps}) as s (step_id, offset_days, channel) on ${owed}
             where i.org_id = ${orgId} and i.kind = 'invoice' and i.status in ('open', 'partially_paid') and i.balance > 0
             order by i.id, s.offset_days desc) o
      join contacts ct on ct.org_id = ${orgId} and ct.customer_id = o.customer_id
     group by o.customer_id, o.channel`;
  const { cost, result: rows } = await measure(() =>
    database.db
      .transaction(async (tx) => {
        const counted = await queryRows<{ n: number }>(tx as never, sql`with inserted as (${insert} returning 1) select count(*)::int as n from inserted`);
        throw Object.assign(new Error('rollback'), { rows: counted[0]!.n });
      })
      .catch((e: { rows?: number }) => {
        if (e.rows === undefined) throw e;
        return e.rows;
      }),
  );
  return { ...cost, rows };
}

async function tick(day: PlainDate): Promise<Cost & { report: OrganizationTick }> {
  const { cost, result } = await measure(() => runDunningTick(database.db, systemClock, { orgId, date: day, dryRun: false, lanes: database.kind === 'postgres' ? 2 : 1 }));
  return { ...cost, report: result.organizations[0]! };
}

const catchUpBaseline = await baseline(catchUpDay, 'catch-up');
const catchUp = await tick(catchUpDay);
const dailyBaseline = await baseline(nextDay, 'daily');
const daily = await tick(nextDay);
const peakRss = process.resourceUsage().maxRSS * 1024;
const load = loadavg()[0]!.toFixed(1);

// Where the ratio comes from: the CPU both used, PostgreSQL's included (null off Linux), and Node's share of ours.
function cpuRows(ours: Cost, base: Cost) {
  if (ours.machineCpu === null || base.machineCpu === null) return [];
  return [{ name: 'CPU of the whole machine (database included), daily tick', ours: `${ours.machineCpu.toFixed(2)} s (Node ${ours.nodeCpu.toFixed(2)} s)`, baseline: `${base.machineCpu.toFixed(2)} s`, ratio: ours.machineCpu / base.machineCpu }];
}

const what = (t: OrganizationTick) =>
  `${fmt(t.invoicesPlanned)} invoices planned, ${fmt(t.messagesQueued)} messages queued, ${fmt(t.tasksCreated)} call tasks, ${fmt(t.stepsSkipped)} steps recorded as caught up`;
record(
  `Dunning tick, ${fmt(generated.openInvoices)} open invoices (${database.kind})`,
  `${fmt(generated.invoices)} invoices of ${fmt(generated.customers)} customers, ${fmt(generated.openInvoices)} open, never reminded. The first tick, on ${catchUpDay}, catches every invoice up (${what(catchUp.report)}); the daily tick, on ${nextDay}, is what runs every day after that (${what(daily.report)}). Both write rendered messages, history rows, timeline events and next-look dates. Baselines: one INSERT … SELECT of the latest owed step per invoice, one row per customer and channel, unrendered, without history or events (${fmt(catchUpBaseline.rows)} and ${fmt(dailyBaseline.rows)} rows), rolled back. Peak RSS of the process: ${fmt(peakRss / 2 ** 20)} MiB. Load average during the run: ${load} on this machine.`,
  [
    { name: 'first tick (catch-up of a never-reminded ledger)', ours: `${catchUp.seconds.toFixed(2)} s`, baseline: `${catchUpBaseline.seconds.toFixed(2)} s`, ratio: catchUp.seconds / catchUpBaseline.seconds },
    { name: 'daily tick (the next working day)', ours: `${daily.seconds.toFixed(2)} s`, baseline: `${dailyBaseline.seconds.toFixed(2)} s`, ratio: daily.seconds / dailyBaseline.seconds },
    { name: 'open invoices per second, daily tick', ours: fmt(generated.openInvoices / daily.seconds), baseline: fmt(generated.openInvoices / dailyBaseline.seconds), ratio: daily.seconds / dailyBaseline.seconds },
    ...cpuRows(daily, dailyBaseline),
  ],
);
await database.dispose();

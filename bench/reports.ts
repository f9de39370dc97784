// Receivables reports at scale: aging by customer and bucket, DSO with its 12-month trend, and payment behaviour
// per customer, on one organization with BENCH_INVOICES invoices (1,000,000 on PostgreSQL from DATABASE_URL,
// 100,000 on PGlite by default). Punctual's reports run set-based SQL, mostly index-only scans of the report
// indexes (src/db/schema/core.ts), and hand the aggregates to the domain metrics (exact rules, all currencies).
// The baseline, measured in the same run on the same data (and with the same indexes), is the hand-written
// SQL a developer would write for the same figures: the open balance column grouped by bucket, receivables at
// each month-end from running sums of sales and allocations, and average days late per customer. Both sides'
// figures are compared before any timing is trusted.
import { loadavg } from 'node:os';
import { sql, type SQL } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import type { Db } from '../src/db/connection.ts';
import { queryRows } from '../src/db/raw.ts';
import { systemClock, type Ctx } from '../src/services/context.ts';
import { agingByCustomer } from '../src/services/insight/aging.ts';
import { paymentBehaviourReport } from '../src/services/insight/behaviour.ts';
import { dsoReport, trendMonthEnds } from '../src/services/insight/dso.ts';
import { generateOrganization } from './generate-data.ts';
import { benchDatabase, fmt, record } from './support.ts';

const ON_POSTGRES = Boolean(process.env.DATABASE_URL);
const INVOICES = Number(process.env.BENCH_INVOICES ?? (ON_POSTGRES ? 1_000_000 : 100_000));
const RUNS = Number(process.env.BENCH_RUNS ?? 5);


/** Runs hand-written SQL as a report would: one transaction, PostgreSQL's JIT off (it costs more than it saves here). */
async function baselineQuery<T>(db: Db, query: SQL): Promise<T[]> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    return queryRows<T>(tx as unknown as Db, query);
  });
}

/** Median wall time of `runs` runs after one warm-up, in milliseconds, and the last result. */
async function time<T>(run: () => Promise<T>, runs = RUNS): Promise<{ ms: number; value: T }> {
  let value = await run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    value = await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)]!, value };
}

function expectEqual(what: string, ours: unknown, theirs: unknown): void {
  if (JSON.stringify(ours) !== JSON.stringify(theirs)) throw new Error(`${what}: Punctual and the baseline disagree\n${JSON.stringify(ours).slice(0, 500)}\n${JSON.stringify(theirs).slice(0, 500)}`);
}

async function main() {
  const database = await benchDatabase('reports');
  try {
    const loadStarted = performance.now();
    const org = await generateOrganization(database, INVOICES, 7);
    const loadSeconds = (performance.now() - loadStarted) / 1000;
    // On a production server autovacuum visits freshly loaded tables, setting the visibility map that index-only
    // scans rely on; this machine's test server runs without it, so the bench does it once, for both sides.
    await database.db.execute(sql`vacuum (analyze) invoices, allocations, customers`);
    const ctx: Ctx = { db: database.db, orgId: org.orgId, actor: { type: 'system', id: 'bench' }, clock: systemClock };
    const today = Temporal.Now.plainDateISO('Europe/Bucharest');
    const db = database.db;
    const orgId = org.orgId;

    // Aging by customer, currency and bucket (current, 1-30, 31-60, 61-90, 91+).
    const ours = await time(async () => {
      const r = await agingByCustomer(ctx, {});
      if (!r.ok) throw new Error(r.message);
      return r.value.reports.map((x) => ({ currency: x.currency, totals: x.bucketTotals, customers: x.customers.length }));
    });
    const baseline = await time(async () => {
      const rows = await baselineQuery<{ currency: string; bucket: number; amount: string; customers: string }>(
        db,
        sql`select currency,
                   case when ${today.toString()}::date - due_date <= 0 then 0 when ${today.toString()}::date - due_date <= 30 then 1
                        when ${today.toString()}::date - due_date <= 60 then 2 when ${today.toString()}::date - due_date <= 90 then 3 else 4 end as bucket,
                   sum(balance)::text as amount, count(distinct customer_id)::text as customers
              from invoices
             where org_id = ${orgId} and kind = 'invoice' and status in ('open', 'partially_paid', 'uncollectible') and balance > 0
             group by 1, 2 order by 1, 2`,
      );
      const currencies = [...new Set(rows.map((r) => r.currency))];
      const customers = await baselineQuery<{ currency: string; n: string }>(
        db,
        sql`select currency, count(distinct customer_id)::text as n from invoices
             where org_id = ${orgId} and kind = 'invoice' and status in ('open', 'partially_paid', 'uncollectible') and balance > 0 group by 1`,
      );
      return currencies.map((currency) => ({
        currency,
        totals: [0, 1, 2, 3, 4].map((b) => Number(rows.find((r) => r.currency === currency && Number(r.bucket) === b)?.amount ?? 0)),
        customers: Number(customers.find((c) => c.currency === currency)?.n ?? 0),
      }));
    });
    expectEqual('aging', ours.value, baseline.value);

    // DSO (countback) now and at the last 12 month-ends: receivables, current receivables, sales by month.
    const monthEnds = [...trendMonthEnds(today, 12), today].map((d) => d.toString());
    const oursDso = await time(async () => {
      const r = await dsoReport(ctx, { method: { kind: 'countback' }, trendMonths: 12 });
      if (!r.ok) throw new Error(r.message);
      return r.value.map((c) => ({
        currency: c.currency,
        figures: [...c.trend.map((p) => p.dso), c.current].map((d) => (d.ok ? [d.value.receivables, d.value.currentReceivables] : null)),
      }));
    });
    const baselineDso = await time(async () => {
      const rows = await baselineQuery<{ currency: string; m: string; receivables: string; current: string }>(
        db,
        sql`with ends as (select unnest(${`{${monthEnds.join(',')}}`}::date[]) as m),
                 inv as (select id, currency, issue_date, due_date, total from invoices
                          where org_id = ${orgId} and kind = 'invoice' and status not in ('draft', 'void')),
                 sales as (select currency, issue_date as d, sum(total) as amount from inv group by 1, 2),
                 paid as (select i.currency, a.allocated_on as d, sum(a.amount) as amount from allocations a join inv i on i.id = a.invoice_id
                           where a.org_id = ${orgId} and a.reversed_at is null group by 1, 2),
                 spanning as (select i.currency, e.m, sum(i.total) as amount from inv i join ends e on i.issue_date <= e.m and i.due_date >= e.m group by 1, 2),
                 spanning_paid as (select i.currency, e.m, sum(a.amount) as amount from inv i join ends e on i.issue_date <= e.m and i.due_date >= e.m
                                     join allocations a on a.org_id = ${orgId} and a.invoice_id = i.id and a.reversed_at is null and a.allocated_on <= e.m group by 1, 2)
            select c.currency, e.m::text,
                   ((select coalesce(sum(amount), 0) from sales x where x.currency = c.currency and x.d <= e.m)
                  - (select coalesce(sum(amount), 0) from paid x where x.currency = c.currency and x.d <= e.m))::text as receivables,
                   (coalesce(s.amount, 0) - coalesce(sp.amount, 0))::text as current
              from (select distinct currency from sales) c cross join ends e
              left join spanning s on s.currency = c.currency and s.m = e.m
              left join spanning_paid sp on sp.currency = c.currency and sp.m = e.m
             order by 1, 2`,
      );
      const currencies = [...new Set(rows.map((r) => r.currency))].sort();
      return currencies.map((currency) => ({ currency, figures: rows.filter((r) => r.currency === currency).map((r) => [Number(r.receivables), Number(r.current)]) }));
    });
    expectEqual('DSO receivables', oursDso.value, baselineDso.value);

    // Payment behaviour: invoices paid in the last 12 months, days late per customer.
    const since = today.subtract({ months: 12 });
    const oursBehaviour = await time(async () => {
      const r = await paymentBehaviourReport(ctx, { paidSince: since });
      if (!r.ok) throw new Error(r.message);
      return r.value.data.length;
    });
    const baselineBehaviour = await time(async () => {
      const rows = await baselineQuery<{ n: string }>(
        db,
        sql`select count(*)::text as n from (
              select i.customer_id, i.currency, avg(greatest(p.paid_on - i.due_date, 0)) as days_late
                from invoices i
                join (select invoice_id, max(allocated_on) as paid_on from allocations where org_id = ${orgId} and reversed_at is null and payment_id is not null group by 1) p on p.invoice_id = i.id
               where i.org_id = ${orgId} and i.status = 'paid' and p.paid_on >= ${since.toString()}::date
               group by 1, 2) x`,
      );
      return Number(rows[0]?.n ?? 0);
    });
    expectEqual('payment behaviour customers', oursBehaviour.value, baselineBehaviour.value);

    const ms = (x: number) => `${fmt(x, 0)} ms`;
    record(
      `Receivables reports on ${fmt(INVOICES)} invoices (${ON_POSTGRES ? 'PostgreSQL' : 'PGlite'})`,
      `One organization, ${fmt(org.customers)} customers in six currencies, ${fmt(org.openInvoices)} invoices open, a year of history (loaded with COPY in ${fmt(loadSeconds, 1)} s, then vacuumed). ` +
        `Median of ${RUNS} runs after a warm-up, whole report as the API computes it (all currencies) against the hand-written SQL for the same figures; both give the same numbers. ` +
        `Load average during the run: ${loadavg()[0]!.toFixed(1)}.`,
      [
        { name: 'aging by customer and bucket', ours: ms(ours.ms), baseline: ms(baseline.ms), ratio: ours.ms / baseline.ms },
        { name: 'DSO now + 12 month-ends (countback)', ours: ms(oursDso.ms), baseline: ms(baselineDso.ms), ratio: oursDso.ms / baselineDso.ms },
        { name: 'payment behaviour per customer', ours: ms(oursBehaviour.ms), baseline: ms(baselineBehaviour.ms), ratio: oursBehaviour.ms / baselineBehaviour.ms },
      ],
    );
  } finally {
    await database.dispose();
  }
}

await main();

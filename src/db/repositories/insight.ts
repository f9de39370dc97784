import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { queryRows } from '../raw.ts';

// Set-based reads for receivables insight. Every query aggregates in the database and returns at most one
// row per customer, per invoice group or per open invoice, so reports stay fast on millions of invoices.
//
// The ledger as the metrics see it (src/domain/metrics/ledger.ts): issued invoices (not drafts, not void,
// not credit notes); each active allocation reduces the balance on its date, moved up to the issue date when
// money received earlier (customer credit) was applied later; a write-off is a credit of the remaining
// balance on the day of the write-off in the organization's time zone. Reversed allocations never happened.

export const ISSUED = sql`i.kind = 'invoice' and i.status not in ('draft', 'void')`;

/** The write-off day of a written-off invoice, in the organization's time zone; null for other invoices. */
export function writeOffDay(timeZone: string): SQL {
  return sql`case when i.status = 'written_off' then greatest(i.issue_date, coalesce(
    (select (e.occurred_at at time zone ${timeZone})::date from events e
      where e.org_id = i.org_id and e.entity_type = 'invoice' and e.entity_id = i.id and e.action = 'invoice.written_off'
      order by e.id desc limit 1),
    (i.updated_at at time zone ${timeZone})::date)) end`;
}

const dateArray = (dates: readonly string[]) => sql`${`{${dates.join(',')}}`}::date[]`;
const intArray = (values: readonly number[]) => sql`${`{${values.join(',')}}`}::int[]`;

/**
 * Settings for a report's transaction. Reports are a handful of large aggregates whose cost PostgreSQL
 * overestimates: compiling them with JIT costs more than running them (over a second on a million invoices).
 * Their hash tables (one entry per customer, or per invoice) spill to disk at the default 4 MB of work memory.
 */
export async function reportSettings(tx: Db): Promise<void> {
  await tx.execute(sql`select set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`);
}

/** Drivers return bigint sums as strings (and PGlite int8 as number or BigInt): one exact conversion. */
export function toSafeInteger(value: unknown): number {
  const n = typeof value === 'bigint' ? Number(value) : Number(String(value));
  if (!Number.isSafeInteger(n)) throw new RangeError(`Not a safe integer: ${String(value)}`);
  return n;
}

export interface InvoiceGroupRow {
  readonly currency: string;
  /** A stand-in issue date: in the same calendar month, and on the same side of every cut, as the real ones. */
  readonly issueDate: string;
  /** A stand-in due date that is current on exactly the same report dates as the real ones. */
  readonly dueDate: string;
  readonly total: number;
  readonly invoices: number;
}

export interface MovementGroupRow {
  readonly currency: string;
  readonly issueDate: string;
  readonly dueDate: string;
  /** The first report date on or after the movements; movements after the last report date are left out. */
  readonly on: string;
  readonly amount: number;
}

/**
 * The ledger compressed for balances, sales and "current" as of a fixed, sorted set of report dates: all
 * that DSO and CEI read. Invoices are grouped by
 * - issue date, down to the latest of: the first of its month, or a cut (each report date's next day, and
 *   `periodStarts` such as a simple-DSO sales window's first day) on or before it — so sales per month, per
 *   window and "issued by" a report date stay exactly those of the real invoices;
 * - due date, down to the latest report date on or before it (not before the stand-in issue date) — so
 *   "current on" a report date stays exact;
 * and their allocations by the first report date that sees them. Some hundred groups per currency stand for
 * any number of invoices.
 */
export async function compressedLedger(
  db: Db,
  orgId: string,
  reportDates: readonly string[],
  periodStarts: readonly string[],
  timeZone: string,
): Promise<{ invoices: InvoiceGroupRow[]; movements: MovementGroupRow[] }> {
  const last = reportDates[reportDates.length - 1];
  if (last === undefined) return { invoices: [], movements: [] };
  const d = dateArray(reportDates);
  const cuts = dateArray([...new Set([...reportDates.map((x) => nextDay(x)), ...periodStarts])].sort());
  // Stand-in dates of the invoices' real dates (columns issue_date and due_date of relation `r`).
  const repIssue = sql`greatest(r.issue_date - extract(day from r.issue_date)::int + 1, (${cuts})[width_bucket(r.issue_date, ${cuts})])`;
  const repDue = sql`greatest(${repIssue}, (${d})[width_bucket(r.due_date, ${d})])`;
  const scope = sql`i.org_id = ${orgId} and ${ISSUED} and i.issue_date <= ${last}::date`;
  type Row = { currency: string; issue_date: string; due_date: string; on_date: string | null; amount: string; n: string | null };
  // Sales: summed by real dates first (a few thousand groups), so the stand-ins are worked out once a group.
  const sales = await queryRows<Row>(
    db,
    sql`select currency, issue_date::text, due_date::text, null as on_date, sum(amount)::text as amount, sum(n)::text as n from (
          select r.currency, ${repIssue} as issue_date, ${repDue} as due_date, r.amount, r.n from (
            select i.currency, i.issue_date, i.due_date, sum(i.total) as amount, count(*) as n from invoices i where ${scope} group by 1, 2, 3
          ) r
        ) g group by 1, 2, 3`,
  );
  // Movements: summed by real dates and the report date that first sees them. That date is the first one on or
  // after the later of the movement's day and the issue date: the later of the two days' first report dates,
  // so the movement's own is worked out before grouping and the invoice's after.
  const firstSeen = (day: SQL) => sql`width_bucket(${day} - 1, ${d})`;
  const moves = await withoutHashJoins<Row>(
    db,
    sql`select currency, issue_date::text, due_date::text, on_date::text, amount::text, null as n from (
          select currency, issue_date, due_date, on_date, sum(amount) as amount from (
            select r.currency, ${repIssue} as issue_date, ${repDue} as due_date, (${d})[greatest(r.seen, ${firstSeen(sql`r.issue_date`)}) + 1] as on_date, r.amount from (
              select i.currency, i.issue_date, i.due_date, ${firstSeen(sql`a.allocated_on`)} as seen, sum(a.amount) as amount
                from allocations a join invoices i on i.org_id = a.org_id and i.id = a.invoice_id
               where a.org_id = ${orgId} and a.reversed_at is null and a.allocated_on <= ${last}::date and ${scope}
               group by 1, 2, 3, 4
              union all
              select i.currency, i.issue_date, i.due_date, ${firstSeen(writeOffDay(timeZone))}, i.balance
                from invoices i where ${scope} and i.status = 'written_off' and i.balance > 0
            ) r
          ) m where on_date is not null group by 1, 2, 3, 4) g`,
  );
  const rows = [...sales, ...moves];
  const invoices: InvoiceGroupRow[] = [];
  const movements: MovementGroupRow[] = [];
  for (const r of rows) {
    if (r.on_date === null)
      invoices.push({ currency: r.currency, issueDate: r.issue_date, dueDate: r.due_date, total: toSafeInteger(r.amount), invoices: toSafeInteger(r.n) });
    else movements.push({ currency: r.currency, issueDate: r.issue_date, dueDate: r.due_date, on: r.on_date, amount: toSafeInteger(r.amount) });
  }
  return { invoices, movements };
}

/**
 * A query whose big join is of allocations with their invoices, run with hash joins off (for that query only;
 * in a transaction): the planner would hash a million invoices, where merging the two indexes, both in invoice
 * order and read without the tables, takes a third less time (bench/reports.ts's million invoices).
 */
async function withoutHashJoins<T>(db: Db, query: SQL): Promise<T[]> {
  await db.execute(sql`set local enable_hashjoin = off`);
  const rows = await queryRows<T>(db, query);
  await db.execute(sql`set local enable_hashjoin = on`);
  return rows;
}

function nextDay(isoDate: string): string {
  const [y, m, day] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, day + 1)).toISOString().slice(0, 10);
}

/** The balance of invoice `i` at the close of `asOf`, with `after` = its allocations dated later. */
function balanceAt(asOf: string, timeZone: string): SQL {
  return sql`(i.balance + coalesce(after.amount, 0)
    - case when i.status = 'written_off' and ${writeOffDay(timeZone)} <= ${asOf}::date then i.balance else 0 end)`;
}

/**
 * Allocations dated after asOf, per invoice: what must be added back to today's balance. For one customer,
 * only its invoices' allocations: no index leads to allocations by date, and scanning the organization's
 * would cost a customer's risk refresh (run inside every payment) time in proportion to the whole ledger.
 */
function allocationsAfter(orgId: string, asOf: string, customerId?: string): SQL {
  return sql`(select a.invoice_id, sum(a.amount)::bigint as amount from allocations a
     where a.org_id = ${orgId} and a.reversed_at is null and a.allocated_on > ${asOf}::date
       ${customerId ? sql`and a.invoice_id in (select id from invoices where org_id = ${orgId} and customer_id = ${customerId})` : sql``}
     group by a.invoice_id)`;
}

export interface AgingRow {
  readonly currency: string;
  readonly customerId: string;
  readonly customerName: string;
  /** Open balance per bucket: index 0 not yet due, k the k-th overdue bucket. */
  readonly amounts: readonly number[];
  /** Open invoices per bucket. */
  readonly invoices: readonly number[];
  /** Days past due of the oldest open invoice (negative when none is due yet). */
  readonly maxDaysPastDue: number;
}

/**
 * Open balances at the close of `asOf` by currency and customer, per bucket. `firstDays` are the first days past
 * due of each overdue bucket ([1, 31, 61, 91] for the standard buckets), strictly increasing.
 */
export async function agingRows(
  db: Db,
  orgId: string,
  asOf: string,
  firstDays: readonly number[],
  timeZone: string,
  filter: { customerId?: string; currency?: string } = {},
): Promise<AgingRow[]> {
  const scope = sql`i.org_id = ${orgId} and ${ISSUED} and i.issue_date <= ${asOf}::date
    ${filter.customerId ? sql`and i.customer_id = ${filter.customerId}` : sql``}
    ${filter.currency ? sql`and i.currency = ${filter.currency}` : sql``}`;
  const buckets = Array.from({ length: firstDays.length + 1 }, (_, k) => sql.raw(String(k)));
  const perBucket = (of: (k: SQL) => SQL) => sql`array_to_string(array[${sql.join(buckets.map(of), sql`, `)}], ',')`;
  // One row per open invoice, and one per invoice with money allocated after asOf (counted once), each owing
  // what it adds to the balance at the close of asOf; summed per customer so the rows the database returns are
  // one per customer and currency. The bulk (owed today, not written off) is read from invoices_receivable_idx.
  const rows = await queryRows<{ currency: string; customer_id: string; name: string; amounts: string; invoices: string; max_days: number }>(
    db,
    sql`
    with after as ${allocationsAfter(orgId, asOf, filter.customerId)}
    select g.currency, g.customer_id::text, c.name, g.amounts, g.invoices, g.max_days from (
      select x.currency, x.customer_id,
             ${perBucket((k) => sql`coalesce(sum(x.amount) filter (where x.bucket = ${k}), 0)`)} as amounts,
             ${perBucket((k) => sql`count(*) filter (where x.counted and x.bucket = ${k})`)} as invoices,
             max(x.days) as max_days
        from (
          select u.*, width_bucket(u.days, ${intArray(firstDays)}) as bucket from (
            select i.currency, i.customer_id, ${asOf}::date - i.due_date as days, i.balance as amount, true as counted
              from invoices i where ${scope} and i.balance > 0 and i.status <> 'written_off'
            union all
            select i.currency, i.customer_id, ${asOf}::date - i.due_date, after.amount, i.balance = 0
              from after join invoices i on i.org_id = ${orgId} and i.id = after.invoice_id
             where ${scope} and i.status <> 'written_off'
            union all
            select * from (
              select i.currency, i.customer_id, ${asOf}::date - i.due_date as days, ${balanceAt(asOf, timeZone)} as amount, true as counted
                from invoices i left join after on after.invoice_id = i.id
               where ${scope} and i.status = 'written_off'
            ) w where w.amount > 0
          ) u
        ) x
       group by x.currency, x.customer_id
    ) g join customers c on c.org_id = ${orgId} and c.id = g.customer_id`,
  );
  const integers = (list: string) => list.split(',').map(toSafeInteger);
  return rows.map((r) => ({
    currency: r.currency,
    customerId: r.customer_id,
    customerName: r.name,
    amounts: integers(r.amounts),
    invoices: integers(r.invoices),
    maxDaysPastDue: Number(r.max_days),
  }));
}

/**
 * Invoices settled (balance zero, at least one payment) at the close of `asOf`, as one row each. Only paid and
 * written-off invoices can have a zero balance on or after today; asOf is never earlier. A paid invoice was
 * settled by asOf when its latest allocation came in by then (all of them add up to its total), and was paid
 * what its payments say: read from invoices_paid_idx alone. The few written-off ones are settled when what was
 * allocated by asOf and the write-off (if done by then) cover the total.
 */
export function settledInvoices(orgId: string, asOf: string, timeZone: string, customerId?: string): SQL {
  const scope = sql`i.org_id = ${orgId} and i.kind = 'invoice' and i.issue_date <= ${asOf}::date ${customerId ? sql`and i.customer_id = ${customerId}` : sql``}`;
  return sql`(
    select i.id, i.customer_id, i.currency, i.issue_date, i.due_date, greatest(i.last_payment_on, i.issue_date) as paid_on, i.amount_paid
      from invoices i
     where ${scope} and i.status = 'paid' and i.last_payment_on is not null and i.last_allocated_on <= ${asOf}::date
    union all
    select i.id, i.customer_id, i.currency, i.issue_date, i.due_date, greatest(s.last_paid_on, i.issue_date), s.paid
      from invoices i cross join lateral (
        select sum(a.amount) as allocated, (sum(a.amount) filter (where a.payment_id is not null))::bigint as paid,
               max(a.allocated_on) filter (where a.payment_id is not null) as last_paid_on
          from allocations a where a.org_id = ${orgId} and a.invoice_id = i.id and a.reversed_at is null and a.allocated_on <= ${asOf}::date
      ) s
     where ${scope} and i.status = 'written_off' and s.last_paid_on is not null
       and i.total - s.allocated - case when ${writeOffDay(timeZone)} <= ${asOf}::date then i.balance else 0 end = 0
  )`;
}

/**
 * The exact sum of days × amount over the rows: multiplied as bigints where that cannot overflow (a day count
 * is below 2^31, so an amount below 2^32 is safe), as numerics only for larger amounts (numerics on every row
 * make the payment behaviour query a fifth slower).
 */
function sumOfProducts(days: SQL, amount: SQL): SQL {
  return sql`(coalesce(sum(${days}::bigint * ${amount}) filter (where ${amount} < 4294967296), 0)
    + coalesce(sum(${days}::numeric * ${amount}) filter (where ${amount} >= 4294967296), 0))`;
}

export interface BehaviourSumsRow {
  readonly currency: string;
  readonly customerId: string;
  readonly paidInvoices: number;
  readonly paidLate: number;
  readonly daysLate: bigint;
  readonly amountWeightedDaysLate: bigint;
  readonly amountPaid: bigint;
  readonly daysToPay: bigint;
}

/**
 * Sums over the invoices each customer finished paying by `asOf` (today or later), last payment on or after
 * `paidSince`: what average days late, share paid late and days to pay are computed from.
 */
export async function behaviourSums(
  db: Db,
  orgId: string,
  asOf: string,
  paidSince: string,
  timeZone: string,
  customerId?: string,
): Promise<BehaviourSumsRow[]> {
  const rows = await queryRows<{ currency: string; customer_id: string; n: string; late: string; days_late: string; weighted: string; paid: string; days_to_pay: string }>(
    db,
    sql`
    select s.currency, s.customer_id::text, count(*)::text as n,
           count(*) filter (where s.paid_on > s.due_date)::text as late,
           sum(greatest(s.paid_on - s.due_date, 0))::text as days_late,
           ${sumOfProducts(sql`greatest(s.paid_on - s.due_date, 0)`, sql`s.amount_paid`)}::text as weighted,
           sum(s.amount_paid)::text as paid,
           sum(s.paid_on - s.issue_date)::text as days_to_pay
      from ${settledInvoices(orgId, asOf, timeZone, customerId)} s
     where s.paid_on >= ${paidSince}::date
     group by s.customer_id, s.currency`,
  );
  return rows.map((r) => ({
    currency: r.currency,
    customerId: r.customer_id,
    paidInvoices: toSafeInteger(r.n),
    paidLate: toSafeInteger(r.late),
    daysLate: BigInt(r.days_late),
    amountWeightedDaysLate: BigInt(r.weighted),
    amountPaid: BigInt(r.paid),
    daysToPay: BigInt(r.days_to_pay),
  }));
}

export interface SettledSampleRow {
  readonly id: string;
  readonly currency: string;
  readonly customerId: string;
  readonly issueDate: string;
  readonly dueDate: string;
  readonly paidOn: string;
  readonly amountPaid: number;
}

/**
 * The most recently settled invoices: per currency, each customer's `customerWindow` latest and the
 * organization's `organizationWindow` latest (newest payment first, then invoice id) — all that pay-date
 * prediction reads from the history.
 */
export async function recentSettlements(
  db: Db,
  orgId: string,
  asOf: string,
  timeZone: string,
  windows: { customerWindow: number; organizationWindow: number },
): Promise<SettledSampleRow[]> {
  const rows = await queryRows<{ id: string; currency: string; customer_id: string; issue_date: string; due_date: string; paid_on: string; amount_paid: string }>(
    db,
    sql`
    select id::text, currency, customer_id::text, issue_date::text, due_date::text, paid_on::text, amount_paid::text from (
      select s.*,
             row_number() over (partition by s.currency, s.customer_id order by s.paid_on desc, s.id) as by_customer,
             row_number() over (partition by s.currency order by s.paid_on desc, s.id) as by_org
        from ${settledInvoices(orgId, asOf, timeZone)} s
    ) ranked
    where by_customer <= ${windows.customerWindow} or by_org <= ${windows.organizationWindow}`,
  );
  return rows.map((r) => ({
    id: r.id,
    currency: r.currency,
    customerId: r.customer_id,
    issueDate: r.issue_date,
    dueDate: r.due_date,
    paidOn: r.paid_on,
    amountPaid: toSafeInteger(r.amount_paid),
  }));
}

export interface OpenInvoiceRow {
  readonly id: string;
  readonly number: string | null;
  readonly currency: string;
  readonly customerId: string;
  readonly issueDate: string;
  readonly dueDate: string;
  readonly balance: number;
}

/** Invoices with money owed at the close of `asOf`, with that balance. */
export async function openInvoices(
  db: Db,
  orgId: string,
  asOf: string,
  timeZone: string,
  filter: { customerId?: string; currency?: string } = {},
): Promise<OpenInvoiceRow[]> {
  const rows = await queryRows<{ id: string; number: string | null; currency: string; customer_id: string; issue_date: string; due_date: string; balance: string }>(
    db,
    sql`
    select x.* from (
      select i.id::text, i.number, i.currency, i.customer_id::text, i.issue_date::text, i.due_date::text, (${balanceAt(asOf, timeZone)})::text as balance
        from invoices i left join ${allocationsAfter(orgId, asOf)} after on after.invoice_id = i.id
       where i.org_id = ${orgId} and ${ISSUED} and i.issue_date <= ${asOf}::date
         and (i.balance > 0 or after.amount is not null)
         ${filter.customerId ? sql`and i.customer_id = ${filter.customerId}` : sql``}
         ${filter.currency ? sql`and i.currency = ${filter.currency}` : sql``}
    ) x where x.balance::bigint > 0`,
  );
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    currency: r.currency,
    customerId: r.customer_id,
    issueDate: r.issue_date,
    dueDate: r.due_date,
    balance: toSafeInteger(r.balance),
  }));
}

export interface CollectedRow {
  readonly currency: string;
  readonly amount: number;
  readonly payments: number;
}

/** Money received from customers between two days (both included), net of reversals, per currency. */
export async function collectedBetween(db: Db, orgId: string, from: string, to: string): Promise<CollectedRow[]> {
  const rows = await queryRows<{ currency: string; amount: string; n: string }>(
    db,
    sql`select currency, sum(amount)::text as amount, count(*)::text as n from payments
         where org_id = ${orgId} and status = 'recorded' and received_on between ${from}::date and ${to}::date
         group by currency order by currency`,
  );
  return rows.map((r) => ({ currency: r.currency, amount: toSafeInteger(r.amount), payments: toSafeInteger(r.n) }));
}

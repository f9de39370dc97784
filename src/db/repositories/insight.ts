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
 * Reports are a handful of large aggregates whose cost PostgreSQL overestimates; compiling them with JIT costs
 * more than running them (over a second on a million invoices), so it is off for the report's transaction.
 */
export async function withoutJit(tx: Db): Promise<void> {
  await tx.execute(sql`set local jit = off`);
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
  // Stand-in dates per invoice; two separate scans (sales, then allocations joined to their invoices) so
  // PostgreSQL can run each in parallel.
  const repIssue = sql`greatest(i.issue_date - extract(day from i.issue_date)::int + 1, (${cuts})[width_bucket(i.issue_date, ${cuts})])`;
  const repDue = sql`greatest(${repIssue}, (${d})[width_bucket(i.due_date, ${d})])`;
  const scope = sql`i.org_id = ${orgId} and ${ISSUED} and i.issue_date <= ${last}::date`;
  type Row = { currency: string; issue_date: string; due_date: string; on_date: string | null; amount: string; n: string | null };
  const sales = await queryRows<Row>(
    db,
    sql`select currency, issue_date::text, due_date::text, null as on_date, amount::text, n::text from (
          select i.currency, ${repIssue} as issue_date, ${repDue} as due_date, sum(i.total) as amount, count(*) as n
            from invoices i where ${scope} group by 1, 2, 3) g`,
  );
  const moves = await queryRows<Row>(
    db,
    sql`select currency, issue_date::text, due_date::text, on_date::text, amount::text, null as n from (
          select currency, issue_date, due_date, on_date, sum(amount) as amount from (
            select i.currency, ${repIssue} as issue_date, ${repDue} as due_date,
                   (${d})[width_bucket(greatest(a.allocated_on, i.issue_date) - 1, ${d}) + 1] as on_date, a.amount
              from allocations a join invoices i on i.org_id = a.org_id and i.id = a.invoice_id
             where a.org_id = ${orgId} and a.reversed_at is null and a.allocated_on <= ${last}::date and ${scope}
            union all
            select i.currency, ${repIssue}, ${repDue}, (${d})[width_bucket(${writeOffDay(timeZone)} - 1, ${d}) + 1], i.balance
              from invoices i where ${scope} and i.status = 'written_off' and i.balance > 0
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

export interface AgingGroupRow {
  readonly currency: string;
  readonly customerId: string;
  readonly customerName: string;
  /** 0 = not yet due; k = the k-th overdue bucket. */
  readonly bucket: number;
  readonly amount: number;
  readonly invoices: number;
  /** Days past due of the oldest invoice in the group (negative when none is due yet). */
  readonly maxDaysPastDue: number;
}

/**
 * Open balances at the close of `asOf` by currency, customer and bucket. `firstDays` are the first days past
 * due of each overdue bucket ([1, 31, 61, 91] for the standard buckets), strictly increasing.
 */
export async function agingGroups(
  db: Db,
  orgId: string,
  asOf: string,
  firstDays: readonly number[],
  timeZone: string,
  filter: { customerId?: string; currency?: string } = {},
): Promise<AgingGroupRow[]> {
  const rows = await queryRows<{ currency: string; customer_id: string; name: string; bucket: number; amount: string; n: string; max_days: number }>(
    db,
    sql`
    select g.currency, g.customer_id::text, c.name, g.bucket, g.amount::text, g.n::text, g.max_days from (
      select x.currency, x.customer_id, width_bucket(${asOf}::date - x.due_date, ${intArray(firstDays)}) as bucket,
             sum(x.balance) as amount, count(*) as n, max(${asOf}::date - x.due_date) as max_days
        from (
          select i.currency, i.customer_id, i.due_date, ${balanceAt(asOf, timeZone)} as balance
            from invoices i left join ${allocationsAfter(orgId, asOf, filter.customerId)} after on after.invoice_id = i.id
           where i.org_id = ${orgId} and ${ISSUED} and i.issue_date <= ${asOf}::date
             and (i.balance > 0 or after.amount is not null)
             ${filter.customerId ? sql`and i.customer_id = ${filter.customerId}` : sql``}
             ${filter.currency ? sql`and i.currency = ${filter.currency}` : sql``}
        ) x
       where x.balance > 0
       group by 1, 2, 3
    ) g join customers c on c.org_id = ${orgId} and c.id = g.customer_id`,
  );
  return rows.map((r) => ({
    currency: r.currency,
    customerId: r.customer_id,
    customerName: r.name,
    bucket: Number(r.bucket),
    amount: toSafeInteger(r.amount),
    invoices: toSafeInteger(r.n),
    maxDaysPastDue: Number(r.max_days),
  }));
}

/** Invoices settled (balance zero, at least one payment) at the close of `asOf`, as one row each. */
export function settledInvoices(orgId: string, asOf: string, timeZone: string): SQL {
  // Only paid and written-off invoices can have a zero balance on or after today; asOf is never earlier.
  return sql`(
    select i.id, i.customer_id, i.currency, i.issue_date, i.due_date,
           max(greatest(a.allocated_on, i.issue_date)) filter (where a.payment_id is not null) as paid_on,
           coalesce(sum(a.amount) filter (where a.payment_id is not null), 0) as amount_paid
      from invoices i
      join allocations a on a.org_id = i.org_id and a.invoice_id = i.id and a.reversed_at is null and a.allocated_on <= ${asOf}::date
     where i.org_id = ${orgId} and i.kind = 'invoice' and i.status in ('paid', 'written_off') and i.issue_date <= ${asOf}::date
     group by i.org_id, i.id
    having i.total - sum(a.amount) - case when i.status = 'written_off' and ${writeOffDay(timeZone)} <= ${asOf}::date then i.balance else 0 end = 0
       and coalesce(sum(a.amount) filter (where a.payment_id is not null), 0) > 0
  )`;
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
           sum(greatest(s.paid_on - s.due_date, 0)::numeric * s.amount_paid)::text as weighted,
           sum(s.amount_paid)::text as paid,
           sum(s.paid_on - s.issue_date)::text as days_to_pay
      from ${settledInvoices(orgId, asOf, timeZone)} s
     where s.paid_on >= ${paidSince}::date ${customerId ? sql`and s.customer_id = ${customerId}` : sql``}
     group by 1, 2`,
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

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

const ISSUED = sql`i.kind = 'invoice' and i.status not in ('draft', 'void')`;

/** The write-off day of a written-off invoice, in the organization's time zone; null for other invoices. */
function writeOffDay(timeZone: string): SQL {
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

/** Allocations dated after asOf, per invoice: what must be added back to today's balance. */
function allocationsAfter(orgId: string, asOf: string): SQL {
  return sql`(select a.invoice_id, sum(a.amount)::bigint as amount from allocations a
     where a.org_id = ${orgId} and a.reversed_at is null and a.allocated_on > ${asOf}::date group by a.invoice_id)`;
}

export interface AgingGroupRow {
  readonly currency: string;
  readonly customerId: string;
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
  const rows = await queryRows<{ currency: string; customer_id: string; bucket: number; amount: string; n: string; max_days: number }>(
    db,
    sql`
    select g.currency, g.customer_id::text, g.bucket, g.amount::text, g.n::text, g.max_days from (
      select x.currency, x.customer_id, width_bucket(${asOf}::date - x.due_date, ${intArray(firstDays)}) as bucket,
             sum(x.balance) as amount, count(*) as n, max(${asOf}::date - x.due_date) as max_days
        from (
          select i.currency, i.customer_id, i.due_date, ${balanceAt(asOf, timeZone)} as balance
            from invoices i left join ${allocationsAfter(orgId, asOf)} after on after.invoice_id = i.id
           where i.org_id = ${orgId} and ${ISSUED} and i.issue_date <= ${asOf}::date
             and (i.balance > 0 or after.amount is not null)
             ${filter.customerId ? sql`and i.customer_id = ${filter.customerId}` : sql``}
             ${filter.currency ? sql`and i.currency = ${filter.currency}` : sql``}
        ) x
       where x.balance > 0
       group by 1, 2, 3
    ) g`,
  );
  return rows.map((r) => ({
    currency: r.currency,
    customerId: r.customer_id,
    bucket: Number(r.bucket),
    amount: toSafeInteger(r.amount),
    invoices: toSafeInteger(r.n),
    maxDaysPastDue: Number(r.max_days),
  }));
}

/** Invoices settled (balance zero, at least one payment) at the close of `asOf`, as one row each. */
function settledInvoices(orgId: string, asOf: string, timeZone: string): SQL {
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

export interface CustomerBriefRow {
  readonly id: string;
  readonly name: string;
  readonly currency: string;
  readonly creditLimit: number | null;
  readonly status: string;
  readonly tags: string[];
}

/** Customers by name search (name, legal name, reference, tax id), or by ids; name order. */
export async function customerBriefs(db: Db, orgId: string, by: { q?: string; ids?: readonly string[]; limit: number }): Promise<CustomerBriefRow[]> {
  if (by.ids && by.ids.length === 0) return [];
  const like = by.q ? `%${by.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  const rows = await queryRows<{ id: string; name: string; currency: string; credit_limit: string | null; status: string; tags: string[] }>(
    db,
    sql`select id::text, name, currency, credit_limit::text, status, tags from customers
         where org_id = ${orgId}
           ${like ? sql`and (name ilike ${like} or legal_name ilike ${like} or external_ref ilike ${like} or tax_id ilike ${like})` : sql``}
           ${by.ids ? sql`and id = any(${`{${by.ids.join(',')}}`}::uuid[])` : sql``}
         order by name, id limit ${by.limit}`,
  );
  return rows.map((r) => ({ id: r.id, name: r.name, currency: r.currency, creditLimit: r.credit_limit === null ? null : toSafeInteger(r.credit_limit), status: r.status, tags: r.tags }));
}

export interface CollectionCounts {
  readonly promisesDueToday: number;
  readonly brokenPromises: number;
  readonly openDisputes: number;
}

/** Open promises falling due today, promises broken since `brokenSince`, and disputes still open. */
export async function collectionCounts(db: Db, orgId: string, today: string, brokenSince: string): Promise<CollectionCounts> {
  const [row] = await queryRows<{ due: string; broken: string; disputes: string }>(
    db,
    sql`select
      (select count(*) from payment_promises where org_id = ${orgId} and status = 'open' and promised_date = ${today}::date)::text as due,
      (select count(*) from payment_promises where org_id = ${orgId} and status = 'broken' and promised_date >= ${brokenSince}::date)::text as broken,
      (select count(*) from disputes where org_id = ${orgId} and status = 'open')::text as disputes`,
  );
  return { promisesDueToday: toSafeInteger(row?.due ?? 0), brokenPromises: toSafeInteger(row?.broken ?? 0), openDisputes: toSafeInteger(row?.disputes ?? 0) };
}

/** Per customer: promises broken since `brokenSince` and disputes still open — what risk scoring counts. */
export async function riskCollectionFacts(db: Db, orgId: string, brokenSince: string, customerId?: string): Promise<Map<string, { brokenPromises: number; openDisputes: number }>> {
  const only = customerId ? sql`and customer_id = ${customerId}` : sql``;
  const rows = await queryRows<{ customer_id: string; broken: string; disputes: string }>(
    db,
    sql`select customer_id::text, sum(broken)::text as broken, sum(disputes)::text as disputes from (
          select customer_id, 1 as broken, 0 as disputes from payment_promises
           where org_id = ${orgId} and status = 'broken' and promised_date >= ${brokenSince}::date ${only}
          union all
          select customer_id, 0, 1 from disputes where org_id = ${orgId} and status = 'open' ${only}
        ) x group by customer_id`,
  );
  return new Map(rows.map((r) => [r.customer_id, { brokenPromises: toSafeInteger(r.broken), openDisputes: toSafeInteger(r.disputes) }]));
}

export interface CustomerWorkRow {
  readonly customerId: string;
  readonly collectorName: string | null;
  /** The customer's earliest open collection task. */
  readonly nextTask: { readonly title: string; readonly dueOn: string; readonly kind: string } | null;
  /** The earliest day dunning looks at one of the customer's invoices again. */
  readonly nextReminderCheck: string | null;
}

/** Who works each customer and what happens next: the earliest open task and the next dunning check. */
export async function customerWork(db: Db, orgId: string, customerIds: readonly string[]): Promise<Map<string, CustomerWorkRow>> {
  if (customerIds.length === 0) return new Map();
  const ids = sql`${`{${customerIds.join(',')}}`}::uuid[]`;
  const rows = await queryRows<{ customer_id: string; collector: string | null; title: string | null; due_on: string | null; kind: string | null; next_check: string | null }>(
    db,
    sql`select c.id::text as customer_id, u.name as collector, t.title, t.due_on::text, t.kind, s.next_check::text
          from unnest(${ids}) as c(id)
          left join dunning_customer_settings d on d.org_id = ${orgId} and d.customer_id = c.id
          left join users u on u.org_id = ${orgId} and u.id = d.collector_id
          left join lateral (select title, due_on, kind from collection_tasks
                              where org_id = ${orgId} and customer_id = c.id and status = 'open' order by due_on, id limit 1) t on true
          left join lateral (select min(st.next_check_on) as next_check from dunning_invoice_state st
                               join invoices i on i.org_id = st.org_id and i.id = st.invoice_id
                              where st.org_id = ${orgId} and i.customer_id = c.id and i.status in ('open', 'partially_paid', 'uncollectible')) s on true`,
  );
  return new Map(
    rows.map((r) => [
      r.customer_id,
      { customerId: r.customer_id, collectorName: r.collector, nextTask: r.title && r.due_on && r.kind ? { title: r.title, dueOn: r.due_on, kind: r.kind } : null, nextReminderCheck: r.next_check },
    ]),
  );
}

export interface TimelineRow {
  readonly kind: 'event' | 'message' | 'portal_view';
  readonly id: string;
  /** UTC, to the microsecond, so it can serve as a cursor. */
  readonly at: string;
  readonly entityType: string | null;
  readonly entityId: string | null;
  readonly action: string | null;
  readonly actorType: string | null;
  readonly actorName: string | null;
  readonly before: unknown;
  readonly after: unknown;
  readonly invoiceNumber: string | null;
  /** Of the invoice or payment the entry is about. */
  readonly currency: string | null;
  readonly channel: string | null;
  readonly status: string | null;
  readonly subject: string | null;
  readonly body: string | null;
  readonly recipient: string | null;
  readonly views: number | null;
}

/**
 * Everything that happened with one customer, newest first: its own events and those of its invoices and
 * payments (a fact logged on both the customer and its invoices shows once), every message to it with its
 * content, and its views of invoices in the portal. Keyset-paged on (time, id).
 */
export async function customerTimeline(
  db: Db,
  orgId: string,
  customerId: string,
  page: { before?: { at: string; id: string }; limit: number },
): Promise<TimelineRow[]> {
  const before = page.before ? sql`and (x.at, x.id) < (${page.before.at}::timestamptz, ${page.before.id}::uuid)` : sql``;
  const rows = await queryRows<{
    kind: TimelineRow['kind'];
    id: string;
    at: string;
    entity_type: string | null;
    entity_id: string | null;
    action: string | null;
    actor_type: string | null;
    actor_id: string | null;
    before: unknown;
    after: unknown;
    invoice_number: string | null;
    currency: string | null;
    channel: string | null;
    status: string | null;
    subject: string | null;
    body: string | null;
    recipient: string | null;
    views: number | null;
  }>(
    db,
    sql`
    with own_invoices as (select id, number, currency from invoices where org_id = ${orgId} and customer_id = ${customerId}),
    own_payments as (select id, currency from payments where org_id = ${orgId} and customer_id = ${customerId}),
    x as (
      select 'event' as kind, e.id, e.occurred_at as at, e.entity_type, e.entity_id, e.action, e.actor_type, e.actor_id, e.before, e.after,
             null::text as invoice_number, null::text as currency, null::text as channel, null::text as status, null::text as subject, null::text as body, null::text as recipient, null::int as views
        from events e where e.org_id = ${orgId} and e.entity_type = 'customer' and e.entity_id = ${customerId}
      union all
      select 'event', e.id, e.occurred_at, e.entity_type, e.entity_id, e.action, e.actor_type, e.actor_id, e.before, e.after,
             oi.number, oi.currency, null, null, null, null, null, null
        from own_invoices oi join events e on e.org_id = ${orgId} and e.entity_type = 'invoice' and e.entity_id = oi.id
       where not exists (select 1 from events c where c.org_id = ${orgId} and c.entity_type = 'customer' and c.entity_id = ${customerId}
                           and c.action = e.action and c.occurred_at = e.occurred_at)
      union all
      select 'event', e.id, e.occurred_at, e.entity_type, e.entity_id, e.action, e.actor_type, e.actor_id, e.before, e.after,
             null, op.currency, null, null, null, null, null, null
        from own_payments op join events e on e.org_id = ${orgId} and e.entity_type = 'payment' and e.entity_id = op.id
      union all
      select 'message', o.id, coalesce(o.sent_at, o.created_at), 'message', o.id, o.kind, null, null, null, null,
             null, null, o.channel, o.status, o.subject, o.body_text, o.recipient, null
        from outbox o where o.org_id = ${orgId} and o.customer_id = ${customerId}
      union all
      select 'portal_view', v.invoice_id, v.last_viewed_at, 'invoice', v.invoice_id, 'portal.viewed', 'customer', null, null, null,
             oi.number, oi.currency, null, null, null, null, null, v.views
        from portal_invoice_views v join own_invoices oi on oi.id = v.invoice_id where v.org_id = ${orgId}
    )
    select x.kind, x.id::text, to_char(x.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, x.entity_type, x.entity_id::text, x.action, x.actor_type, x.actor_id, x.before, x.after,
           x.invoice_number, x.currency, x.channel, x.status, x.subject, x.body, x.recipient, x.views
      from x where true ${before}
     order by x.at desc, x.id desc
     limit ${page.limit}`,
  );
  const userIds = [...new Set(rows.filter((r) => r.actor_type === 'user' && r.actor_id).map((r) => r.actor_id!))];
  const keyIds = [...new Set(rows.filter((r) => r.actor_type === 'api_key' && r.actor_id).map((r) => r.actor_id!))];
  const names = new Map<string, string>();
  if (userIds.length > 0)
    for (const u of await queryRows<{ id: string; name: string }>(db, sql`select id::text, name from users where org_id = ${orgId} and id = any(${`{${userIds.join(',')}}`}::uuid[])`))
      names.set(u.id, u.name);
  if (keyIds.length > 0)
    for (const k of await queryRows<{ id: string; name: string }>(db, sql`select id::text, name from api_keys where org_id = ${orgId} and id = any(${`{${keyIds.join(',')}}`}::uuid[])`))
      names.set(k.id, k.name);
  return rows.map((r) => ({
    kind: r.kind,
    id: r.id,
    at: r.at,
    entityType: r.entity_type,
    entityId: r.entity_id,
    action: r.action,
    actorType: r.actor_type,
    actorName: r.actor_id ? (names.get(r.actor_id) ?? null) : null,
    before: r.before,
    after: r.after,
    invoiceNumber: r.invoice_number,
    currency: r.currency,
    channel: r.channel,
    status: r.status,
    subject: r.subject,
    body: r.body,
    recipient: r.recipient,
    views: r.views,
  }));
}

export interface ReminderSendRow {
  readonly invoiceId: string;
  readonly stepId: string;
  readonly sentOn: string;
}

/** Reminder steps sent (not skipped, not released because cancelled before going out), with their day. */
export async function reminderSends(db: Db, orgId: string): Promise<ReminderSendRow[]> {
  const rows = await queryRows<{ invoice_id: string; step_id: string; on: string }>(
    db,
    sql`select invoice_id::text, step_id, "on"::text from dunning_history
         where org_id = ${orgId} and outcome = 'sent' and not released`,
  );
  return rows.map((r) => ({ invoiceId: r.invoice_id, stepId: r.step_id, sentOn: r.on }));
}

export interface RemindedInvoiceRow {
  readonly id: string;
  readonly currency: string;
  readonly customerId: string;
  readonly issueDate: string;
  readonly dueDate: string;
  readonly total: number;
  /** When the invoice was settled by `asOf` (balance zero, at least one payment): the last payment and its sum. */
  readonly settlement: { readonly paidOn: string; readonly amountPaid: number } | null;
}

/** The issued invoices that were sent a reminder, each with its settlement at the close of `asOf`. */
export async function remindedInvoices(db: Db, orgId: string, asOf: string, timeZone: string): Promise<RemindedInvoiceRow[]> {
  const rows = await queryRows<{ id: string; currency: string; customer_id: string; issue_date: string; due_date: string; total: string; paid_on: string | null; amount_paid: string | null }>(
    db,
    sql`with reminded as (select distinct invoice_id from dunning_history where org_id = ${orgId} and outcome = 'sent' and not released)
        select i.id::text, i.currency, i.customer_id::text, i.issue_date::text, i.due_date::text, i.total::text, s.paid_on::text, s.amount_paid::text
          from reminded r
          join invoices i on i.org_id = ${orgId} and i.id = r.invoice_id and ${ISSUED}
          left join ${settledInvoices(orgId, asOf, timeZone)} s on s.id = i.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    currency: r.currency,
    customerId: r.customer_id,
    issueDate: r.issue_date,
    dueDate: r.due_date,
    total: toSafeInteger(r.total),
    settlement: r.paid_on && r.amount_paid ? { paidOn: r.paid_on, amountPaid: toSafeInteger(r.amount_paid) } : null,
  }));
}

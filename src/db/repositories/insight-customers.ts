import { sql } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { queryRows } from '../raw.ts';
import { toSafeInteger } from './insight.ts';

// Customers as receivables insight reads them: names for reports, what the collections area knows that
// weighs on risk (broken promises, open disputes), and who works each customer and what comes next.

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
          left join lateral (select min(st.next_check_on) filter (where st.next_check_on > '-infinity') as next_check from dunning_invoice_state st
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

import { sql } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { queryRows } from '../raw.ts';
import { ISSUED, settledInvoices, toSafeInteger } from './insight.ts';

// What dunning sent, and what became of the reminded invoices: the inputs of reminder effectiveness.

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

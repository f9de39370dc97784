import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { LateFeeComponent, LateFeePolicy } from '../../domain/fees/index.ts';
import type { VatCategory } from '../../domain/vat-category.ts';

// Terms that pay: late-fee policies and the fees posted under them, deposits, retainers and recurring
// invoices. Every table is tenant-scoped like the core ones: org_id leads every key.
const money = (name: string) => bigint(name, { mode: 'number' });
const day = (name: string) => date(name, { mode: 'string' });
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** The organization's default (customer_id null) and per-customer overrides. */
export const lateFeePolicies = pgTable(
  'late_fee_policies',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id'),
    policy: jsonb('policy').$type<LateFeePolicy>().notNull(),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('late_fee_policies_default_key').on(t.orgId).where(sql`${t.customerId} is null`),
    uniqueIndex('late_fee_policies_customer_key').on(t.orgId, t.customerId).where(sql`${t.customerId} is not null`),
  ],
);

/** Organization-wide settings of this area, one row per key (reference_rates, deposit_policy). */
export const termsSettings = pgTable(
  'terms_settings',
  {
    orgId: uuid('org_id').notNull(),
    key: text('key').notNull(),
    value: jsonb('value').$type<unknown>().notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.key] }), check('terms_settings_key_check', sql`${t.key} in ('reference_rates', 'deposit_policy')`)],
);

/**
 * One row per component posted on a late-fee invoice. The unique key makes a dunning step that runs twice
 * post nothing the second time; a waiver keeps the row and records how much was waived and by which note.
 */
export const lateFeeCharges = pgTable(
  'late_fee_charges',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    invoiceId: uuid('invoice_id').notNull(),
    feeInvoiceId: uuid('fee_invoice_id').notNull(),
    stepIndex: integer('step_index').notNull(),
    component: text('component').$type<LateFeeComponent>().notNull(),
    amount: money('amount').notNull(),
    capped: boolean('capped').notNull(),
    asOf: day('as_of').notNull(),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    waivedAmount: money('waived_amount').notNull().default(0),
    waiverCreditNoteId: uuid('waiver_credit_note_id'),
    waiverReason: text('waiver_reason'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('late_fee_charges_step_key').on(t.orgId, t.invoiceId, t.stepIndex, t.component),
    index('late_fee_charges_fee_invoice_idx').on(t.orgId, t.feeInvoiceId),
    check('late_fee_charges_component_check', sql`${t.component} in ('fee', 'interest', 'compensation')`),
    check('late_fee_charges_amount_check', sql`${t.amount} > 0 and ${t.waivedAmount} >= 0 and ${t.waivedAmount} <= ${t.amount}`),
  ],
);

/** A customer's prepaid retainer: a notice goes out when their credit falls below the minimum. */
export const customerRetainers = pgTable(
  'customer_retainers',
  {
    orgId: uuid('org_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    currency: text('currency').notNull(),
    minimumBalance: money('minimum_balance').notNull(),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.customerId] }), check('customer_retainers_minimum_check', sql`${t.minimumBalance} > 0`)],
);

/** A deposit (advance) invoice requested before work starts, and where it was deducted in the end. */
export const deposits = pgTable(
  'deposits',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    invoiceId: uuid('invoice_id').notNull(),
    currency: text('currency').notNull(),
    plannedTotal: money('planned_total'),
    percentBp: integer('percent_bp'),
    amount: money('amount').notNull(),
    reasons: text('reasons').array().notNull().default(sql`'{}'::text[]`),
    finalInvoiceId: uuid('final_invoice_id'),
    creditNoteId: uuid('credit_note_id'),
    settledAt: instant('settled_at'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('deposits_invoice_key').on(t.orgId, t.invoiceId),
    index('deposits_customer_idx').on(t.orgId, t.customerId),
    check('deposits_amount_check', sql`${t.amount} > 0`),
  ],
);

export interface RecurringLine {
  description: string;
  quantity: string;
  unitPrice: number;
  taxRateBp?: number;
  taxCategory?: VatCategory;
  taxExemptionCode?: string;
  taxExemptionReason?: string;
  discountBp?: number;
}

/** What each issued invoice copies: the same fields an invoice is created with. */
export interface RecurringTemplate {
  currency: string;
  series: string;
  paymentTerms: string;
  lines: RecurringLine[];
  poNumber: string | null;
  notes: string | null;
  termsText: string | null;
  earlyPayment: { percentBp: number; days: number } | null;
}

export const recurringSchedules = pgTable(
  'recurring_schedules',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    name: text('name').notNull(),
    frequency: text('frequency').notNull(),
    rrule: text('rrule'),
    startDate: day('start_date').notNull(),
    endDate: day('end_date'),
    /** The next occurrence not yet handled; null once the schedule has no more. */
    nextRunDate: day('next_run_date'),
    lastPeriod: day('last_period'),
    status: text('status').notNull().default('active'),
    statusReason: text('status_reason'),
    catchUp: text('catch_up').notNull().default('latest'),
    sendEmail: boolean('send_email').notNull().default(true),
    autopay: boolean('autopay').notNull().default(false),
    template: jsonb('template').$type<RecurringTemplate>().notNull(),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('recurring_schedules_due_idx').on(t.nextRunDate).where(sql`${t.status} = 'active'`),
    index('recurring_schedules_customer_idx').on(t.orgId, t.customerId),
    check('recurring_schedules_frequency_check', sql`${t.frequency} in ('weekly', 'biweekly', 'monthly', 'quarterly', 'yearly', 'rrule')`),
    check('recurring_schedules_status_check', sql`${t.status} in ('active', 'paused', 'ended')`),
    check('recurring_schedules_catch_up_check', sql`${t.catchUp} in ('latest', 'all')`),
  ],
);

/** One row per occurrence handled: the unique key is what makes a period impossible to bill twice. */
export const recurringRuns = pgTable(
  'recurring_runs',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    scheduleId: uuid('schedule_id').notNull(),
    period: day('period').notNull(),
    outcome: text('outcome').notNull(),
    invoiceId: uuid('invoice_id'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('recurring_runs_period_key').on(t.orgId, t.scheduleId, t.period),
    check('recurring_runs_outcome_check', sql`${t.outcome} in ('issued', 'skipped')`),
  ],
);

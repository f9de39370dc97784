import { sql } from 'drizzle-orm';
import { bigint, boolean, check, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import type { DunningStep } from '../../domain/dunning/index.ts';

// Dunning and collections: policies and where they apply, the record of every reminder step decided, and the
// facts that pause or replace reminders (disputes, promises, "already paid" claims, payment plans), plus the
// collectors' tasks and notes.

const money = (name: string) => bigint(name, { mode: 'number' });
const day = (name: string) => date(name, { mode: 'string' });
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const dunningPolicies = pgTable(
  'dunning_policies',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    /** Checked by validatePolicy on every save; step ids stay stable across edits because history refers to them. */
    steps: jsonb('steps').$type<DunningStep[]>().notNull(),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

// One row per organization, created on first save; no row means the defaults (built-in policy, 09:00–17:00,
// Monday to Friday). Policy ids are text: an organization's policy uuid or "default", the built-in policy.
export const dunningSettings = pgTable(
  'dunning_settings',
  {
    orgId: uuid('org_id').primaryKey(),
    defaultPolicyId: text('default_policy_id'),
    /** Dunning off for the whole organization unless a customer or invoice chooses a policy. */
    excluded: boolean('excluded').notNull().default(false),
    windowStart: text('window_start').notNull().default('09:00'),
    windowEnd: text('window_end').notNull().default('17:00'),
    workingDays: integer('working_days').array().notNull().default(sql`'{1,2,3,4,5}'::integer[]`),
    nonWorkingDates: day('non_working_dates').array().notNull().default(sql`'{}'::date[]`),
    replyTo: text('reply_to'),
    updatedAt: instant('updated_at').notNull(),
  },
);

export const dunningCustomerSettings = pgTable(
  'dunning_customer_settings',
  {
    orgId: uuid('org_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    policyId: text('policy_id'),
    excluded: boolean('excluded').notNull().default(false),
    /** The user who works this customer's calls; null sends its tasks to the team queue. */
    collectorId: uuid('collector_id'),
    /** Targets steps with risk conditions; medium when not set. */
    riskLevel: text('risk_level'),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.customerId] }),
    check('dunning_customer_settings_risk_check', sql`${t.riskLevel} in ('low', 'medium', 'high')`),
  ],
);

export const dunningInvoiceSettings = pgTable(
  'dunning_invoice_settings',
  {
    orgId: uuid('org_id').notNull(),
    invoiceId: uuid('invoice_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    policyId: text('policy_id'),
    excluded: boolean('excluded').notNull().default(false),
    /** Paused by hand: no reminder until resumed; steps falling meanwhile are caught up once. */
    paused: boolean('paused').notNull().default(false),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.invoiceId] }), index('dunning_invoice_settings_customer_idx').on(t.orgId, t.customerId)],
);

// The planner's memory: one row per step occurrence sent (handed to the outbox, or made a task) or skipped.
// A row is released when the batch message carrying it was cancelled because of another invoice, so the
// step is offered again; released rows are kept for the timeline.
export const dunningHistory = pgTable(
  'dunning_history',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    invoiceId: uuid('invoice_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    policyId: text('policy_id').notNull(),
    planId: uuid('plan_id'),
    stepId: text('step_id').notNull(),
    occurrence: integer('occurrence').notNull(),
    installment: integer('installment'),
    on: day('on').notNull(),
    outcome: text('outcome').notNull(),
    reason: text('reason').notNull(),
    channel: text('channel'),
    /** Idempotency key of the outbox row or task that carried the step. */
    messageKey: text('message_key'),
    released: boolean('released').notNull().default(false),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('dunning_history_occurrence_key')
      .on(t.orgId, t.invoiceId, t.stepId, sql`coalesce(${t.installment}, 0)`, t.occurrence)
      .where(sql`not ${t.released}`),
    index('dunning_history_invoice_idx').on(t.orgId, t.invoiceId),
    index('dunning_history_customer_day_idx').on(t.orgId, t.customerId, t.on),
    index('dunning_history_message_idx').on(t.orgId, t.messageKey),
    check('dunning_history_outcome_check', sql`${t.outcome} in ('sent', 'skipped')`),
  ],
);

// When the tick next needs to look at an invoice (its next step, a promise date, a grace end). Every open
// invoice has a row, kept by a trigger on invoices (migration 0020): '-infinity' until a tick has looked at it,
// and again after any change (payment, dispute, setting) that can make it due. A null date: only such a change
// can. The daily tick starts from this index alone, so its cost follows what is due, not the ledger's size.
export const dunningInvoiceState = pgTable(
  'dunning_invoice_state',
  {
    orgId: uuid('org_id').notNull(),
    invoiceId: uuid('invoice_id').notNull(),
    nextCheckOn: day('next_check_on'),
    /** Null until a tick has looked at the invoice. */
    checkedOn: day('checked_on'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.invoiceId] }), index('dunning_invoice_state_next_check_idx').on(t.orgId, t.nextCheckOn)],
);

export const disputes = pgTable(
  'disputes',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    invoiceId: uuid('invoice_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    reasonCode: text('reason_code').notNull(),
    description: text('description'),
    status: text('status').notNull().default('open'),
    openedAt: instant('opened_at').notNull(),
    resolvedAt: instant('resolved_at'),
    resolution: text('resolution'),
    resolutionNote: text('resolution_note'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('disputes_invoice_idx').on(t.orgId, t.invoiceId),
    index('disputes_open_customer_idx').on(t.orgId, t.customerId).where(sql`${t.status} = 'open'`),
    check('disputes_status_check', sql`${t.status} in ('open', 'resolved')`),
  ],
);

export const paymentPromises = pgTable(
  'payment_promises',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    invoiceId: uuid('invoice_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    promisedDate: day('promised_date').notNull(),
    amount: money('amount').notNull(),
    currency: text('currency').notNull(),
    promisedBy: text('promised_by').notNull(),
    channel: text('channel').notNull(),
    note: text('note'),
    /** The invoice balance when the promise was made: what was paid since is measured against it. */
    balanceAtPromise: money('balance_at_promise').notNull(),
    status: text('status').notNull().default('open'),
    closedReason: text('closed_reason'),
    createdAt: instant('created_at').notNull(),
    closedAt: instant('closed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('payment_promises_invoice_idx').on(t.orgId, t.invoiceId),
    uniqueIndex('payment_promises_one_open_key').on(t.orgId, t.invoiceId).where(sql`${t.status} = 'open'`),
    index('payment_promises_open_customer_idx').on(t.orgId, t.customerId).where(sql`${t.status} = 'open'`),
    check('payment_promises_status_check', sql`${t.status} in ('open', 'kept', 'broken', 'cancelled')`),
    check('payment_promises_amount_check', sql`${t.amount} > 0`),
  ],
);

// "I already paid": reminders wait until `until` while the team looks for the money.
export const paymentClaims = pgTable(
  'payment_claims',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    invoiceId: uuid('invoice_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    until: day('until').notNull(),
    paidOn: day('paid_on'),
    reference: text('reference'),
    claimedBy: text('claimed_by'),
    status: text('status').notNull().default('open'),
    createdAt: instant('created_at').notNull(),
    closedAt: instant('closed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('payment_claims_invoice_idx').on(t.orgId, t.invoiceId),
    index('payment_claims_open_customer_idx').on(t.orgId, t.customerId).where(sql`${t.status} = 'open'`),
    check('payment_claims_status_check', sql`${t.status} in ('open', 'closed')`),
  ],
);

export const paymentPlans = pgTable(
  'payment_plans',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    invoiceId: uuid('invoice_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    currency: text('currency').notNull(),
    /** The invoice balance when the plan was agreed: the installments add up to it exactly. */
    balanceAtAgreement: money('balance_at_agreement').notNull(),
    agreedOn: day('agreed_on').notNull(),
    graceDays: integer('grace_days').notNull(),
    /** Installment reminders; their ids carry the plan id so a later plan's keys never meet an earlier plan's. */
    reminderSteps: jsonb('reminder_steps').$type<DunningStep[]>().notNull(),
    status: text('status').notNull().default('active'),
    brokenInstallment: integer('broken_installment'),
    note: text('note'),
    createdAt: instant('created_at').notNull(),
    closedAt: instant('closed_at'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('payment_plans_invoice_idx').on(t.orgId, t.invoiceId),
    uniqueIndex('payment_plans_one_active_key').on(t.orgId, t.invoiceId).where(sql`${t.status} = 'active'`),
    index('payment_plans_active_customer_idx').on(t.orgId, t.customerId).where(sql`${t.status} = 'active'`),
    check('payment_plans_status_check', sql`${t.status} in ('active', 'completed', 'broken', 'cancelled')`),
  ],
);

export const paymentPlanInstallments = pgTable(
  'payment_plan_installments',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    planId: uuid('plan_id').notNull(),
    number: integer('number').notNull(),
    dueDate: day('due_date').notNull(),
    amount: money('amount').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('payment_plan_installments_number_key').on(t.orgId, t.planId, t.number),
    check('payment_plan_installments_amount_check', sql`${t.amount} > 0`),
  ],
);

export const collectionTasks = pgTable(
  'collection_tasks',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    kind: text('kind').notNull(),
    /** Unique per organization: a repeated decision never makes a second task. */
    sourceKey: text('source_key').notNull(),
    title: text('title').notNull(),
    invoiceIds: uuid('invoice_ids').array().notNull().default(sql`'{}'::uuid[]`),
    phone: text('phone'),
    contactName: text('contact_name'),
    /** A user; null is the team queue. */
    assigneeId: uuid('assignee_id'),
    dueOn: day('due_on').notNull(),
    reason: text('reason').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    status: text('status').notNull().default('open'),
    outcome: text('outcome'),
    reasonCode: text('reason_code'),
    note: text('note'),
    completedAt: instant('completed_at'),
    completedBy: text('completed_by'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('collection_tasks_source_key').on(t.orgId, t.sourceKey),
    index('collection_tasks_open_due_idx').on(t.orgId, t.dueOn).where(sql`${t.status} = 'open'`),
    index('collection_tasks_customer_idx').on(t.orgId, t.customerId),
    check('collection_tasks_status_check', sql`${t.status} in ('open', 'done', 'cancelled')`),
  ],
);

export const customerNotes = pgTable(
  'customer_notes',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    body: text('body').notNull(),
    authorType: text('author_type').notNull(),
    authorId: text('author_id'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), index('customer_notes_customer_idx').on(t.orgId, t.customerId, t.id)],
);

import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { ElectronicAddress } from '../../domain/electronic-address.ts';
import type { TaxBreakdownRow } from '../../domain/invoice-totals.ts';
import type { VatCategory } from '../../domain/vat-category.ts';

export type { ElectronicAddress, TaxBreakdownRow };

// Every tenant row carries org_id and the primary key starts with it, so tables can be distributed by
// org_id (Citus) and every index lookup is already scoped to one organization.
const money = (name: string) => bigint(name, { mode: 'number' });
const day = (name: string) => date(name, { mode: 'string' });
const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export interface Address {
  line1?: string;
  line2?: string;
  city?: string;
  region?: string;
  postalCode?: string;
  country?: string;
}

export const organizations = pgTable('organizations', {
  orgId: uuid('org_id').primaryKey(),
  name: text('name').notNull(),
  legalName: text('legal_name'),
  taxId: text('tax_id'),
  address: jsonb('address').$type<Address>().notNull().default({}),
  baseCurrency: text('base_currency').notNull(),
  locale: text('locale').notNull().default('en'),
  timeZone: text('time_zone').notNull().default('UTC'),
  country: text('country'),
  defaultPaymentTerms: text('default_payment_terms').notNull().default('net_30'),
  // Where e-invoices reach the organization (EN 16931 BT-34; its Peppol participant identifier).
  electronicAddress: jsonb('electronic_address').$type<ElectronicAddress>(),
  createdAt: instant('created_at').notNull(),
});

export const apiKeys = pgTable(
  'api_keys',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    name: text('name').notNull(),
    keyHash: text('key_hash').notNull(),
    role: text('role').notNull(),
    createdAt: instant('created_at').notNull(),
    revokedAt: instant('revoked_at'),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('api_keys_id_key').on(t.id)],
);

export const customers = pgTable(
  'customers',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    externalRef: text('external_ref'),
    name: text('name').notNull(),
    legalName: text('legal_name'),
    taxId: text('tax_id'),
    billingAddress: jsonb('billing_address').$type<Address>().notNull().default({}),
    shippingAddress: jsonb('shipping_address').$type<Address>(),
    // Where e-invoices reach the customer (EN 16931 BT-49).
    electronicAddress: jsonb('electronic_address').$type<ElectronicAddress>(),
    locale: text('locale').notNull(),
    timeZone: text('time_zone').notNull(),
    currency: text('currency').notNull(),
    paymentTerms: text('payment_terms').notNull(),
    creditLimit: money('credit_limit'),
    status: text('status').notNull().default('active'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('customers_external_ref_key').on(t.orgId, t.externalRef),
    index('customers_name_idx').on(t.orgId, t.name),
    check('customers_status_check', sql`${t.status} in ('active', 'on_hold', 'in_collections')`),
  ],
);

export const contacts = pgTable(
  'contacts',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    name: text('name').notNull(),
    email: text('email'),
    phone: text('phone'),
    role: text('role').notNull().default('billing'),
    preferredChannel: text('preferred_channel').notNull().default('email'),
    isPrimary: boolean('is_primary').notNull().default(false),
    createdAt: instant('created_at').notNull(),
    // Set by message delivery when a send to this address or number failed for good (bounce, invalid
    // number), so reminders can pick another contact and the team sees why nothing arrives.
    emailBouncedAt: instant('email_bounced_at'),
    phoneInvalidAt: instant('phone_invalid_at'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('contacts_customer_idx').on(t.orgId, t.customerId),
    // "Email me a fresh portal link" looks an address up across organizations (the requester names none),
    // so the address leads; org_id and id follow to give that look-up its order without a sort, and to
    // serve a look-up by address within one organization as well.
    index('contacts_email_idx').on(sql`lower(${t.email})`, t.orgId, t.id),
  ],
);

export const numberSeries = pgTable(
  'number_series',
  {
    orgId: uuid('org_id').notNull(),
    id: text('id').notNull(),
    prefix: text('prefix').notNull(),
    padding: integer('padding').notNull().default(5),
    nextNumber: bigint('next_number', { mode: 'number' }).notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] })],
);

export const invoices = pgTable(
  'invoices',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    kind: text('kind').notNull().default('invoice'),
    customerId: uuid('customer_id').notNull(),
    series: text('series').notNull(),
    number: text('number'),
    status: text('status').notNull(),
    issueDate: day('issue_date').notNull(),
    dueDate: day('due_date').notNull(),
    paymentTerms: text('payment_terms').notNull(),
    poNumber: text('po_number'),
    billingContactId: uuid('billing_contact_id'),
    currency: text('currency').notNull(),
    subtotal: money('subtotal').notNull(),
    discountTotal: money('discount_total').notNull(),
    taxTotal: money('tax_total').notNull(),
    total: money('total').notNull(),
    taxBreakdown: jsonb('tax_breakdown').$type<TaxBreakdownRow[]>().notNull(),
    // Denormalised from allocations in the same transaction that writes them, so lists, dunning and aging
    // read one row; the invariant balance = total − paid − credited is checked by tests.
    amountPaid: money('amount_paid').notNull().default(0),
    amountCredited: money('amount_credited').notNull().default(0),
    balance: money('balance').notNull(),
    // Denormalised the same way: the day of the latest allocation in force from a payment, and of any kind;
    // null when there is none. Reports read a paid invoice's settlement from them (src/db/repositories/insight.ts).
    lastPaymentOn: day('last_payment_on'),
    lastAllocatedOn: day('last_allocated_on'),
    notes: text('notes'),
    termsText: text('terms_text'),
    originalInvoiceId: uuid('original_invoice_id'),
    // Early-payment discount ("2/10 net 30"): basis points off when paid within the days after issue.
    earlyPaymentDiscountBp: integer('early_payment_discount_bp'),
    earlyPaymentDays: integer('early_payment_days'),
    // Set on a late-fee invoice: the overdue invoice whose fees and interest it charges.
    lateFeeForInvoiceId: uuid('late_fee_for_invoice_id'),
    statusReason: text('status_reason'),
    issuedAt: instant('issued_at'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('invoices_number_key').on(t.orgId, t.series, t.number),
    index('invoices_customer_idx').on(t.orgId, t.customerId, t.dueDate),
    index('invoices_open_due_idx').on(t.orgId, t.dueDate).where(sql`${t.status} in ('open', 'partially_paid', 'uncollectible')`),
    // Receivables reports read these instead of the table (index-only scans; bench/reports.ts): every column a
    // report needs is a key column, so a report never touches the wide rows. What is owed, by customer:
    index('invoices_receivable_idx')
      .on(t.orgId, t.customerId, t.currency, t.dueDate, t.balance, t.issueDate, t.status, t.id)
      .where(sql`${t.kind} = 'invoice' and ${t.status} not in ('draft', 'void') and ${t.balance} > 0`),
    // The whole issued ledger in id order, to merge with allocations in invoice order:
    index('invoices_ledger_idx')
      .on(t.orgId, t.id, t.currency, t.issueDate, t.dueDate, t.total)
      .where(sql`${t.kind} = 'invoice' and ${t.status} not in ('draft', 'void')`),
    // Paid invoices by customer, with when and how they were paid:
    index('invoices_paid_idx')
      .on(t.orgId, t.customerId, t.currency, t.lastPaymentOn, t.dueDate, t.issueDate, t.amountPaid, t.lastAllocatedOn, t.id)
      .where(sql`${t.kind} = 'invoice' and ${t.status} = 'paid'`),
    // The few written-off invoices, whose write-off day comes from the row and its events:
    index('invoices_written_off_idx').on(t.orgId, t.id).where(sql`${t.status} = 'written_off'`),
    check('invoices_kind_check', sql`${t.kind} in ('invoice', 'credit_note')`),
    check(
      'invoices_status_check',
      sql`${t.status} in ('draft', 'open', 'partially_paid', 'paid', 'void', 'written_off', 'uncollectible')`,
    ),
    check('invoices_balance_check', sql`${t.balance} >= 0 and ${t.balance} = ${t.total} - ${t.amountPaid} - ${t.amountCredited}`),
  ],
);

export const invoiceLines = pgTable(
  'invoice_lines',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    invoiceId: uuid('invoice_id').notNull(),
    position: integer('position').notNull(),
    description: text('description').notNull(),
    quantity: numeric('quantity', { precision: 16, scale: 4 }).notNull(),
    unitPrice: money('unit_price').notNull(),
    taxRateBp: integer('tax_rate_bp').notNull(),
    // EN 16931 VAT category (UNCL 5305) and, for the untaxed ones, why: VATEX code and words.
    taxCategory: text('tax_category').$type<VatCategory>().notNull(),
    taxExemptionCode: text('tax_exemption_code'),
    taxExemptionReason: text('tax_exemption_reason'),
    discountBp: integer('discount_bp').notNull().default(0),
    netAmount: money('net_amount').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('invoice_lines_invoice_idx').on(t.orgId, t.invoiceId, t.position),
    check('invoice_lines_tax_category_check', sql`${t.taxCategory} in ('S', 'Z', 'E', 'AE', 'K', 'G', 'O')`),
    check('invoice_lines_tax_rate_check', sql`(${t.taxCategory} = 'S') = (${t.taxRateBp} > 0)`),
  ],
);

export const payments = pgTable(
  'payments',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    amount: money('amount').notNull(),
    currency: text('currency').notNull(),
    receivedOn: day('received_on').notNull(),
    method: text('method').notNull(),
    reference: text('reference'),
    source: text('source').notNull().default('manual'),
    externalId: text('external_id'),
    status: text('status').notNull().default('recorded'),
    // Money not yet allocated to an invoice nor refunded: the customer's credit.
    unallocated: money('unallocated').notNull(),
    refunded: money('refunded').notNull().default(0),
    reversedAt: instant('reversed_at'),
    reversalReason: text('reversal_reason'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('payments_external_id_key').on(t.orgId, t.source, t.externalId),
    index('payments_customer_idx').on(t.orgId, t.customerId, t.receivedOn),
    check('payments_amount_check', sql`${t.amount} > 0 and ${t.unallocated} >= 0 and ${t.refunded} >= 0`),
    check('payments_method_check', sql`${t.method} in ('bank_transfer', 'card', 'cash', 'cheque', 'e_wallet', 'other')`),
    check('payments_status_check', sql`${t.status} in ('recorded', 'reversed')`),
  ],
);

// One row per movement of money onto an invoice, from a payment or a credit note. Reversal keeps the row
// and stamps it, so the history of who paid what stays readable.
export const allocations = pgTable(
  'allocations',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    invoiceId: uuid('invoice_id').notNull(),
    paymentId: uuid('payment_id'),
    creditNoteId: uuid('credit_note_id'),
    amount: money('amount').notNull(),
    allocatedOn: day('allocated_on').notNull(),
    reversedAt: instant('reversed_at'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    // Also every column the receivables reports read, in invoice order (index-only scans).
    index('allocations_invoice_idx').on(t.orgId, t.invoiceId, t.allocatedOn, t.amount, t.paymentId, t.reversedAt),
    index('allocations_payment_idx').on(t.orgId, t.paymentId),
    check('allocations_source_check', sql`(${t.paymentId} is null) <> (${t.creditNoteId} is null)`),
    check('allocations_amount_check', sql`${t.amount} > 0`),
  ],
);

export const refunds = pgTable(
  'refunds',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    paymentId: uuid('payment_id').notNull(),
    amount: money('amount').notNull(),
    refundedOn: day('refunded_on').notNull(),
    method: text('method').notNull(),
    reference: text('reference'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), check('refunds_amount_check', sql`${t.amount} > 0`)],
);

export const events = pgTable(
  'events',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    occurredAt: instant('occurred_at').notNull(),
    actorType: text('actor_type').notNull(),
    actorId: text('actor_id'),
    entityType: text('entity_type').notNull(),
    entityId: uuid('entity_id').notNull(),
    action: text('action').notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('events_entity_idx').on(t.orgId, t.entityType, t.entityId, t.id),
  ],
);

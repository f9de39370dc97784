import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { bytes } from './column-types.ts';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/** An invoice as it was handed over: what was owed on it that day, whatever happens to it later. */
export interface HandedOverInvoice {
  id: string;
  number: string;
  currency: string;
  issueDate: string;
  dueDate: string;
  daysOverdue: number;
  total: number;
  balance: number;
}

// A customer's overdue invoices handed to a collection agency. The pack (ZIP) is kept as it was given: the
// balances, the statement and the communication log move on afterwards, and the agency's copy must not.
export const collectionHandoffs = pgTable(
  'collection_handoffs',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    customerId: uuid('customer_id').notNull(),
    invoiceIds: uuid('invoice_ids').array().notNull(),
    invoices: jsonb('invoices').$type<HandedOverInvoice[]>().notNull(),
    agency: text('agency'),
    note: text('note'),
    createdByType: text('created_by_type').notNull(),
    createdById: text('created_by_id'),
    createdAt: instant('created_at').notNull(),
    packName: text('pack_name').notNull(),
    /** Hex SHA-256 of the ZIP, printed in the timeline so a copy can be checked against it. */
    packSha256: text('pack_sha256').notNull(),
    packSize: integer('pack_size').notNull(),
    pack: bytes('pack').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('collection_handoffs_customer_idx').on(t.orgId, t.customerId, t.createdAt),
    check('collection_handoffs_invoices_check', sql`cardinality(${t.invoiceIds}) > 0`),
  ],
);

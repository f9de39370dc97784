import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

// Every outgoing message is a row here, written in the same transaction as the decision to send it. The
// unique idempotency key makes a repeated decision a no-op; delivery workers claim rows with
// FOR UPDATE SKIP LOCKED, re-check that the message is still wanted, send, and stamp the row.
export const outbox = pgTable(
  'outbox',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    /** reminder | invoice | receipt | password_reset | invitation | portal_link | notice … */
    kind: text('kind').notNull(),
    channel: text('channel').notNull(),
    recipient: text('recipient').notNull(),
    customerId: uuid('customer_id'),
    invoiceIds: uuid('invoice_ids').array().notNull().default(sql`'{}'::uuid[]`),
    subject: text('subject'),
    bodyText: text('body_text').notNull(),
    bodyHtml: text('body_html'),
    /** Channel extras: attachments to render, reply-to, webhook event body, task details… */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: instant('next_attempt_at').notNull(),
    lastError: text('last_error'),
    /** The provider's id (SMTP Message-ID, SMS sid): the same on a retry, so receivers can drop duplicates. */
    providerMessageId: text('provider_message_id'),
    createdAt: instant('created_at').notNull(),
    sentAt: instant('sent_at'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('outbox_idempotency_key').on(t.orgId, t.idempotencyKey),
    index('outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
    index('outbox_customer_idx').on(t.orgId, t.customerId, t.createdAt),
    check('outbox_status_check', sql`${t.status} in ('pending', 'sent', 'failed', 'cancelled')`),
    check('outbox_channel_check', sql`${t.channel} in ('email', 'sms', 'webhook', 'letter')`),
  ],
);

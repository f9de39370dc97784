import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

// Where the webhook step posts: one endpoint per organization. The secret signs every request and must be
// readable to sign, so it is stored as is and shown to the organization once, when it is created.
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    url: text('url').notNull(),
    secret: text('secret').notNull(),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('webhook_endpoints_org_key').on(t.orgId)],
);

// One row per delivery attempt of an outbox message and its outcome: the history behind the "sent mail"
// view (which transport took it, why it was retried or failed).
export const messageDeliveries = pgTable(
  'message_deliveries',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    outboxId: uuid('outbox_id').notNull(),
    attempt: integer('attempt').notNull(),
    outcome: text('outcome').notNull(),
    /** smtp | local_mailbox | sms_provider | local_sms | webhook | print_queue */
    transport: text('transport'),
    providerMessageId: text('provider_message_id'),
    error: text('error'),
    occurredAt: instant('occurred_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('message_deliveries_outbox_idx').on(t.orgId, t.outboxId, t.id),
    check('message_deliveries_outcome_check', sql`${t.outcome} in ('sent', 'retry', 'failed', 'cancelled')`),
  ],
);

import { Type } from 'typebox';
import type { DeliveryRow } from '../db/repositories/delivery.ts';
import type { OutboxRow, QueuedOutboxRow } from '../db/repositories/outbox.ts';
import type { WebhookEndpointRow } from '../db/repositories/webhook-endpoints.ts';

const Str = Type.String();
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Instant = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' });

const messageFields = {
  id: Str,
  kind: Str,
  channel: Type.String({ description: 'email | sms | webhook | letter' }),
  recipient: Str,
  customerId: Nullable(Str),
  invoiceIds: Type.Array(Str),
  subject: Nullable(Str),
  status: Type.String({ description: 'pending | sent | failed | cancelled' }),
  attempts: Type.Integer(),
  nextAttemptAt: Nullable(Instant),
  lastError: Nullable(Str),
  providerMessageId: Nullable(Type.String({ description: 'SMTP Message-ID, SMS sid, webhook id: the same on every attempt' })),
  transport: Nullable(
    Type.String({ description: 'Where the last attempt went: smtp, sms_provider, webhook, or local_mailbox / print_queue when stored without being sent anywhere' }),
  ),
  createdAt: Instant,
  sentAt: Nullable(Instant),
};

export const MessageSummaryView = Type.Object(messageFields);

export const DeliveryView = Type.Object({
  attempt: Type.Integer(),
  outcome: Str,
  transport: Nullable(Str),
  providerMessageId: Nullable(Str),
  error: Nullable(Str),
  occurredAt: Instant,
});

export const MessageView = Type.Object({
  ...messageFields,
  bodyText: Str,
  bodyHtml: Nullable(Str),
  payload: Type.Object({}, { additionalProperties: true }),
  deliveries: Type.Array(DeliveryView),
});

export function messageSummaryView(row: OutboxRow, last: DeliveryRow | undefined) {
  return {
    id: row.id,
    kind: row.kind,
    channel: row.channel,
    recipient: row.recipient,
    customerId: row.customerId,
    invoiceIds: row.invoiceIds,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? row.nextAttemptAt : null,
    lastError: row.lastError,
    providerMessageId: row.providerMessageId,
    transport: last?.transport ?? null,
    createdAt: row.createdAt,
    sentAt: row.sentAt,
  };
}

export function messageView(row: OutboxRow, deliveries: readonly DeliveryRow[]) {
  return {
    ...messageSummaryView(row, deliveries.at(-1)),
    bodyText: row.bodyText,
    bodyHtml: row.bodyHtml,
    payload: row.payload,
    deliveries: deliveries.map((d) => ({ attempt: d.attempt, outcome: d.outcome, transport: d.transport, providerMessageId: d.providerMessageId, error: d.error, occurredAt: d.occurredAt })),
  };
}

export const WebhookEndpointView = Type.Object({
  id: Str,
  url: Str,
  secret: Type.Optional(Type.String({ description: 'The signing secret: returned only when it is created or rotated, never again' })),
  createdAt: Instant,
  updatedAt: Instant,
});

export function webhookEndpointView(row: WebhookEndpointRow, secret?: string) {
  return { id: row.id, url: row.url, ...(secret ? { secret } : {}), createdAt: row.createdAt, updatedAt: row.updatedAt };
}

/** A message a request just queued (or had queued before, under the same idempotency key). */
export const QueuedMessageView = Type.Object({
  id: Str,
  kind: Str,
  channel: Str,
  recipient: Str,
  contactId: Nullable(Type.String({ description: 'The contact the message is addressed to' })),
  subject: Nullable(Str),
  status: Type.String({ description: 'pending | sent | failed | cancelled' }),
  idempotencyKey: Str,
  createdAt: Instant,
  repeated: Type.Boolean({ description: 'True when an identical earlier request had queued this message: nothing was queued again' }),
});

export function queuedMessageView(row: QueuedOutboxRow, repeated: boolean) {
  const contactId = row.payload.contactId;
  return {
    id: row.id,
    kind: row.kind,
    channel: row.channel,
    recipient: row.recipient,
    contactId: typeof contactId === 'string' ? contactId : null,
    subject: row.subject,
    status: row.status,
    idempotencyKey: row.idempotencyKey,
    createdAt: row.createdAt,
    repeated,
  };
}

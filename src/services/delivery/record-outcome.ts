import type { SendOutcome } from '../../channels/types.ts';
import type { Db } from '../../db/connection.ts';
import { flagUnreachableContacts, markMessageFailed, markMessageRetry, markMessageSent, recordDelivery } from '../../db/repositories/delivery.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import type { OutboxRow } from '../../db/repositories/outbox.ts';
import { retryDelaySeconds } from './backoff.ts';
import { DELIVERY_ACTOR, messageEvents, retryEvent } from './message-events.ts';
import type { DeliveryDeps } from './types.ts';

export type RecordedOutcome = 'sent' | 'retry' | 'failed' | 'stale';

/**
 * Write what became of one attempt, in the caller's transaction: the row's new state, the attempt in the
 * delivery history, the events, and for a final failure the flagged contacts and the follow-up hook.
 * `row.attempts` is the attempt being recorded; if the row no longer carries it (the lease ran out and
 * another worker took over), nothing is written.
 */
export async function recordOutcome(tx: Db, deps: DeliveryDeps, row: OutboxRow, outcome: SendOutcome, at: Date, extra: Record<string, unknown> = {}): Promise<RecordedOutcome> {
  const attempt = row.attempts;
  if (outcome.ok) {
    const stamped = await markMessageSent(tx, row.orgId, row.id, attempt, at, outcome.providerMessageId);
    if (stamped === 'stale') return stale(deps, row);
    const late = stamped === 'cancelled_while_sending' ? { cancelledWhileSending: true } : {};
    await recordDelivery(tx, row.orgId, at, { outboxId: row.id, attempt, outcome: 'sent', transport: outcome.transport, providerMessageId: outcome.providerMessageId });
    await appendEvents(tx, row.orgId, DELIVERY_ACTOR, at, messageEvents(row, 'message.sent', { status: 'sent', transport: outcome.transport, providerMessageId: outcome.providerMessageId, ...late, ...extra }));
    return 'sent';
  }
  if (!outcome.permanent && attempt < deps.options.maxAttempts) {
    const next = new Date(at.getTime() + retryDelaySeconds(attempt, deps.random ?? Math.random) * 1000);
    if (!(await markMessageRetry(tx, row.orgId, row.id, attempt, next, outcome.error))) return stale(deps, row);
    await recordDelivery(tx, row.orgId, at, { outboxId: row.id, attempt, outcome: 'retry', transport: outcome.transport, error: outcome.error });
    await appendEvents(tx, row.orgId, DELIVERY_ACTOR, at, [retryEvent(row, { error: outcome.error, transport: outcome.transport, nextAttemptAt: next.toISOString() })]);
    return 'retry';
  }
  const error = outcome.permanent ? outcome.error : `Gave up after ${attempt} attempts: ${outcome.error}`;
  if (!(await markMessageFailed(tx, row.orgId, row.id, attempt, error))) return stale(deps, row);
  const contactsFlagged =
    outcome.invalidRecipient && (row.channel === 'email' || row.channel === 'sms') ? await flagUnreachableContacts(tx, row.orgId, row.customerId, row.channel, row.recipient, at) : [];
  await recordDelivery(tx, row.orgId, at, { outboxId: row.id, attempt, outcome: 'failed', transport: outcome.transport, error });
  await appendEvents(tx, row.orgId, DELIVERY_ACTOR, at, messageEvents(row, 'message.failed', { status: 'failed', transport: outcome.transport, error, invalidRecipient: outcome.invalidRecipient, contactsFlagged, ...extra }));
  await deps.onFailed?.(tx, row.orgId, row, { error, invalidRecipient: outcome.invalidRecipient, contactsFlagged }, at);
  return 'failed';
}

function stale(deps: DeliveryDeps, row: OutboxRow): RecordedOutcome {
  deps.log.warn({ outboxId: row.id, orgId: row.orgId, attempt: row.attempts }, 'message was cancelled, or taken over after its lease ran out, while this attempt was under way; its outcome is not recorded');
  return 'stale';
}

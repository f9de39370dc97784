import { success, type Result } from '../../domain/result.ts';
import { inOrg, type Db } from '../../db/connection.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import { newId } from '../../db/ids.ts';
import { claimProviderEvent, findOnlinePayment, settleProviderEvent, updateOnlinePayment } from '../../db/repositories/online-payments.ts';
import { findOrganization } from '../../db/repositories/organizations.ts';
import { ProviderError, type PaymentProvider, type ProviderEvent, type SavedMethod } from '../../payments/provider.ts';
import { nowDate, type Clock, type Ctx } from '../context.ts';
import { timelineEvents } from '../dunning/timeline.ts';
import { enrollAutopay, setupAwaitsMethod } from './autopay.ts';
import { providerFailure } from './provider-failure.ts';
import { recordOnlinePayment, type RecordOutcome } from './record-online-payment.ts';

export interface EventReceipt {
  readonly eventId: string;
  readonly outcome: RecordOutcome['outcome'] | 'duplicate';
  readonly detail: string;
}

/** Marks a checkout or charge that did not go through, so the team sees it and another attempt may start. */
async function closeAttempt(tx: Db, ctx: Ctx, onlinePaymentId: string, status: 'failed' | 'expired', reason: string): Promise<RecordOutcome> {
  const row = await findOnlinePayment(tx, ctx.orgId, onlinePaymentId, true);
  if (!row) return { outcome: 'rejected', detail: 'The event names no payment of this organization' };
  if (row.status !== 'pending') return { outcome: 'ignored', detail: `The attempt is already ${row.status}` };
  const at = nowDate(ctx);
  await updateOnlinePayment(tx, ctx.orgId, row.id, { status, failureReason: reason, updatedAt: at });
  await appendEvents(tx, ctx.orgId, ctx.actor, at, timelineEvents(row.customerId, row.allocations.map((a) => a.invoiceId), `online_payment.${status}`, { onlinePaymentId: row.id, reason }));
  return { outcome: 'processed', detail: `Marked ${status}` };
}

function act(tx: Db, ctx: Ctx, event: ProviderEvent, onlinePaymentId: string, method: SavedMethod | null): Promise<RecordOutcome> {
  switch (event.kind) {
    case 'payment_succeeded':
      return recordOnlinePayment(tx, ctx, { onlinePaymentId, paymentIntentId: event.paymentIntentId, currency: event.currency, amount: event.amount });
    case 'payment_failed':
      return closeAttempt(tx, ctx, onlinePaymentId, 'failed', event.reason);
    case 'checkout_expired':
      return closeAttempt(tx, ctx, onlinePaymentId, 'expired', 'The customer left the payment page unpaid');
    case 'setup_completed':
      return enrollAutopay(tx, ctx, onlinePaymentId, event.providerCustomerId, method);
    case 'other':
      return Promise.resolve({ outcome: 'ignored', detail: `${event.type} needs nothing from us` });
  }
}

/**
 * Handles one signed webhook: verified, then acted on once. The event id is claimed in the transaction
 * that acts on it, so a retried or replayed event changes nothing and a crash leaves it for the provider's
 * retry. Events that name none of our records are acknowledged and dropped. A failure means the signature
 * did not verify: nothing was read or changed.
 */
export async function handleProviderEvent(db: Db, clock: Clock, provider: PaymentProvider, rawBody: Buffer, signature: string): Promise<Result<EventReceipt>> {
  const read = provider.readEvent(rawBody, signature, new Date(clock.now().epochMilliseconds));
  if (!read.ok) return read;
  const event = read.value;
  const reference = event.reference;
  if (!reference || !(await findOrganization(db, reference.orgId))) return success({ eventId: event.eventId, outcome: 'ignored', detail: 'The event names none of our records' });
  const ctx: Ctx = { db, orgId: reference.orgId, actor: { type: 'system', id: provider.name }, clock };
  let method: SavedMethod | null = null;
  // The saved method is asked of the provider before the transaction (no network call while holding
  // database locks), and only for a setup of ours still waiting for it. A provider failure answers with an
  // error, so the provider retries the event later.
  if (event.kind === 'setup_completed' && (await setupAwaitsMethod(ctx, reference.onlinePaymentId, event.providerCustomerId))) {
    try {
      method = await provider.adoptSavedMethod(event.setupIntentId, event.providerCustomerId);
    } catch (error) {
      if (error instanceof ProviderError) return providerFailure(error);
      throw error;
    }
  }
  return inOrg(db, ctx.orgId, async (tx) => {
    const claimId = newId();
    const claimed = await claimProviderEvent(tx, {
      orgId: ctx.orgId,
      id: claimId,
      provider: provider.name,
      eventId: event.eventId,
      type: event.type,
      outcome: 'processed',
      onlinePaymentId: reference.onlinePaymentId,
      receivedAt: nowDate(ctx),
    });
    if (!claimed) return success({ eventId: event.eventId, outcome: 'duplicate', detail: 'This event was handled before' });
    const result = await act(tx, ctx, event, reference.onlinePaymentId, method);
    await settleProviderEvent(tx, ctx.orgId, claimId, { outcome: result.outcome, detail: result.detail, onlinePaymentId: reference.onlinePaymentId });
    return success({ eventId: event.eventId, ...result });
  });
}


import { transientFailure, type SendOutcome } from '../../channels/types.ts';
import { inOrg } from '../../db/connection.ts';
import { releaseMessage } from '../../db/repositories/delivery.ts';
import { nowDate } from '../context.ts';
import { claimDueMessages, type Claimed } from './claim.ts';
import { composeMessage, type Outgoing } from './compose.ts';
import { recordOutcome, type RecordedOutcome } from './record-outcome.ts';
import type { DeliveryDeps } from './types.ts';

export interface SweepReport {
  sent: number;
  retried: number;
  failed: number;
  cancelled: number;
  released: number;
}

/**
 * Deliver every due message: claim a batch, send it, record each outcome in its own transaction, and go
 * on until nothing is due, the time budget is spent, or the worker is stopping.
 *
 * A crash never loses a message: a claimed row stays pending and is due again when its lease runs out.
 * A crash re-sends a message only when it fell between the provider's accept and the commit of the
 * outcome, and the re-send carries the same Message-ID (derived from the row id).
 */
export async function deliverDueMessages(deps: DeliveryDeps): Promise<SweepReport> {
  const report: SweepReport = { sent: 0, retried: 0, failed: 0, cancelled: 0, released: 0 };
  const started = performance.now();
  while (performance.now() - started < deps.options.budgetMs && !deps.signal?.aborted) {
    const batch = await claimDueMessages(deps, nowDate(deps));
    report.cancelled += batch.cancelled;
    report.retried += batch.retried;
    report.failed += batch.failed;
    if (batch.found === 0) break;
    const claimedAt = performance.now();
    await forEachLimited(batch.claimed, deps.options.concurrency, async (claimed) => {
      // Sends that would start late in the lease are given back rather than risk outliving it.
      if (performance.now() - claimedAt > (deps.options.leaseSeconds * 1000) / 2 || deps.signal?.aborted) {
        await inOrg(deps.db, claimed.row.orgId, (tx) => releaseMessage(tx, claimed.row.orgId, claimed.row.id, claimed.row.attempts, nowDate(deps)));
        report.released += 1;
        return;
      }
      const recorded = await deliverOne(deps, claimed);
      if (recorded === 'sent') report.sent += 1;
      if (recorded === 'retry') report.retried += 1;
      if (recorded === 'failed') report.failed += 1;
    });
  }
  return report;
}

async function deliverOne(deps: DeliveryDeps, { row, webhook }: Claimed): Promise<RecordedOutcome> {
  const outgoing = await composeMessage(deps, row, webhook);
  const outcome = 'channel' in outgoing ? await send(deps, outgoing) : outgoing;
  const extra = 'omittedAttachments' in outgoing && outgoing.omittedAttachments.length > 0 ? { omittedAttachments: outgoing.omittedAttachments } : {};
  const recorded = await inOrg(deps.db, row.orgId, (tx) => recordOutcome(tx, deps, row, outcome, nowDate(deps), extra));
  const details = { outboxId: row.id, orgId: row.orgId, channel: row.channel, attempt: row.attempts, transport: outcome.transport };
  if (outcome.ok) deps.log.info(details, 'message sent');
  else deps.log.warn({ ...details, error: outcome.error, outcome: recorded }, recorded === 'failed' ? 'message failed' : 'message will be retried');
  return recorded;
}

async function send(deps: DeliveryDeps, outgoing: Outgoing): Promise<SendOutcome> {
  const { channels } = deps;
  try {
    switch (outgoing.channel) {
      case 'email':
        return await channels.email.send(outgoing.message);
      case 'sms':
        return await channels.sms.send(outgoing.message);
      case 'webhook':
        return await channels.webhook.send(outgoing.message);
      case 'letter':
        return await channels.letter.send(outgoing.message);
    }
  } catch (error) {
    return transientFailure(channels[outgoing.channel].transport, `Sending failed unexpectedly: ${(error as Error).message}`);
  }
}

async function forEachLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  });
  await Promise.all(lanes);
}

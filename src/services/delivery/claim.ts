import { transientFailure } from '../../channels/types.ts';
import type { Db } from '../../db/connection.ts';
import { cancelMessage, leaseMessages, leaveOrganizationScope, lockDueMessages, recordDelivery, scopeToOrganization } from '../../db/repositories/delivery.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import type { OutboxRow } from '../../db/repositories/outbox.ts';
import { findWebhookEndpoint, type WebhookEndpointRow } from '../../db/repositories/webhook-endpoints.ts';
import { DELIVERY_ACTOR, messageEvents } from './message-events.ts';
import { recordOutcome } from './record-outcome.ts';
import type { DeliveryDeps } from './types.ts';

export interface Claimed {
  /** The row as leased: `attempts` already counts the attempt about to be made. */
  readonly row: OutboxRow;
  readonly webhook?: WebhookEndpointRow | null;
}

export interface ClaimResult {
  readonly found: number;
  readonly claimed: Claimed[];
  readonly cancelled: number;
  readonly retried: number;
  readonly failed: number;
}

/**
 * One claiming transaction: lock a small batch of due messages, ask for each whether it is still wanted
 * (cancelling those that are not), and lease the rest. The lease (next_attempt_at moved past the longest
 * possible send, attempt counted) is what keeps the row from other workers while it is sent outside any
 * transaction; if this worker dies, the lease runs out and the row is due again.
 */
export async function claimDueMessages(deps: DeliveryDeps, at: Date): Promise<ClaimResult> {
  return deps.db.transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    const rows = await lockDueMessages(tx, at, deps.options.batchSize);
    const result = { found: rows.length, claimed: [] as Claimed[], cancelled: 0, retried: 0, failed: 0 };
    const answers = await askStillWanted(deps, tx, rows, at);
    const wanted: OutboxRow[] = [];
    const broken = new Map<string, Error>();
    for (const row of rows) {
      const answer = answers.get(row.id) ?? true;
      if (answer === false) {
        await cancel(tx, row, at);
        result.cancelled += 1;
        continue;
      }
      if (answer instanceof Error) broken.set(row.id, answer);
      wanted.push(row);
    }
    const attempts = await leaseMessages(tx, wanted, new Date(at.getTime() + deps.options.leaseSeconds * 1000));
    const endpoints = new Map<string, WebhookEndpointRow | null>();
    for (const row of wanted) {
      const leased = { ...row, attempts: attempts.get(row.id)! };
      const error = broken.get(row.id);
      if (error) {
        const recorded = await recordOutcome(tx, deps, leased, transientFailure('none', `Checking whether the message is still wanted failed: ${error.message}`), at);
        deps.log.error({ outboxId: row.id, orgId: row.orgId, err: { message: error.message } }, 'still-wanted check failed');
        if (recorded === 'retry') result.retried += 1;
        if (recorded === 'failed') result.failed += 1;
        continue;
      }
      if (row.channel === 'webhook' && !endpoints.has(row.orgId)) endpoints.set(row.orgId, (await findWebhookEndpoint(tx, row.orgId)) ?? null);
      result.claimed.push({ row: leased, webhook: row.channel === 'webhook' ? endpoints.get(row.orgId) : undefined });
    }
    return result;
  });
}

// Predicates run as each organization's tenant role, so row-level security binds them inside this
// cross-organization claim, and each in a savepoint: one that throws is a bug elsewhere, not a reason to
// stop every other message; its savepoint is rolled back and the message is retried later.
async function askStillWanted(deps: DeliveryDeps, tx: Db, rows: readonly OutboxRow[], at: Date): Promise<Map<string, boolean | Error>> {
  const answers = new Map<string, boolean | Error>();
  const asked = rows.filter((r) => deps.stillWanted[r.kind]);
  for (const orgId of new Set(asked.map((r) => r.orgId))) {
    await scopeToOrganization(tx, orgId);
    for (const row of asked.filter((r) => r.orgId === orgId)) {
      try {
        answers.set(row.id, await tx.transaction((savepoint) => deps.stillWanted[row.kind]!(savepoint as unknown as Db, orgId, row, at)));
      } catch (error) {
        answers.set(row.id, error instanceof Error ? error : new Error(String(error)));
      }
    }
    await leaveOrganizationScope(tx);
  }
  return answers;
}

async function cancel(tx: Db, row: OutboxRow, at: Date): Promise<void> {
  const reason = 'no longer wanted when it was due (paid, disputed, paused or otherwise settled)';
  await cancelMessage(tx, row.orgId, row.id);
  await recordDelivery(tx, row.orgId, at, { outboxId: row.id, attempt: row.attempts, outcome: 'cancelled', error: reason });
  await appendEvents(tx, row.orgId, DELIVERY_ACTOR, at, messageEvents(row, 'message.cancelled', { status: 'cancelled', reason }));
}

import { accountKey } from '../../domain/matching/index.ts';
import type { Result } from '../../domain/result.ts';
import { newId } from '../../db/ids.ts';
import { addCustomerAccounts } from '../../db/repositories/banking.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import { nowDate, type Ctx } from '../context.ts';
import type { RecordPaymentInput } from '../inputs.ts';
import { recordPayment, type PaymentResult } from '../payments.ts';

/** Payments recorded from statement lines carry this source; their external id is the line's fingerprint. */
export const BANK_SOURCE = 'bank';

const REFERENCE_MAX = 200;

/** Who imported or decided, as stored on the statement and its lines: "api_key:<id>", "cli:<what>", "system". */
export function actorLabel(ctx: Pick<Ctx, 'actor'>): string {
  return ctx.actor.id === undefined ? ctx.actor.type : `${ctx.actor.type}:${ctx.actor.id}`;
}

export interface BankLine {
  readonly fingerprint: string;
  readonly bookingDate: string;
  readonly amount: number;
  readonly currency: string;
  readonly remittanceText: string;
  readonly endToEndId?: string | null;
  readonly bankReference?: string | null;
}

/**
 * Record one statement credit as a customer's payment, inside the caller's transaction (recordPayment
 * then runs in a savepoint: a refusal undoes only its own writes). The line's fingerprint is the
 * payment's external id, so the same money can never be recorded twice, whichever path records it.
 */
export async function recordBankPayment(
  ctx: Ctx,
  line: BankLine,
  customerId: string,
  allocations: RecordPaymentInput['allocations'],
): Promise<Result<PaymentResult>> {
  const reference = line.remittanceText || line.endToEndId || line.bankReference || null;
  return recordPayment(
    ctx,
    {
      customerId,
      amount: line.amount,
      currency: line.currency,
      receivedOn: line.bookingDate,
      method: 'bank_transfer',
      reference: reference === null ? null : reference.slice(0, REFERENCE_MAX),
      externalId: line.fingerprint,
      ...(allocations === undefined ? {} : { allocations }),
    },
    BANK_SOURCE,
  );
}

/**
 * Remember the accounts customers paid from, so their next transfer is recognized by account even when
 * the payer writes no reference. Only accounts not yet known are added, each with an event.
 */
export async function learnPayingAccounts(ctx: Ctx, paid: readonly { customerId: string; counterpartyIban: string | null }[]): Promise<void> {
  const at = nowDate(ctx);
  const rows = paid.flatMap(({ customerId, counterpartyIban }) => {
    const account = counterpartyIban === null ? null : accountKey(counterpartyIban);
    return account === null ? [] : [{ orgId: ctx.orgId, id: newId(), customerId, account, source: 'statement', createdAt: at }];
  });
  if (rows.length === 0) return;
  const added = await addCustomerAccounts(ctx.db, rows);
  await appendEvents(
    ctx.db,
    ctx.orgId,
    ctx.actor,
    at,
    added.map((a) => ({ entityType: 'customer', entityId: a.customerId, action: 'customer.bank_account_added', after: { id: a.id, account: a.account, source: a.source } })),
  );
}

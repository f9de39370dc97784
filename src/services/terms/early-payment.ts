import { compareDates, daysBetween, parseDate, type PlainDate } from '../../domain/dates.ts';
import {
  checkEarlyPaymentTerms,
  earlyPaymentOffer,
  evaluateEarlyPayment,
  formatEarlyPaymentTerms,
  parseEarlyPaymentTerms,
  type EarlyPaymentOffer,
  type EarlyPaymentTerms,
} from '../../domain/fees/index.ts';
import { acceptsMoney, type InvoiceStatus } from '../../domain/invoice-status.ts';
import { money } from '../../domain/money.ts';
import { failure, type Result, success } from '../../domain/result.ts';
import type { Db } from '../../db/connection.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import { activeAllocations, type InvoiceRow } from '../../db/repositories/invoices.ts';
import type { EarlyDiscount } from '../../documents/templates/index.ts';
import { nowDate, type Ctx } from '../context.ts';
import { createCreditNote } from '../credit-notes.ts';
import type { EarlyPaymentInput } from './early-payment-input.ts';

export const EARLY_PAYMENT_DISCOUNT_REASON = 'Early-payment discount';

export interface EarlyPaymentColumns {
  readonly earlyPaymentDiscountBp: number | null;
  readonly earlyPaymentDays: number | null;
}

type Stored = Pick<InvoiceRow, 'earlyPaymentDiscountBp' | 'earlyPaymentDays'>;

const NONE: EarlyPaymentColumns = { earlyPaymentDiscountBp: null, earlyPaymentDays: null };

/**
 * The discount columns for an invoice with these dates. `input` undefined keeps what is stored (checked again,
 * since new dates can leave no room for the discount period). The net part of "2/10 net 30" must agree with
 * the invoice's own due date: the printed terms and the printed date must never disagree.
 */
export function earlyPaymentColumns(
  input: EarlyPaymentInput | undefined,
  stored: Stored | null,
  dates: { issueDate: PlainDate; dueDate: PlainDate },
  field = 'earlyPayment',
): Result<EarlyPaymentColumns> {
  const netDays = daysBetween(dates.issueDate, dates.dueDate);
  const value = input !== undefined ? input : stored?.earlyPaymentDiscountBp != null ? { percentBp: stored.earlyPaymentDiscountBp, days: stored.earlyPaymentDays ?? 0 } : null;
  if (value === null) return success(NONE);
  if (netDays < 1) return failure('EARLY_TERMS_DAYS_OUT_OF_RANGE', 'An invoice due on its issue date leaves no time for an early-payment discount', field);
  const checked = typeof value === 'string' ? parseAgainst(value, netDays) : checkEarlyPaymentTerms({ discountBp: value.percentBp, discountDays: value.days, netDays });
  if (!checked.ok) return failure(checked.code, checked.message, field);
  return success({ earlyPaymentDiscountBp: checked.value.discountBp, earlyPaymentDays: checked.value.discountDays });
}

/** "2/10" takes the invoice's net term; "2/10 net 30" must match it. */
function parseAgainst(text: string, netDays: number): Result<EarlyPaymentTerms> {
  const full = parseEarlyPaymentTerms(text);
  if (full.ok)
    return full.value.netDays === netDays
      ? full
      : failure('EARLY_TERMS_NET_MISMATCH', `The invoice is due ${netDays} days after issue, not ${full.value.netDays}: write "${formatEarlyPaymentTerms({ ...full.value, netDays })}" or change the payment terms`);
  const short = parseEarlyPaymentTerms(`${text} net ${netDays}`);
  return short.ok || short.code !== 'EARLY_TERMS_MALFORMED' ? short : full;
}

export interface InvoiceEarlyPayment {
  readonly terms: EarlyPaymentTerms;
  readonly offer: EarlyPaymentOffer;
}

export function earlyPaymentOf(invoice: InvoiceRow): InvoiceEarlyPayment | null {
  if (invoice.earlyPaymentDiscountBp === null || invoice.earlyPaymentDays === null) return null;
  const issueDate = parseDate(invoice.issueDate)!;
  const terms = { discountBp: invoice.earlyPaymentDiscountBp, discountDays: invoice.earlyPaymentDays, netDays: daysBetween(issueDate, parseDate(invoice.dueDate)!) };
  return { terms, offer: earlyPaymentOffer(issueDate, money(invoice.total, invoice.currency), terms) };
}

/**
 * What a reminder may offer on `asOf`: the discount and its last day, while the invoice is still owed and the
 * deadline has not passed. Pass it as `earlyDiscount` in the message variables.
 */
export function earlyDiscountFor(invoice: InvoiceRow, asOf: PlainDate): EarlyDiscount | undefined {
  const early = earlyPaymentOf(invoice);
  if (!early || !acceptsMoney(invoice.status as InvoiceStatus) || invoice.balance <= 0 || compareDates(asOf, early.offer.deadline) > 0) return undefined;
  return { amount: early.offer.discount, deadline: early.offer.deadline };
}

/**
 * After money arrived on `receivedOn`: close each invoice whose discounted amount has now been paid by the
 * deadline with a discount credit note, and note on the timeline when a payment came too late to earn it.
 * Runs inside the payment's transaction; returns the invoices as they are afterwards.
 */
export async function grantEarlyPaymentDiscounts(tx: Db, ctx: Ctx, invoices: readonly InvoiceRow[], receivedOn: string): Promise<Result<InvoiceRow[]>> {
  const result: InvoiceRow[] = [];
  const on = parseDate(receivedOn)!;
  for (const invoice of invoices) {
    const early = earlyPaymentOf(invoice);
    if (!early || invoice.balance <= 0 || !acceptsMoney(invoice.status as InvoiceStatus)) {
      result.push(invoice);
      continue;
    }
    const settlements = (await activeAllocations(tx, ctx.orgId, { invoiceId: invoice.id })).map((a) => ({ date: parseDate(a.allocatedOn)!, amount: a.amount }));
    const decision = evaluateEarlyPayment(early.offer, settlements, on);
    const deadline = early.offer.deadline.toString();
    if (decision.eligible) {
      const note = await createCreditNote({ ...ctx, db: tx }, invoice.id, { reason: EARLY_PAYMENT_DISCOUNT_REASON, amount: decision.credit.amount });
      if (!note.ok) return note;
      await appendEvents(tx, ctx.orgId, ctx.actor, nowDate(ctx), [
        { entityType: 'invoice', entityId: invoice.id, action: 'invoice.early_payment_discount_granted', after: { creditNoteId: note.value.creditNote.id, amount: decision.credit.amount, deadline } },
      ]);
      result.push(note.value.invoice);
    } else {
      if (decision.code === 'DISCOUNT_EXPIRED' && compareDates(on, early.offer.deadline) > 0)
        await appendEvents(tx, ctx.orgId, ctx.actor, nowDate(ctx), [
          { entityType: 'invoice', entityId: invoice.id, action: 'invoice.early_payment_discount_refused', after: { code: decision.code, deadline, receivedOn, paidByDeadline: decision.paidByDeadline.amount } },
        ]);
      result.push(invoice);
    }
  }
  return success(result);
}

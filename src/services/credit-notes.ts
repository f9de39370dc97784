import { acceptsMoney, type InvoiceStatus } from '../domain/invoice-status.ts';
import { allocateProportionally, divideRoundHalfUp, toSafeNumber } from '../domain/money.ts';
import { failure, type Result, success } from '../domain/result.ts';
import { inOrgResult } from '../db/connection.ts';
import { newId } from '../db/ids.ts';
import { findCustomer } from '../db/repositories/customers.ts';
import { appendEvents } from '../db/repositories/events.ts';
import { creditedAgainst, findInvoice, insertInvoices, takeNextNumber, updateInvoice, type InvoiceRow, type NewInvoiceLineRow } from '../db/repositories/invoices.ts';
import type { TaxBreakdownRow } from '../db/schema/index.ts';
import { lineRows, priceLines, schedule } from './build-invoice.ts';
import { nowDate, todayIn, type Ctx } from './context.ts';
import type { CreditNoteInput } from './inputs.ts';
import { loadOrganization } from './create-customer.ts';
import { allocate } from './move-money.ts';
import { issueVatFailure } from './vat-rules.ts';

interface NoteContent {
  readonly subtotal: number;
  readonly taxTotal: number;
  readonly total: number;
  readonly taxBreakdown: TaxBreakdownRow[];
  readonly lines: (id: string) => NewInvoiceLineRow[];
}

/**
 * A credit note for an amount (tax included) reverses the original's tax in proportion: the amount is spread
 * over the original's tax rates by their gross share, and each share is split into net and tax at its rate.
 * The total equals the amount exactly.
 */
function creditForAmount(orgId: string, original: InvoiceRow, amount: number, reason: string): NoteContent {
  const rows: readonly TaxBreakdownRow[] = original.taxBreakdown.length > 0 ? original.taxBreakdown : [{ taxCategory: 'Z', taxRateBp: 0, taxableAmount: original.total, taxAmount: 0 }];
  const shares = allocateProportionally(amount, rows.map((r) => r.taxableAmount + r.taxAmount));
  // Each share keeps its row's category and exemption reason: a credit note is taxed as what it corrects.
  const taxBreakdown = rows.map(({ taxableAmount: _t, taxAmount: _a, ...treatment }, i) => {
    const gross = shares[i]!;
    const net = toSafeNumber(divideRoundHalfUp(BigInt(gross) * 10_000n, BigInt(10_000 + treatment.taxRateBp)));
    return { ...treatment, taxableAmount: net, taxAmount: gross - net };
  });
  const subtotal = taxBreakdown.reduce((s, r) => s + r.taxableAmount, 0);
  return {
    subtotal,
    taxTotal: amount - subtotal,
    total: amount,
    taxBreakdown: taxBreakdown.filter((r) => r.taxableAmount + r.taxAmount > 0),
    lines: (id) =>
      taxBreakdown
        .filter((r) => r.taxableAmount > 0)
        .map((r, i) => ({
          orgId,
          id: newId(),
          invoiceId: id,
          position: i + 1,
          description: `${reason} (${original.number})`,
          quantity: String(1),
          unitPrice: r.taxableAmount,
          taxRateBp: r.taxRateBp,
          taxCategory: r.taxCategory,
          taxExemptionCode: r.taxExemptionCode ?? null,
          taxExemptionReason: r.taxExemptionReason ?? null,
          discountBp: 0,
          netAmount: r.taxableAmount,
        })),
  };
}

/**
 * Correct an issued invoice with a credit note: issued at once from series CN, applied to the original's
 * balance, and whatever exceeds that balance stays with the customer as credit.
 */
export async function createCreditNote(ctx: Ctx, invoiceId: string, input: CreditNoteInput): Promise<Result<{ creditNote: InvoiceRow; invoice: InvoiceRow }>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const probe = await findInvoice(tx, ctx.orgId, invoiceId);
    if (!probe || probe.kind !== 'invoice') return failure('INVOICE_NOT_FOUND', 'No such invoice', 'invoiceId');
    const customer = (await findCustomer(tx, ctx.orgId, probe.customerId, true))!;
    const original = (await findInvoice(tx, ctx.orgId, invoiceId, true))!;
    if (original.status === 'draft') return failure('INVOICE_NOT_ISSUED', 'Edit the draft instead of crediting it', 'invoiceId');
    if (original.status === 'void') return failure('INVOICE_VOID', 'The invoice is void', 'invoiceId');
    if ((input.lines === undefined) === (input.amount === undefined)) return failure('INVALID_CREDIT_NOTE', 'Give either lines or an amount', 'amount');
    const dates = schedule({ issueDate: input.issueDate, paymentTerms: 'due_on_receipt' }, { issueDate: todayIn(ctx, customer.timeZone), paymentTerms: 'due_on_receipt' });
    if (!dates.ok) return dates;
    let content: NoteContent;
    if (input.lines) {
      const priced = priceLines(input.lines);
      if (!priced.ok) return priced;
      const t = priced.value.totals;
      content = { subtotal: t.netTotal, taxTotal: t.taxTotal, total: t.total, taxBreakdown: [...t.taxBreakdown], lines: (id) => lineRows(ctx.orgId, id, input.lines!, priced.value) };
    } else content = creditForAmount(ctx.orgId, original, input.amount!, input.reason);
    const vat = issueVatFailure(await loadOrganization(tx, ctx.orgId), customer, content.taxBreakdown);
    if (vat) return vat;
    const credited = await creditedAgainst(tx, ctx.orgId, original.id);
    if (content.total > original.total - credited)
      return failure('CREDIT_EXCEEDS_INVOICE', `Only ${original.total - credited} of this invoice is left to credit`, input.amount ? 'amount' : 'lines');
    const at = nowDate(ctx);
    const id = newId();
    const number = await takeNextNumber(tx, ctx.orgId, 'CN');
    await insertInvoices(
      tx,
      [
        {
          orgId: ctx.orgId,
          id,
          kind: 'credit_note',
          customerId: customer.id,
          series: 'CN',
          number,
          status: 'open',
          issueDate: dates.value.issueDate.toString(),
          dueDate: dates.value.dueDate.toString(),
          paymentTerms: 'due_on_receipt',
          currency: original.currency,
          subtotal: content.subtotal,
          discountTotal: 0,
          taxTotal: content.taxTotal,
          total: content.total,
          taxBreakdown: content.taxBreakdown,
          balance: content.total,
          notes: input.reason,
          originalInvoiceId: original.id,
          issuedAt: at,
          createdAt: at,
          updatedAt: at,
        },
      ],
      content.lines(id),
    );
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [
      { entityType: 'invoice', entityId: id, action: 'credit_note.issued', after: { number, total: content.total, originalInvoiceId: original.id, reason: input.reason } },
    ]);
    const applied = acceptsMoney(original.status as InvoiceStatus) ? Math.min(content.total, original.balance) : 0;
    let invoice = original;
    if (applied > 0) {
      [invoice] = (await allocate(tx, ctx, { creditNoteId: id }, [{ invoice: original, amount: applied }], dates.value.issueDate.toString(), at)) as [InvoiceRow];
      const left = content.total - applied;
      await updateInvoice(tx, ctx.orgId, id, { amountCredited: applied, balance: left, status: left === 0 ? 'paid' : 'open' });
    }
    return success({ creditNote: (await findInvoice(tx, ctx.orgId, id))!, invoice });
  });
}


import { failure, type Result, success } from '../domain/result.ts';
import { inOrgResult, type Db } from '../db/connection.ts';
import { newId } from '../db/ids.ts';
import { findContact, findCustomer, type CustomerRow } from '../db/repositories/customers.ts';
import { appendEvents } from '../db/repositories/events.ts';
import {
  deleteDraft,
  findInvoice,
  insertInvoices,
  replaceLines,
  takeNextNumber,
  updateInvoice,
  type InvoiceRow,
  type NewInvoiceRow,
} from '../db/repositories/invoices.ts';
import { checkCurrency, lineRows, priceLines, schedule, scheduleColumns, totalsColumns } from './build-invoice.ts';
import { nowDate, todayIn, type Ctx } from './context.ts';
import { loadOrganization } from './create-customer.ts';
import type { CreateInvoiceInput, UpdateDraftInput } from './inputs.ts';
import { spendCredit } from './apply-credit.ts';
import { earlyPaymentColumns } from './terms/early-payment.ts';
import { noticeLowRetainer } from './terms/retainers.ts';
import { issueVatFailure } from './vat-rules.ts';

const invoiceNotFound = () => failure('INVOICE_NOT_FOUND', 'No such invoice', 'invoiceId');

async function checkBillingContact(tx: Db, ctx: Ctx, customer: CustomerRow, contactId: string | null | undefined): Promise<Result<null>> {
  if (!contactId || (await findContact(tx, ctx.orgId, customer.id, contactId))) return success(null);
  return failure('CONTACT_NOT_FOUND', 'The billing contact is not a contact of this customer', 'billingContactId');
}

export async function createInvoice(ctx: Ctx, input: CreateInvoiceInput): Promise<Result<InvoiceRow>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const customer = await findCustomer(tx, ctx.orgId, input.customerId, true);
    if (!customer) return failure('CUSTOMER_NOT_FOUND', 'No such customer', 'customerId');
    const org = await loadOrganization(tx, ctx.orgId);
    const currency = checkCurrency(input.currency ?? customer.currency);
    if (!currency.ok) return currency;
    const dates = schedule(input, { issueDate: todayIn(ctx, org.timeZone), paymentTerms: customer.paymentTerms });
    if (!dates.ok) return dates;
    const early = earlyPaymentColumns(input.earlyPayment, null, dates.value);
    if (!early.ok) return early;
    const priced = priceLines(input.lines);
    if (!priced.ok) return priced;
    const contact = await checkBillingContact(tx, ctx, customer, input.billingContactId);
    if (!contact.ok) return contact;
    const at = nowDate(ctx);
    const id = newId();
    const t = priced.value.totals;
    const row: NewInvoiceRow = {
      orgId: ctx.orgId,
      id,
      kind: 'invoice',
      customerId: customer.id,
      series: input.series ?? 'INV',
      number: null,
      status: 'draft',
      ...scheduleColumns(dates.value),
      poNumber: input.poNumber ?? null,
      billingContactId: input.billingContactId ?? null,
      currency: currency.value,
      ...totalsColumns(t),
      balance: t.total,
      notes: input.notes ?? null,
      termsText: input.termsText ?? null,
      ...early.value,
      createdAt: at,
      updatedAt: at,
    };
    await insertInvoices(tx, [row], lineRows(ctx.orgId, id, input.lines, priced.value));
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [{ entityType: 'invoice', entityId: id, action: 'invoice.created', after: row }]);
    const draft = (await findInvoice(tx, ctx.orgId, id))!;
    return input.issue ? issueLocked(tx, ctx, draft, customer) : success(draft);
  });
}

export async function updateDraft(ctx: Ctx, id: string, input: UpdateDraftInput): Promise<Result<InvoiceRow>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const before = await findInvoice(tx, ctx.orgId, id, true);
    if (!before) return invoiceNotFound();
    if (before.status !== 'draft')
      return failure('INVOICE_NOT_DRAFT', 'An issued invoice cannot be edited; correct it with a credit note', 'invoiceId');
    const customer = (await findCustomer(tx, ctx.orgId, before.customerId))!;
    const currency = checkCurrency(input.currency ?? before.currency);
    if (!currency.ok) return currency;
    // Editing the due date or the terms re-derives the other; leaving both alone keeps the stored pair.
    const dates = schedule(
      { issueDate: input.issueDate ?? before.issueDate, dueDate: input.dueDate ?? (input.paymentTerms ? undefined : before.dueDate), paymentTerms: input.paymentTerms },
      { issueDate: todayIn(ctx, customer.timeZone), paymentTerms: before.paymentTerms },
    );
    if (!dates.ok) return dates;
    const early = earlyPaymentColumns(input.earlyPayment, before, dates.value);
    if (!early.ok) return early;
    const contact = await checkBillingContact(tx, ctx, customer, input.billingContactId);
    if (!contact.ok) return contact;
    const at = nowDate(ctx);
    let totals = {};
    if (input.lines) {
      const priced = priceLines(input.lines);
      if (!priced.ok) return priced;
      const t = priced.value.totals;
      await replaceLines(tx, ctx.orgId, id, lineRows(ctx.orgId, id, input.lines, priced.value));
      totals = { ...totalsColumns(t), balance: t.total };
    }
    const after = await updateInvoice(tx, ctx.orgId, id, {
      currency: currency.value,
      ...scheduleColumns(dates.value),
      ...(input.poNumber !== undefined ? { poNumber: input.poNumber } : {}),
      ...(input.billingContactId !== undefined ? { billingContactId: input.billingContactId } : {}),
      ...(input.notes !== undefined ? { notes: input.notes } : {}),
      ...(input.termsText !== undefined ? { termsText: input.termsText } : {}),
      ...totals,
      ...early.value,
      updatedAt: at,
    });
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [{ entityType: 'invoice', entityId: id, action: 'invoice.draft_updated', before, after }]);
    return success(after);
  });
}

/**
 * Issue a locked draft: a gapless number from its series, status open, and the customer's available credit
 * spent on it straight away (a prepaid customer should never be reminded about a covered invoice). An
 * untaxed VAT category whose identifiers are missing stops it before it gets a number.
 */
async function issueLocked(tx: Db, ctx: Ctx, draft: InvoiceRow, customer: CustomerRow): Promise<Result<InvoiceRow>> {
  const vat = issueVatFailure(await loadOrganization(tx, ctx.orgId), customer, draft.taxBreakdown);
  if (vat) return vat;
  const at = nowDate(ctx);
  const number = await takeNextNumber(tx, ctx.orgId, draft.series);
  const issued = await updateInvoice(tx, ctx.orgId, draft.id, { number, status: draft.total === 0 ? 'paid' : 'open', issuedAt: at, updatedAt: at });
  await appendEvents(tx, ctx.orgId, ctx.actor, at, [
    { entityType: 'invoice', entityId: draft.id, action: 'invoice.issued', before: { status: 'draft' }, after: { status: issued.status, number } },
  ]);
  const spent = await spendCredit(tx, ctx, customer.id, issued.currency, issued.issueDate, at);
  await noticeLowRetainer(tx, ctx, customer, issued, spent);
  return success((await findInvoice(tx, ctx.orgId, draft.id))!);
}

export async function issueInvoice(ctx: Ctx, id: string): Promise<Result<InvoiceRow>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const probe = await findInvoice(tx, ctx.orgId, id);
    if (!probe) return invoiceNotFound();
    const customer = (await findCustomer(tx, ctx.orgId, probe.customerId, true))!;
    const draft = (await findInvoice(tx, ctx.orgId, id, true))!;
    if (draft.status !== 'draft') return failure('INVOICE_ALREADY_ISSUED', `Invoice ${draft.number} is already issued`, 'invoiceId');
    return issueLocked(tx, ctx, draft, customer);
  });
}

export async function deleteDraftInvoice(ctx: Ctx, id: string): Promise<Result<InvoiceRow>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const draft = await findInvoice(tx, ctx.orgId, id, true);
    if (!draft) return invoiceNotFound();
    if (draft.status !== 'draft') return failure('INVOICE_NOT_DRAFT', 'Only drafts can be deleted; void an issued invoice instead', 'invoiceId');
    await deleteDraft(tx, ctx.orgId, id);
    await appendEvents(tx, ctx.orgId, ctx.actor, nowDate(ctx), [{ entityType: 'invoice', entityId: id, action: 'invoice.draft_deleted', before: draft }]);
    return success(draft);
  });
}

type Decision = 'void' | 'written_off' | 'uncollectible';

/**
 * Decisions of the team on an issued invoice. Void is for an invoice that should never have existed, so
 * it must carry no money; write-off and uncollectible keep the history and take the debt out of receivables.
 */
export async function decideInvoice(ctx: Ctx, id: string, decision: Decision, reason: string): Promise<Result<InvoiceRow>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const before = await findInvoice(tx, ctx.orgId, id, true);
    if (!before) return invoiceNotFound();
    if (before.status === 'draft') return failure('INVOICE_NOT_ISSUED', 'A draft is deleted, not voided or written off', 'invoiceId');
    if (before.status === decision) return failure('INVOICE_ALREADY_' + decision.toUpperCase(), `The invoice is already ${decision.replace('_', ' ')}`, 'invoiceId');
    if (before.status === 'void') return failure('INVOICE_VOID', 'The invoice is void', 'invoiceId');
    if (decision === 'void' && (before.amountPaid > 0 || before.amountCredited > 0))
      return failure('INVOICE_HAS_PAYMENTS', 'Remove its payments and credits before voiding; or issue a credit note', 'invoiceId');
    if (decision !== 'void' && (before.status === 'paid' || before.balance === 0)) return failure('INVOICE_ALREADY_PAID', 'The invoice is paid', 'invoiceId');
    if (decision === 'uncollectible' && before.status === 'written_off') return failure('INVOICE_WRITTEN_OFF', 'The invoice is written off', 'invoiceId');
    const at = nowDate(ctx);
    const after = await updateInvoice(tx, ctx.orgId, id, { status: decision, statusReason: reason, updatedAt: at });
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [
      { entityType: 'invoice', entityId: id, action: `invoice.${decision}`, before: { status: before.status }, after: { status: decision, reason } },
    ]);
    return success(after);
  });
}

import { applyBasisPoints } from '../../domain/money.ts';
import { failure, type Result, success } from '../../domain/result.ts';
import { inOrgResult, type Db } from '../../db/connection.ts';
import { newId } from '../../db/ids.ts';
import { findCustomer, type CustomerRow } from '../../db/repositories/customers.ts';
import { customerHasPaidInvoice, findDeposit, insertDeposit, updateDeposit, type DepositRow } from '../../db/repositories/deposits.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import { creditedAgainst, findInvoice, findInvoicesForUpdate, updateInvoice, type InvoiceRow } from '../../db/repositories/invoices.ts';
import { deleteTermsSetting, findTermsSetting, saveTermsSetting } from '../../db/repositories/late-fees.ts';
import { acceptsMoney, type InvoiceStatus } from '../../domain/invoice-status.ts';
import { nowDate, type Ctx } from '../context.ts';
import { createCreditNote } from '../credit-notes.ts';
import { effectiveRisksOf } from '../insight/customer-risk.ts';
import { createInvoice } from '../invoices.ts';
import { allocate } from '../move-money.ts';
import type { DepositInput, DepositPolicyInput } from './inputs.ts';

/**
 * The tag that marks a customer as high risk for the deposit rule, beside its risk level (set by hand in its
 * dunning settings, or computed from payment behaviour): either one asks for a deposit.
 */
export const HIGH_RISK_TAG = 'high_risk';

export type DepositPolicy = DepositPolicyInput;
export type DepositReason = 'NEW_CUSTOMER' | 'HIGH_RISK';

export async function depositPolicyOf(db: Db, orgId: string): Promise<DepositPolicy | null> {
  return ((await findTermsSetting(db, orgId, 'deposit_policy')) as DepositPolicy | undefined) ?? null;
}

export async function saveDepositPolicy(ctx: Ctx, policy: DepositPolicy): Promise<Result<DepositPolicy>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const at = nowDate(ctx);
    const before = await findTermsSetting(tx, ctx.orgId, 'deposit_policy');
    await saveTermsSetting(tx, ctx.orgId, 'deposit_policy', policy, at);
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [{ entityType: 'organization', entityId: ctx.orgId, action: 'deposit_policy.saved', before: before ?? null, after: policy }]);
    return success(policy);
  });
}

export async function removeDepositPolicy(ctx: Ctx): Promise<Result<null>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const before = await findTermsSetting(tx, ctx.orgId, 'deposit_policy');
    if (!(await deleteTermsSetting(tx, ctx.orgId, 'deposit_policy'))) return failure('DEPOSIT_POLICY_NOT_FOUND', 'The organization has no deposit policy', 'policy');
    await appendEvents(tx, ctx.orgId, ctx.actor, nowDate(ctx), [{ entityType: 'organization', entityId: ctx.orgId, action: 'deposit_policy.removed', before }]);
    return success(null);
  });
}

export interface DepositRequirement {
  readonly required: boolean;
  readonly reasons: readonly DepositReason[];
  /** The policy's share of the planned total; null without a policy. */
  readonly percentBp: number | null;
}

async function requirementFor(db: Db, orgId: string, customer: CustomerRow): Promise<DepositRequirement> {
  const policy = await depositPolicyOf(db, orgId);
  if (!policy) return { required: false, reasons: [], percentBp: null };
  const reasons: DepositReason[] = [];
  if (policy.newCustomers && !(await customerHasPaidInvoice(db, orgId, customer.id))) reasons.push('NEW_CUSTOMER');
  if (policy.highRisk && (customer.tags.includes(HIGH_RISK_TAG) || (await effectiveRisksOf(db, orgId, [customer.id])).get(customer.id)?.level === 'high')) reasons.push('HIGH_RISK');
  return { required: reasons.length > 0, reasons, percentBp: policy.percentBp };
}

/** Whether the organization's policy asks this customer for a deposit before work starts, and why. */
export async function depositRequirement(ctx: Ctx, customerId: string): Promise<Result<DepositRequirement>> {
  const customer = await findCustomer(ctx.db, ctx.orgId, customerId);
  if (!customer) return failure('CUSTOMER_NOT_FOUND', 'No such customer', 'customerId');
  return success(await requirementFor(ctx.db, ctx.orgId, customer));
}

export interface DepositWithInvoice {
  readonly deposit: DepositRow;
  readonly invoice: InvoiceRow;
}

/**
 * Ask for a deposit: an advance invoice, issued at once, for `amount` or `percentBp` of `plannedTotal` (the
 * policy's percentage when neither is given). Amounts are net; tax at `taxRateBp` is added on the invoice.
 */
export async function requestDeposit(ctx: Ctx, input: DepositInput): Promise<Result<DepositWithInvoice>> {
  return inOrgResult<DepositWithInvoice>(ctx.db, ctx.orgId, async (tx) => {
    const customer = await findCustomer(tx, ctx.orgId, input.customerId, true);
    if (!customer) return failure('CUSTOMER_NOT_FOUND', 'No such customer', 'customerId');
    if (input.amount !== undefined && (input.percentBp !== undefined || input.plannedTotal !== undefined))
      return failure('INVALID_DEPOSIT', 'Give either an amount, or a planned total (and optionally a percentage)', 'amount');
    const requirement = await requirementFor(tx, ctx.orgId, customer);
    const percentBp = input.percentBp ?? requirement.percentBp;
    if (input.amount === undefined && input.plannedTotal === undefined)
      return failure('INVALID_DEPOSIT', 'Give the deposit amount or the planned total it is a share of', 'plannedTotal');
    if (input.amount === undefined && percentBp === null)
      return failure('INVALID_DEPOSIT', 'Without a deposit policy, give percentBp or an amount', 'percentBp');
    const amount = input.amount ?? applyBasisPoints(input.plannedTotal!, percentBp!);
    if (amount <= 0) return failure('INVALID_DEPOSIT', 'The deposit comes to nothing: raise the percentage or the planned total', 'percentBp');
    const created = await createInvoice(
      { ...ctx, db: tx },
      {
        customerId: customer.id,
        ...(input.currency ? { currency: input.currency } : {}),
        ...(input.series ? { series: input.series } : {}),
        paymentTerms: input.paymentTerms ?? 'due_on_receipt',
        lines: [{ description: input.description, quantity: 1, unitPrice: amount, taxRateBp: input.taxRateBp ?? 0 }],
        issue: true,
      },
    );
    if (!created.ok) return created;
    const at = nowDate(ctx);
    const deposit = await insertDeposit(tx, {
      orgId: ctx.orgId,
      id: newId(),
      customerId: customer.id,
      invoiceId: created.value.id,
      currency: created.value.currency,
      plannedTotal: input.plannedTotal ?? null,
      percentBp: input.amount === undefined ? percentBp : null,
      amount,
      reasons: [...requirement.reasons],
      createdAt: at,
    });
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [{ entityType: 'deposit', entityId: deposit.id, action: 'deposit.requested', after: deposit }]);
    return success({ deposit, invoice: created.value });
  });
}

export interface DepositSettlement {
  readonly deposit: DepositRow;
  readonly creditNote: InvoiceRow;
  readonly finalInvoice: InvoiceRow;
}

/**
 * Deduct a paid deposit on the final invoice, the way advance invoices are closed in EU practice (e.g. the
 * Romanian "stornare avans", the German Schlussrechnung): a credit note reverses the advance invoice in full,
 * tax included, and that credit is applied to the final invoice. Revenue and tax end up on the final invoice
 * alone; the deposit payment stays where it was booked. Credit the final invoice cannot absorb stays as the
 * customer's credit.
 */
export async function settleDeposit(ctx: Ctx, depositId: string, finalInvoiceId: string): Promise<Result<DepositSettlement>> {
  return inOrgResult<DepositSettlement>(ctx.db, ctx.orgId, async (tx) => {
    const probe = await findDeposit(tx, ctx.orgId, depositId);
    if (!probe) return failure('DEPOSIT_NOT_FOUND', 'No such deposit', 'depositId');
    await findCustomer(tx, ctx.orgId, probe.customerId, true);
    const deposit = (await findDeposit(tx, ctx.orgId, depositId, true))!;
    if (deposit.finalInvoiceId) return failure('DEPOSIT_ALREADY_SETTLED', 'This deposit was already deducted on a final invoice', 'depositId');
    const locked = new Map((await findInvoicesForUpdate(tx, ctx.orgId, [deposit.invoiceId, finalInvoiceId])).map((i) => [i.id, i]));
    const advance = locked.get(deposit.invoiceId)!;
    const final = locked.get(finalInvoiceId);
    if (!final || final.kind !== 'invoice' || final.customerId !== deposit.customerId || final.id === advance.id)
      return failure('INVOICE_NOT_FOUND', "No such invoice of this deposit's customer", 'invoiceId');
    if (final.status === 'draft') return failure('INVOICE_NOT_ISSUED', 'Issue the final invoice first', 'invoiceId');
    if (final.currency !== advance.currency) return failure('CURRENCY_MISMATCH', `The deposit is in ${advance.currency}, the invoice in ${final.currency}`, 'invoiceId');
    if (!acceptsMoney(final.status as InvoiceStatus) && final.status !== 'paid') return failure('INVOICE_NOT_OPEN', `The invoice is ${final.status}`, 'invoiceId');
    if (advance.status !== 'paid' || advance.amountPaid !== advance.total) return failure('DEPOSIT_NOT_PAID', 'The deposit invoice is not fully paid yet', 'depositId');
    if ((await creditedAgainst(tx, ctx.orgId, advance.id)) > 0) return failure('DEPOSIT_ALREADY_CREDITED', 'The deposit invoice was corrected by a credit note; settle it by hand', 'depositId');

    const note = await createCreditNote({ ...ctx, db: tx }, advance.id, { reason: `Deposit deducted on invoice ${final.number}`, amount: advance.total });
    if (!note.ok) return note;
    const at = nowDate(ctx);
    const creditNote = note.value.creditNote;
    const applied = Math.min(creditNote.balance, final.balance);
    let finalInvoice = final;
    let settledNote = creditNote;
    if (applied > 0 && acceptsMoney(final.status as InvoiceStatus)) {
      [finalInvoice] = (await allocate(tx, ctx, { creditNoteId: creditNote.id }, [{ invoice: final, amount: applied }], creditNote.issueDate, at)) as [InvoiceRow];
      const balance = creditNote.balance - applied;
      settledNote = await updateInvoice(tx, ctx.orgId, creditNote.id, { amountCredited: creditNote.amountCredited + applied, balance, status: balance === 0 ? 'paid' : 'open', updatedAt: at });
    }
    const settled = await updateDeposit(tx, ctx.orgId, deposit.id, { finalInvoiceId: final.id, creditNoteId: creditNote.id, settledAt: at });
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [
      { entityType: 'deposit', entityId: deposit.id, action: 'deposit.settled', after: { finalInvoiceId: final.id, creditNoteId: creditNote.id, applied } },
      { entityType: 'invoice', entityId: final.id, action: 'invoice.deposit_deducted', after: { depositId: deposit.id, depositInvoiceId: advance.id, creditNoteId: creditNote.id, amount: applied } },
    ]);
    return success({ deposit: settled, creditNote: settledNote, finalInvoice: (await findInvoice(tx, ctx.orgId, finalInvoice.id))! });
  });
}

export type DepositStatus = 'awaiting_payment' | 'paid' | 'settled' | 'cancelled';

export function depositStatus(deposit: DepositRow, invoice: InvoiceRow): DepositStatus {
  if (deposit.finalInvoiceId) return 'settled';
  if (invoice.status === 'void' || invoice.status === 'written_off') return 'cancelled';
  return invoice.status === 'paid' ? 'paid' : 'awaiting_payment';
}

import { addDays, compareDates, parseDate, type PlainDate } from '../../domain/dates.ts';
import {
  computeLateFee,
  type ExchangeQuote,
  type LateFeeAssessment,
  type LateFeeComponent,
  type LateFeeLine,
  type LateFeeReasonCode,
} from '../../domain/fees/index.ts';
import { failure, type Result, success } from '../../domain/result.ts';
import { inOrgResult, type Db } from '../../db/connection.ts';
import { newId } from '../../db/ids.ts';
import { findCustomer, type CustomerRow } from '../../db/repositories/customers.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import { findInvoice, updateInvoice, type InvoiceRow } from '../../db/repositories/invoices.ts';
import { insertLateFeeCharges, lateFeeChargesOf, type LateFeeChargeRow } from '../../db/repositories/late-fees.ts';
import { formatDate } from '../../documents/templates/index.ts';
import { loadOrganization } from '../create-customer.ts';
import { nowDate, todayIn, type Ctx } from '../context.ts';
import { createInvoice } from '../invoices.ts';
import { chargedHistory, invoiceFacts } from './invoice-history.ts';
import { effectiveLateFeePolicy, referenceRatesFor } from './late-fee-policies.ts';
import { documentLocale } from '../documents/parties.ts';
import { fillText, LATE_FEE_LINE } from './notice-texts.ts';

export interface LateFeeSkip {
  readonly component: LateFeeComponent;
  readonly code: LateFeeReasonCode | 'EXCHANGE_QUOTE_REQUIRED';
}

export interface LateFeePosting {
  readonly invoiceId: string;
  /** The step the fee was posted for; negative for postings made by hand. */
  readonly stepIndex: number;
  readonly asOf: string;
  /** Where the policy came from; null when neither the customer nor the organization has one. */
  readonly policySource: 'customer' | 'organization' | null;
  readonly overdueBalance: number;
  /** The separate late-fee invoice issued now, or null when nothing was due. */
  readonly feeInvoice: InvoiceRow | null;
  readonly lines: readonly { readonly component: LateFeeComponent; readonly amount: number; readonly capped: boolean }[];
  readonly skipped: readonly LateFeeSkip[];
}

export interface PostLateFeeOptions {
  /** Needed when the policy's compensation is stated in another currency (e.g. 40 EUR on a RON invoice). */
  readonly exchange?: ExchangeQuote;
}

/**
 * Charge what the late-fee policy allows on an overdue invoice today, as a separate late-fee invoice linked to
 * it (the original is never edited), with one line per component and an event on the original's timeline.
 *
 * `stepIndex` identifies the dunning step occurrence asking for it (e.g. the step's position × 1000 + its
 * occurrence − 1, so repeats of the last step are steps of their own): the same index never charges twice,
 * so a retried step is harmless. 'manual' posts by hand under its own negative index. Nothing due is a success with
 * `feeInvoice: null` and the reasons in `skipped`. A compensation that needs an exchange quote nobody gave is
 * skipped (EXCHANGE_QUOTE_REQUIRED) while the fee and interest still post.
 */
export async function postLateFee(ctx: Ctx, invoiceId: string, stepIndex: number | 'manual', options: PostLateFeeOptions = {}): Promise<Result<LateFeePosting>> {
  return inOrgResult<LateFeePosting>(ctx.db, ctx.orgId, async (tx) => {
    const probe = await findInvoice(tx, ctx.orgId, invoiceId);
    if (!probe || probe.kind !== 'invoice') return failure('INVOICE_NOT_FOUND', 'No such invoice', 'invoiceId');
    const customer = (await findCustomer(tx, ctx.orgId, probe.customerId, true))!;
    const invoice = (await findInvoice(tx, ctx.orgId, invoiceId, true))!;
    if (invoice.lateFeeForInvoiceId) return failure('LATE_FEE_ON_LATE_FEE', 'This is a late-fee invoice: fees are charged on the original invoice only', 'invoiceId');
    if (invoice.status === 'draft') return failure('INVOICE_NOT_ISSUED', 'A draft is not owed yet', 'invoiceId');
    if (invoice.status === 'void' || invoice.status === 'written_off') return failure('INVOICE_NOT_OPEN', `The invoice is ${invoice.status.replace('_', ' ')}`, 'invoiceId');
    const org = await loadOrganization(tx, ctx.orgId);
    const asOf = todayIn(ctx, org.timeZone);
    const charges = await lateFeeChargesOf(tx, ctx.orgId, invoice.id);
    const step = stepIndex === 'manual' ? Math.min(0, ...charges.map((c) => c.stepIndex)) - 1 : stepIndex;
    const base = { invoiceId: invoice.id, stepIndex: step, asOf: asOf.toString() };

    const effective = await effectiveLateFeePolicy(tx, ctx.orgId, invoice.customerId);
    if (!effective) return success({ ...base, policySource: null, overdueBalance: invoice.balance, feeInvoice: null, lines: [], skipped: [] });
    const assessed = await assess(tx, ctx.orgId, invoice, effective.policy, charges, asOf, step, options.exchange);
    if (!assessed.ok) return assessed;
    const { assessment, skipped } = assessed.value;
    const outcome = {
      ...base,
      policySource: effective.source,
      overdueBalance: assessment.overdueBalance.amount,
      lines: assessment.lines.map((l) => ({ component: l.component, amount: l.amount, capped: l.capped })),
      skipped,
    };
    if (assessment.lines.length === 0) return success({ ...outcome, feeInvoice: null });

    const created = await createInvoice(
      { ...ctx, db: tx },
      {
        customerId: customer.id,
        currency: invoice.currency,
        series: invoice.series,
        issueDate: asOf.toString(),
        lines: assessment.lines.map((line) => ({ description: describe(line, invoice, customer, charges, asOf), quantity: 1, unitPrice: line.amount, taxRateBp: 0 })),
        issue: true,
      },
    );
    if (!created.ok) return created;
    const at = nowDate(ctx);
    const feeInvoice = await updateInvoice(tx, ctx.orgId, created.value.id, { lateFeeForInvoiceId: invoice.id, updatedAt: at });
    await insertLateFeeCharges(
      tx,
      assessment.lines.map((line) => ({
        orgId: ctx.orgId,
        id: newId(),
        invoiceId: invoice.id,
        feeInvoiceId: feeInvoice.id,
        stepIndex: step,
        component: line.component,
        amount: line.amount,
        capped: line.capped,
        asOf: asOf.toString(),
        detail: detailOf(line),
        createdAt: at,
      })),
    );
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [
      {
        entityType: 'invoice',
        entityId: invoice.id,
        action: 'invoice.late_fee_posted',
        after: { feeInvoiceId: feeInvoice.id, number: feeInvoice.number, stepIndex: step, asOf: asOf.toString(), total: feeInvoice.total, lines: outcome.lines, skipped },
      },
    ]);
    return success({ ...outcome, feeInvoice });
  });
}

async function assess(
  tx: Db,
  orgId: string,
  invoice: InvoiceRow,
  policy: Parameters<typeof computeLateFee>[0],
  charges: readonly LateFeeChargeRow[],
  asOf: PlainDate,
  step: number,
  exchange: ExchangeQuote | undefined,
): Promise<Result<{ assessment: LateFeeAssessment; skipped: LateFeeSkip[] }>> {
  const facts = await invoiceFacts(tx, orgId, invoice, exchange);
  const rates = await referenceRatesFor(tx, orgId);
  const history = chargedHistory(charges);
  const first = computeLateFee(policy, facts, history, asOf, step, rates);
  if (first.ok) return success({ assessment: first.value, skipped: first.value.reasons.map((r) => ({ ...r })) });
  if (first.code !== 'EXCHANGE_QUOTE_REQUIRED' || !policy.compensation) return first;
  const without = computeLateFee({ ...policy, compensation: null }, facts, history, asOf, step, rates);
  if (!without.ok) return without;
  return success({ assessment: without.value, skipped: [...without.value.reasons, { component: 'compensation', code: 'EXCHANGE_QUOTE_REQUIRED' }] });
}

function describe(line: LateFeeLine, invoice: InvoiceRow, customer: CustomerRow, charges: readonly LateFeeChargeRow[], asOf: PlainDate): string {
  const locale = documentLocale(customer);
  const number = invoice.number ?? invoice.id;
  if (line.component !== 'interest') return fillText(LATE_FEE_LINE[line.component], locale, { invoice: number });
  // The increment charged now runs from the day after the last interest posting (or from the first day of
  // interest) to today.
  const last = charges.filter((c) => c.component === 'interest').map((c) => parseDate(c.asOf)!).sort(compareDates).at(-1);
  const from = last ? addDays(last, 1) : (line.interest?.lines[0]?.from ?? asOf);
  return fillText(LATE_FEE_LINE.interest, locale, { invoice: number, from: formatDate(from, locale), to: formatDate(asOf, locale) });
}

function detailOf(line: LateFeeLine): Record<string, unknown> {
  if (line.interest)
    return {
      interestAccrued: line.interest.total.amount,
      periods: line.interest.lines.map((l) => ({ from: l.from.toString(), to: l.to.toString(), days: l.days, balance: l.balance, annualRateBp: l.annualRateBp })),
    };
  if (line.compensation) return { statedAmount: line.compensation.statedAmount };
  return {};
}

import { isCurrencyCode } from '../domain/currency.ts';
import { compareDates, parseDate, type PlainDate } from '../domain/dates.ts';
import { invoiceTotals, type InvoiceTotals, type LineInput as DomainLine } from '../domain/invoice-totals.ts';
import { dueDate, parseTermsCode } from '../domain/payment-terms.ts';
import { parseQuantity, formatQuantity } from '../domain/quantity.ts';
import { failure, type Result, success } from '../domain/result.ts';
import { checkInvoiceVat, lineVat, type VatCategory, type VatTreatment } from '../domain/vat-category.ts';
import { newId } from '../db/ids.ts';
import type { NewInvoiceLineRow } from '../db/repositories/invoices.ts';
import type { LineInput } from './inputs.ts';

export interface PricedLines {
  readonly lines: readonly (DomainLine & { readonly taxCategory: VatCategory })[];
  readonly totals: InvoiceTotals;
}

/** Turn API/CSV lines into exact domain lines; the first bad value is reported with its field path. */
export function priceLines(input: readonly LineInput[], prefix = ''): Result<PricedLines> {
  const lines: (DomainLine & { taxCategory: VatCategory })[] = [];
  const vat: VatTreatment[] = [];
  for (const [i, l] of input.entries()) {
    const quantity = parseQuantity(String(l.quantity));
    if (quantity === null || quantity === 0)
      return failure('INVALID_QUANTITY', 'Quantity must be a positive decimal with at most 4 places', `${prefix}lines[${i}].quantity`);
    const treatment = lineVat(l, `${prefix}lines[${i}].`);
    if (!treatment.ok) return treatment;
    const { category, rateBp, exemptionCode, exemptionReason } = treatment.value;
    vat.push(treatment.value);
    lines.push({ quantity, unitPrice: l.unitPrice, taxRateBp: rateBp, taxCategory: category, taxExemptionCode: exemptionCode, taxExemptionReason: exemptionReason, discountBp: l.discountBp ?? 0 });
  }
  const mixed = checkInvoiceVat(vat, prefix);
  if (mixed) return mixed;
  const totals = invoiceTotals(lines);
  if (!Number.isSafeInteger(totals.total) || totals.total > Number.MAX_SAFE_INTEGER / 2)
    return failure('AMOUNT_TOO_LARGE', 'The invoice total is beyond what can be invoiced', `${prefix}lines`);
  return success({ lines, totals });
}

export function lineRows(orgId: string, invoiceId: string, input: readonly LineInput[], priced: PricedLines): NewInvoiceLineRow[] {
  return input.map((l, i) => {
    const line = priced.lines[i]!;
    return {
      orgId,
      id: newId(),
      invoiceId,
      position: i + 1,
      description: l.description,
      quantity: formatQuantity(line.quantity),
      unitPrice: line.unitPrice,
      taxRateBp: line.taxRateBp,
      taxCategory: line.taxCategory,
      taxExemptionCode: line.taxExemptionCode ?? null,
      taxExemptionReason: line.taxExemptionReason ?? null,
      discountBp: line.discountBp,
      netAmount: priced.totals.lines[i]!.net,
    };
  });
}

export interface Schedule {
  readonly issueDate: PlainDate;
  readonly dueDate: PlainDate;
  readonly paymentTerms: string;
}

/**
 * Work out issue and due dates. An explicit due date wins and is stored as fixed terms so the printed date
 * and the stored rule never disagree; otherwise the terms decide.
 */
export function schedule(
  input: { issueDate?: string; dueDate?: string; paymentTerms?: string },
  defaults: { issueDate: PlainDate; paymentTerms: string },
  prefix = '',
): Result<Schedule> {
  const issueDate = input.issueDate === undefined ? defaults.issueDate : parseDate(input.issueDate);
  if (!issueDate) return failure('INVALID_DATE', 'Not a calendar date', `${prefix}issueDate`);
  if (input.dueDate !== undefined) {
    const due = parseDate(input.dueDate);
    if (!due) return failure('INVALID_DATE', 'Not a calendar date', `${prefix}dueDate`);
    if (compareDates(due, issueDate) < 0) return failure('DUE_BEFORE_ISSUE', 'The due date is before the issue date', `${prefix}dueDate`);
    return success({ issueDate, dueDate: due, paymentTerms: `fixed_${due.toString()}` });
  }
  const code = input.paymentTerms ?? defaults.paymentTerms;
  const terms = parseTermsCode(code);
  if (!terms) return failure('INVALID_PAYMENT_TERMS', 'Payment terms must be net_N, eom_N, due_on_receipt or fixed_YYYY-MM-DD', `${prefix}paymentTerms`);
  const due = dueDate(issueDate, terms);
  if (compareDates(due, issueDate) < 0) return failure('DUE_BEFORE_ISSUE', 'The fixed due date is before the issue date', `${prefix}paymentTerms`);
  return success({ issueDate, dueDate: due, paymentTerms: code });
}

export function checkCurrency(code: string, field = 'currency'): Result<string> {
  return isCurrencyCode(code) ? success(code) : failure('INVALID_CURRENCY', `Unknown currency code ${code}`, field);
}

/** The invoice columns that follow from its priced lines. */
export function totalsColumns(t: InvoiceTotals) {
  return { subtotal: t.subtotal, discountTotal: t.discountTotal, taxTotal: t.taxTotal, total: t.total, taxBreakdown: [...t.taxBreakdown] };
}

/** The invoice columns that follow from its schedule. */
export function scheduleColumns(s: Schedule) {
  return { issueDate: s.issueDate.toString(), dueDate: s.dueDate.toString(), paymentTerms: s.paymentTerms };
}

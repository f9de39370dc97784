import { applyBasisPoints, divideRoundHalfUp, sum, toSafeNumber } from './money.ts';
import { QUANTITY_SCALE } from './quantity.ts';
import { defaultCategory, VAT_CATEGORIES, type VatCategory } from './vat-category.ts';

export interface LineInput {
  /** Ten-thousandths of a unit (see quantity.ts). */
  readonly quantity: number;
  /** Minor units per unit, before discount and tax. */
  readonly unitPrice: number;
  /** Tax rate in basis points: 1000 = 10 %. */
  readonly taxRateBp: number;
  /** Line discount in basis points of the line amount. */
  readonly discountBp: number;
  /** EN 16931 VAT category; by default S for a positive rate and Z for 0 %. */
  readonly taxCategory?: VatCategory;
  /** Why no VAT is charged (categories E, AE, K, G, O): VATEX code and words. */
  readonly taxExemptionCode?: string | null;
  readonly taxExemptionReason?: string | null;
}

export interface LineTotals {
  readonly gross: number;
  readonly discount: number;
  readonly net: number;
}

export interface TaxBreakdownRow {
  readonly taxCategory: VatCategory;
  readonly taxRateBp: number;
  readonly taxExemptionCode?: string;
  readonly taxExemptionReason?: string;
  readonly taxableAmount: number;
  readonly taxAmount: number;
}

export interface InvoiceTotals {
  readonly lines: readonly LineTotals[];
  readonly subtotal: number;
  readonly discountTotal: number;
  readonly netTotal: number;
  readonly taxBreakdown: readonly TaxBreakdownRow[];
  readonly taxTotal: number;
  readonly total: number;
}

export function lineTotals(line: LineInput): LineTotals {
  const gross = toSafeNumber(divideRoundHalfUp(BigInt(line.quantity) * BigInt(line.unitPrice), BigInt(QUANTITY_SCALE)));
  const discount = applyBasisPoints(gross, line.discountBp);
  return { gross, discount, net: gross - discount };
}

/**
 * Tax is computed per invoice, once per VAT category and rate, on the sum of the line nets in it (EN 16931
 * rules BR-CO-17 and BR-S-08, and what tax authorities in the EU, Romania and Vietnam expect on the printed
 * breakdown). Per-line rounding would make the printed breakdown disagree with the lines by a minor unit on
 * long invoices. Lines with different exemption reasons stay apart, so no reason is ever dropped.
 */
export function invoiceTotals(lines: readonly LineInput[]): InvoiceTotals {
  const computed = lines.map(lineTotals);
  const groups = new Map<string, { row: Omit<TaxBreakdownRow, 'taxableAmount' | 'taxAmount'>; taxableAmount: number }>();
  lines.forEach((line, i) => {
    const row = breakdownKey(line);
    const key = JSON.stringify(row);
    const group = groups.get(key) ?? { row, taxableAmount: 0 };
    group.taxableAmount += computed[i]?.net ?? 0;
    groups.set(key, group);
  });
  const taxBreakdown = [...groups.values()]
    .sort((a, b) => a.row.taxRateBp - b.row.taxRateBp || VAT_CATEGORIES.indexOf(a.row.taxCategory) - VAT_CATEGORIES.indexOf(b.row.taxCategory))
    .map(({ row, taxableAmount }) => ({ ...row, taxableAmount, taxAmount: applyBasisPoints(taxableAmount, row.taxRateBp) }));
  const subtotal = sum(computed.map((l) => l.gross));
  const discountTotal = sum(computed.map((l) => l.discount));
  const netTotal = sum(computed.map((l) => l.net));
  const taxTotal = sum(taxBreakdown.map((t) => t.taxAmount));
  return { lines: computed, subtotal, discountTotal, netTotal, taxBreakdown, taxTotal, total: netTotal + taxTotal };
}

function breakdownKey(line: LineInput): Omit<TaxBreakdownRow, 'taxableAmount' | 'taxAmount'> {
  return {
    taxCategory: line.taxCategory ?? defaultCategory(line.taxRateBp),
    taxRateBp: line.taxRateBp,
    ...(line.taxExemptionCode ? { taxExemptionCode: line.taxExemptionCode } : {}),
    ...(line.taxExemptionReason ? { taxExemptionReason: line.taxExemptionReason } : {}),
  };
}

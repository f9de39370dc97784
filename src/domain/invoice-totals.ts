import { applyBasisPoints, divideRoundHalfUp, sum, toSafeNumber } from './money.ts';
import { QUANTITY_SCALE } from './quantity.ts';

export interface LineInput {
  /** Ten-thousandths of a unit (see quantity.ts). */
  readonly quantity: number;
  /** Minor units per unit, before discount and tax. */
  readonly unitPrice: number;
  /** Tax rate in basis points: 1000 = 10 %. */
  readonly taxRateBp: number;
  /** Line discount in basis points of the line amount. */
  readonly discountBp: number;
}

export interface LineTotals {
  readonly gross: number;
  readonly discount: number;
  readonly net: number;
}

export interface TaxBreakdownRow {
  readonly taxRateBp: number;
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
 * Tax is computed per invoice, once per rate, on the sum of the line nets at that rate (EN 16931 rule
 * BR-CO-17 and what tax authorities in the EU, Romania and Vietnam expect on the printed breakdown). Per-line
 * rounding would make the printed breakdown disagree with the lines by a minor unit on long invoices.
 */
export function invoiceTotals(lines: readonly LineInput[]): InvoiceTotals {
  const computed = lines.map(lineTotals);
  const byRate = new Map<number, number>();
  lines.forEach((line, i) => {
    byRate.set(line.taxRateBp, (byRate.get(line.taxRateBp) ?? 0) + (computed[i]?.net ?? 0));
  });
  const taxBreakdown = [...byRate.entries()]
    .sort(([a], [b]) => a - b)
    .map(([taxRateBp, taxableAmount]) => ({ taxRateBp, taxableAmount, taxAmount: applyBasisPoints(taxableAmount, taxRateBp) }));
  const subtotal = sum(computed.map((l) => l.gross));
  const discountTotal = sum(computed.map((l) => l.discount));
  const netTotal = sum(computed.map((l) => l.net));
  const taxTotal = sum(taxBreakdown.map((t) => t.taxAmount));
  return { lines: computed, subtotal, discountTotal, netTotal, taxBreakdown, taxTotal, total: netTotal + taxTotal };
}

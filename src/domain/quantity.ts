// Quantities are decimals with up to four fractional digits (1.5 hours, 0.25 kg), held as an integer count
// of ten-thousandths so that quantity × price is exact before the single rounding.
export const QUANTITY_SCALE = 10_000;
const QUANTITY = /^(\d{1,12})(?:\.(\d{1,4}))?$/;

/** "1.5" → 15000. Returns null for anything else, including negatives and more than four decimals. */
export function parseQuantity(text: string): number | null {
  const m = QUANTITY.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * QUANTITY_SCALE + Number((m[2] ?? '').padEnd(4, '0'));
}

/** 15000 → "1.5": the shortest exact decimal. */
export function formatQuantity(scaled: number): string {
  const whole = Math.trunc(scaled / QUANTITY_SCALE);
  const fraction = String(scaled % QUANTITY_SCALE).padStart(4, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

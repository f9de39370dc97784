import { parseAmount } from '../../../src/domain/money.ts';
import { currencyInfo, isCurrencyCode } from '../../../src/domain/currency.ts';

/** What a person typed ("1 234,50" or "1234.5") as minor units of the currency, or null when it is not an amount. */
export function parseTypedAmount(text: string, currency: string): number | null {
  if (!isCurrencyCode(currency)) return null;
  const compact = text.replace(/[\s\u00a0\u202f']/g, '');
  // The last separator is the decimal mark when one or two digits follow it (three for three-digit
  // currencies); otherwise separators group thousands: "1.234" EUR is one thousand two hundred and thirty-four.
  const digits = currencyInfo(currency).minorUnits;
  const last = Math.max(compact.lastIndexOf(','), compact.lastIndexOf('.'));
  const decimals = last >= 0 ? compact.length - last - 1 : 0;
  const decimal = last >= 0 && decimals > 0 && decimals <= Math.max(digits, 2) && !(decimals === 3 && digits < 3);
  const whole = decimal ? compact.slice(0, last) : compact;
  // Thousands come in groups of three with one kind of separator: "1.234.567", never "12.3.4".
  if (!/^\d+$/.test(whole) && !/^\d{1,3}([.,])\d{3}(\1\d{3})*$/.test(whole)) return null;
  const normal = `${whole.replace(/[.,]/g, '')}${decimal ? `.${compact.slice(last + 1)}` : ''}`;
  const minor = parseAmount(normal, currency);
  return minor !== null && minor >= 0 ? minor : null;
}

export function AmountField({ label, currency, value, onChange, error }: { label: string; currency: string; value: string; onChange: (v: string) => void; error?: string | null }) {
  return (
    <label className="field">
      <span>{label} ({currency})</span>
      <input className="input num" inputMode="decimal" value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} />
      {error && <span className="field-error">{error}</span>}
    </label>
  );
}

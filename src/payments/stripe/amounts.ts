import { currencyInfo, isCurrencyCode } from '../../domain/currency.ts';
import { failure, type Result, success } from '../../domain/result.ts';

// Stripe's minor units are not always ISO 4217's (https://docs.stripe.com/currencies): zero-decimal
// currencies are sent whole (VND 50000 is 50000), three-decimal ones in thousandths that must end in 0,
// ISK is sent with two decimals though ISO gives it none, and IDR is two-decimal like ISO.
const ZERO_DECIMAL = new Set(['BIF', 'CLP', 'DJF', 'GNF', 'JPY', 'KMF', 'KRW', 'MGA', 'PYG', 'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF']);
const THREE_DECIMAL = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND']);

export function stripeDecimals(currency: string): number {
  if (ZERO_DECIMAL.has(currency)) return 0;
  if (THREE_DECIMAL.has(currency)) return 3;
  return 2;
}

/** Our amount (ISO minor units) as Stripe wants it, or why Stripe cannot charge exactly that amount. */
export function toStripeAmount(amount: number, currency: string): Result<number> {
  if (!isCurrencyCode(currency)) return failure('INVALID_CURRENCY', `${currency} is not a currency we know`, 'currency');
  const shift = stripeDecimals(currency) - currencyInfo(currency).minorUnits;
  const scaled = shift >= 0 ? amount * 10 ** shift : amount / 10 ** -shift;
  if (!Number.isSafeInteger(scaled)) return failure('AMOUNT_NOT_CHARGEABLE', `${amount} minor units of ${currency} cannot be sent to Stripe exactly`, 'amount');
  if (THREE_DECIMAL.has(currency) && scaled % 10 !== 0)
    return failure('AMOUNT_NOT_CHARGEABLE', `Stripe charges ${currency} only in multiples of 0.010; pay this amount by bank transfer`, 'amount');
  return success(scaled);
}

/** A Stripe amount in our minor units; null for a currency we do not know or an amount we cannot hold exactly. */
export function fromStripeAmount(amount: number, currency: string): number | null {
  if (!isCurrencyCode(currency) || !Number.isSafeInteger(amount)) return null;
  const shift = currencyInfo(currency).minorUnits - stripeDecimals(currency);
  const scaled = shift >= 0 ? amount * 10 ** shift : amount / 10 ** -shift;
  return Number.isSafeInteger(scaled) ? scaled : null;
}

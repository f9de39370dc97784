import type { LateFeePolicy } from '../../domain/fees/index.ts';
import { LOCALE_PROFILES } from '../templates/locales.ts';
import type { Locale } from '../templates/index.ts';
import { formatter } from './format.ts';
import { PDF_LABELS } from './labels/index.ts';

/**
 * A late-fee policy as the sentences an invoice prints under "Late payment": the charge, the fixed
 * compensation and the grace period, with amounts in the invoice's currency. A fixed fee with no amount
 * for that currency is not charged on it, so it is not mentioned. Empty when nothing applies.
 */
export function lateFeeTermsText(policy: LateFeePolicy, currency: string, locale: Locale): string {
  const words = PDF_LABELS[locale].lateFee;
  const f = formatter(locale);
  const sentences: string[] = [];
  const { charge, compensation } = policy;
  if (charge) {
    switch (charge.kind) {
      case 'fixed': {
        const amount = charge.amounts[currency];
        if (amount !== undefined) sentences.push(words.fixed(f.money(amount, currency)));
        break;
      }
      case 'percent':
        sentences.push(words.percent(f.rate(charge.rateBp)));
        break;
      case 'interest':
        sentences.push(words.interest(f.rate(charge.annualRateBp)));
        break;
      case 'statutory_interest':
        sentences.push(words.statutoryInterest(placeName(charge.jurisdiction, locale)));
        break;
    }
  }
  if (compensation) {
    sentences.push(compensation.kind === 'fixed' ? words.compensation(f.money(compensation.amount.amount, compensation.amount.currency)) : words.statutoryCompensation);
  }
  if (sentences.length > 0 && policy.graceDays > 0) sentences.push(words.grace(policy.graceDays));
  return sentences.join(' ');
}

/** "RO" → "România" in Romanian, "EU" → "European Union" in English; "UK" is ISO's "GB". */
function placeName(jurisdiction: string, locale: Locale): string {
  const region = jurisdiction === 'UK' ? 'GB' : jurisdiction;
  try {
    return new Intl.DisplayNames([LOCALE_PROFILES[locale].numberLocale], { type: 'region', fallback: 'code' }).of(region) ?? jurisdiction;
  } catch {
    return jurisdiction;
  }
}

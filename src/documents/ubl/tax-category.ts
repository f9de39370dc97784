import type { UblTaxCategory } from './model.ts';

/**
 * The VAT category of a rate when the invoice records nothing more: a positive rate is standard rated (S),
 * 0 % zero rated (Z). Exempt (E), reverse charge (AE) and intra-community (K) supplies need an exemption
 * reason (BT-120) and are passed in explicitly by callers that know it.
 */
export function categoryForRate(rateBp: number): UblTaxCategory {
  return { code: rateBp > 0 ? 'S' : 'Z', rateBp };
}

import { formatIban } from './iban.ts';
import { formatRfReference } from './rf-reference.ts';
import { currencyInfo } from '../currency.ts';
import { formatAmount } from '../money.ts';

// The bank details a person copies by hand: printed beside a payment QR, or alone when no QR format fits
// the currency. Lines carry a field key, not a label, so documents print them in the customer's language.
export type TransferField =
  | 'beneficiary'
  | 'iban'
  | 'accountNumber'
  | 'bankName'
  | 'bankCode'
  | 'bic'
  | 'correspondentAccount'
  | 'payeeTaxId'
  | 'payeeKpp'
  | 'amount'
  | 'reference';

export interface TransferLine {
  readonly field: TransferField;
  readonly value: string;
}

export interface TransferDetails {
  readonly beneficiary: string;
  /** Electronic form, already validated. */
  readonly iban?: string;
  readonly accountNumber?: string;
  readonly bankName?: string;
  readonly bankCode?: string;
  readonly bic?: string;
  readonly correspondentAccount?: string;
  readonly payeeTaxId?: string;
  readonly payeeKpp?: string;
  readonly amountMinor: number;
  readonly currency: string;
  /** Electronic form, already validated. */
  readonly reference: string;
}

const ENGLISH_LABELS: Readonly<Record<TransferField, string>> = {
  beneficiary: 'Beneficiary',
  iban: 'IBAN',
  accountNumber: 'Account number',
  bankName: 'Bank',
  bankCode: 'Bank code',
  bic: 'BIC',
  correspondentAccount: 'Correspondent account',
  payeeTaxId: 'Tax ID',
  payeeKpp: 'KPP',
  amount: 'Amount',
  reference: 'Reference',
};

/** The lines in print order; an IBAN stands in for the account number when both are known. */
export function transferLines(details: TransferDetails): TransferLine[] {
  const candidates: ReadonlyArray<readonly [TransferField, string | undefined]> = [
    ['beneficiary', details.beneficiary],
    ['iban', details.iban === undefined ? undefined : formatIban(details.iban)],
    ['accountNumber', details.iban === undefined ? details.accountNumber : undefined],
    ['bankName', details.bankName],
    ['bankCode', details.bankCode],
    ['bic', details.bic],
    ['correspondentAccount', details.correspondentAccount],
    ['payeeTaxId', details.payeeTaxId],
    ['payeeKpp', details.payeeKpp],
    ['amount', `${details.currency} ${displayAmount(details.amountMinor, details.currency)}`],
    ['reference', formatRfReference(details.reference)],
  ];
  return candidates.flatMap(([field, value]) => {
    const text = value?.trim() ?? '';
    return text === '' ? [] : [{ field, value: text }];
  });
}

/** "Label: value" lines in English, the fallback when the documents layer has no translation at hand. */
export function transferTextBlock(lines: readonly TransferLine[]): string {
  return lines.map((line) => `${ENGLISH_LABELS[line.field]}: ${line.value}`).join('\n');
}

/**
 * The amount with the digits people expect: IDR has 2 ISO minor units but is shown whole, so zero
 * hundredths are dropped ("150000.00" → "150000"); non-zero ones are kept rather than hidden.
 */
export function displayAmount(amountMinor: number, currency: string): string {
  const { minorUnits, displayDigits } = currencyInfo(currency);
  const text = formatAmount(amountMinor, currency);
  const hidden = minorUnits - displayDigits;
  if (hidden <= 0 || !text.endsWith('0'.repeat(hidden))) return text;
  const shown = text.slice(0, -hidden);
  return shown.endsWith('.') ? shown.slice(0, -1) : shown;
}

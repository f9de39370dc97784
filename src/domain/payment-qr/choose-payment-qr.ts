import { buildEpcPayload } from './epc.ts';
import { fail, type PaymentQrFailure } from './failure.ts';
import { buildGostPayload, russianDate } from './gost-st00012.ts';
import { validateIban } from './iban.ts';
import { validateRfReference } from './rf-reference.ts';
import { optionalText, requiredText } from './text-field.ts';
import { transferLines, transferTextBlock, type TransferLine } from './transfer-lines.ts';
import { buildVietQrPayload, fitsVietQrNote } from './vietqr.ts';
import { isCurrencyCode } from '../currency.ts';
import type { PlainDate } from '../dates.ts';
import { success, type Success } from '../result.ts';

// Which bank-transfer instructions an invoice carries: the QR that the payer's banking app in that currency
// understands (EPC for EUR, VietQR for VND, GOST ST00012 for RUB), or for any other currency the plain
// bank details as text. Every kind also carries the details as lines to print beside the QR.

export interface BankAccountDetails {
  readonly iban?: string;
  readonly bic?: string;
  readonly accountNumber?: string;
  readonly bankCode?: string;
  readonly bankName?: string;
  /** Russian banks' correspondent account (20 digits). */
  readonly correspondentAccount?: string;
  /** NAPAS BIN of a Vietnamese bank (6 digits). */
  readonly vietBankBin?: string;
}

export interface PaymentQrRequest {
  readonly currency: string;
  /** Amount to pay, in the currency's ISO minor units. */
  readonly amountMinor: number;
  readonly beneficiary: string;
  readonly bankAccount: BankAccountDetails;
  /** The invoice's ISO 11649 RF creditor reference. */
  readonly reference: string;
  readonly invoiceNumber: string;
  readonly issueDate: PlainDate;
  /** INN for RUB. */
  readonly payeeTaxId?: string;
  readonly payeeKpp?: string;
}

export type PaymentQrKind = 'epc' | 'vietqr' | 'gost';

export interface PaymentInstructions {
  readonly kind: PaymentQrKind | 'text';
  /** The string to encode in the QR; for 'text', the lines as an English "Label: value" block. */
  readonly payload: string;
  /** The bank details to print, beside the QR or alone. */
  readonly lines: readonly TransferLine[];
}

export function choosePaymentQr(request: PaymentQrRequest): Success<PaymentInstructions> | PaymentQrFailure {
  if (!isCurrencyCode(request.currency)) return fail('CURRENCY_UNKNOWN', 'currency', `Unknown currency ${request.currency}`);
  if (!Number.isSafeInteger(request.amountMinor) || request.amountMinor < 1) {
    return fail('AMOUNT_OUT_OF_RANGE', 'amountMinor', 'The amount to pay is a positive whole number of minor units');
  }
  const beneficiary = requiredText(request.beneficiary, { code: 'NAME', field: 'beneficiary', max: 160 });
  if (!beneficiary.ok) return beneficiary;
  const bankAccount = cleanAccount(request.bankAccount);
  if (!bankAccount.ok) return bankAccount;
  const payeeTaxId = optionalText(request.payeeTaxId, { code: 'BANK_DETAIL', field: 'payeeTaxId', max: 140 });
  if (!payeeTaxId.ok) return payeeTaxId;
  const payeeKpp = optionalText(request.payeeKpp, { code: 'BANK_DETAIL', field: 'payeeKpp', max: 140 });
  if (!payeeKpp.ok) return payeeKpp;
  const reference = validateRfReference(request.reference);
  if (!reference.ok) return reference;
  const clean: PaymentQrRequest = {
    ...request,
    beneficiary: beneficiary.value,
    bankAccount: bankAccount.value,
    payeeTaxId: payeeTaxId.value,
    payeeKpp: payeeKpp.value,
    reference: reference.value,
  };

  switch (clean.currency) {
    case 'EUR':
      return epcInstructions(clean);
    case 'VND':
      return vietQrInstructions(clean);
    case 'RUB':
      return gostInstructions(clean);
    default:
      return textInstructions(clean);
  }
}

/** Blank details count as absent (settings forms store ""); an IBAN, when given, must be valid everywhere. */
function cleanAccount(account: BankAccountDetails): Success<BankAccountDetails> | PaymentQrFailure {
  const clean: Record<string, string> = {};
  for (const [key, value] of Object.entries(account)) {
    const text = optionalText(value, { code: 'BANK_DETAIL', field: `bankAccount.${key}`, max: 140 });
    if (!text.ok) return text;
    if (text.value !== undefined) clean[key] = text.value;
  }
  if (clean.iban !== undefined) {
    const iban = validateIban(clean.iban, 'bankAccount.iban');
    if (!iban.ok) return iban;
    clean.iban = iban.value;
  }
  return success(clean);
}

function epcInstructions(request: PaymentQrRequest): Success<PaymentInstructions> | PaymentQrFailure {
  const { iban, bic } = request.bankAccount;
  if (iban === undefined) return missing('bankAccount.iban', 'An EPC QR needs the IBAN of the EUR account');
  const payload = buildEpcPayload({ beneficiaryName: request.beneficiary, iban, bic, amountMinor: request.amountMinor, reference: request.reference });
  if (!payload.ok) {
    return renamed(payload, { beneficiaryName: 'beneficiary', iban: 'bankAccount.iban', bic: 'bankAccount.bic', payload: 'beneficiary' });
  }
  return instructions('epc', payload.value, request);
}

function vietQrInstructions(request: PaymentQrRequest): Success<PaymentInstructions> | PaymentQrFailure {
  const { vietBankBin, accountNumber } = request.bankAccount;
  if (vietBankBin === undefined) return missing('bankAccount.vietBankBin', 'A VietQR needs the bank BIN of the VND account');
  if (accountNumber === undefined) return missing('bankAccount.accountNumber', 'A VietQR needs the account number');
  // The invoice number is what the payee recognises on the statement; the RF reference (≤25 characters,
  // always ASCII) stands in when the invoice number does not fit a transfer note.
  const note = fitsVietQrNote(request.invoiceNumber) ? request.invoiceNumber : request.reference;
  const payload = buildVietQrPayload({ bankBin: vietBankBin, accountNumber, amountVnd: request.amountMinor, note });
  if (!payload.ok) return renamed(payload, { bankBin: 'bankAccount.vietBankBin', accountNumber: 'bankAccount.accountNumber', amountVnd: 'amountMinor' });
  return instructions('vietqr', payload.value, request);
}

function gostInstructions(request: PaymentQrRequest): Success<PaymentInstructions> | PaymentQrFailure {
  const { accountNumber, bankName, bic, correspondentAccount } = request.bankAccount;
  if (accountNumber === undefined) return missing('bankAccount.accountNumber', 'A GOST QR needs the 20-digit settlement account');
  if (bankName === undefined) return missing('bankAccount.bankName', 'A GOST QR needs the bank name');
  if (bic === undefined) return missing('bankAccount.bic', 'A GOST QR needs the 9-digit bank BIC');
  if (correspondentAccount === undefined) return missing('bankAccount.correspondentAccount', "A GOST QR needs the bank's correspondent account");
  const payload = buildGostPayload({
    name: request.beneficiary,
    personalAcc: accountNumber,
    bankName,
    bic,
    correspAcc: correspondentAccount,
    payeeInn: request.payeeTaxId,
    kpp: request.payeeKpp,
    sumKopecks: request.amountMinor,
    // Russian banks expect the purpose of payment in Russian, naming the invoice and its date.
    purpose: `Оплата по счету № ${request.invoiceNumber.trim()} от ${russianDate(request.issueDate)}`,
  });
  if (!payload.ok) {
    return renamed(payload, {
      name: 'beneficiary',
      personalAcc: 'bankAccount.accountNumber',
      bankName: 'bankAccount.bankName',
      bic: 'bankAccount.bic',
      correspAcc: 'bankAccount.correspondentAccount',
      payeeInn: 'payeeTaxId',
      kpp: 'payeeKpp',
      sumKopecks: 'amountMinor',
      purpose: 'invoiceNumber',
      payload: 'beneficiary',
    });
  }
  return instructions('gost', payload.value, request);
}

function textInstructions(request: PaymentQrRequest): Success<PaymentInstructions> | PaymentQrFailure {
  const { iban, accountNumber } = request.bankAccount;
  if (iban === undefined && accountNumber === undefined) {
    return missing('bankAccount.accountNumber', 'Bank transfer details need an IBAN or an account number');
  }
  const lines = linesFor(request);
  return success({ kind: 'text', payload: transferTextBlock(lines), lines });
}

function instructions(kind: PaymentQrKind, payload: string, request: PaymentQrRequest): Success<PaymentInstructions> {
  return success({ kind, payload, lines: linesFor(request) });
}

function linesFor(request: PaymentQrRequest): TransferLine[] {
  const { bankAccount } = request;
  return transferLines({
    beneficiary: request.beneficiary,
    iban: bankAccount.iban,
    accountNumber: bankAccount.accountNumber,
    bankName: bankAccount.bankName,
    bankCode: bankAccount.bankCode,
    bic: bankAccount.bic,
    correspondentAccount: bankAccount.correspondentAccount,
    payeeTaxId: request.payeeTaxId,
    payeeKpp: request.payeeKpp,
    amountMinor: request.amountMinor,
    currency: request.currency,
    reference: request.reference,
  });
}

function missing(field: string, message: string): PaymentQrFailure {
  return fail('ACCOUNT_DETAILS_MISSING', field, message);
}

function renamed(failure: PaymentQrFailure, fields: Readonly<Record<string, string>>): PaymentQrFailure {
  return { ...failure, field: fields[failure.field] ?? failure.field };
}

import { describe, expect, it } from 'vitest';
import { choosePaymentQr, type PaymentInstructions, type PaymentQrRequest } from './choose-payment-qr.ts';
import { displayAmount } from './transfer-lines.ts';
import { date } from '../dates.ts';

const eur: PaymentQrRequest = {
  currency: 'EUR',
  amountMinor: 12_345,
  beneficiary: 'Example SRL',
  bankAccount: { iban: 'RO49 AAAA 1B31 0075 9384 0000', bic: 'AAAARO22' },
  reference: 'RF41 INV2 0250 0042',
  invoiceNumber: 'INV-2025-00042',
  issueDate: date('2025-03-01'),
};

const vnd: PaymentQrRequest = {
  ...eur,
  currency: 'VND',
  amountMinor: 1_500_000,
  beneficiary: 'Công ty TNHH Ví Dụ',
  bankAccount: { vietBankBin: '970436', accountNumber: '0011001234567', bankName: 'Vietcombank' },
  invoiceNumber: 'TT HD0001',
};

const rub: PaymentQrRequest = {
  ...eur,
  currency: 'RUB',
  amountMinor: 375_200,
  beneficiary: 'ООО «Пример»',
  bankAccount: { accountNumber: '40702810138250123017', bankName: 'ПАО СБЕРБАНК', bic: '044525225', correspondentAccount: '30101810400000000225' },
  invoiceNumber: '123',
  payeeTaxId: '7701234567',
  payeeKpp: '770101001',
};

const ron: PaymentQrRequest = {
  ...eur,
  currency: 'RON',
  amountMinor: 123_450,
  beneficiary: 'Exemplu SRL',
  bankAccount: { iban: 'RO49AAAA1B31007593840000', bic: 'AAAAROBU', bankName: 'Banca Exemplu', accountNumber: '' },
  payeeTaxId: 'RO12345678',
};

function chosen(request: PaymentQrRequest): PaymentInstructions {
  const result = choosePaymentQr(request);
  if (!result.ok) throw new Error(`${result.code} (${result.field}): ${result.message}`);
  return result.value;
}

describe('choosing the payment instructions by currency', () => {
  it('gives EUR an EPC QR with the structured RF reference', () => {
    const result = chosen(eur);
    expect(result.kind).toBe('epc');
    expect(result.payload).toBe('BCD\n002\n1\nSCT\nAAAARO22\nExample SRL\nRO49AAAA1B31007593840000\nEUR123.45\n\nRF41INV202500042');
    expect(result.lines).toEqual([
      { field: 'beneficiary', value: 'Example SRL' },
      { field: 'iban', value: 'RO49 AAAA 1B31 0075 9384 0000' },
      { field: 'bic', value: 'AAAARO22' },
      { field: 'amount', value: 'EUR 123.45' },
      { field: 'reference', value: 'RF41 INV2 0250 0042' },
    ]);
  });

  it('gives VND a dynamic VietQR with the invoice number as the note', () => {
    const result = chosen(vnd);
    expect(result.kind).toBe('vietqr');
    expect(result.payload).toBe(
      '00020101021238570010A00000072701270006970436011300110012345670208QRIBFTTA5303704540715000005802VN62130809TT HD00016304E90E',
    );
    expect(result.lines.find((line) => line.field === 'amount')).toEqual({ field: 'amount', value: 'VND 1500000' });
  });

  it('puts the RF reference in the VietQR note when the invoice number does not fit', () => {
    const result = chosen({ ...vnd, invoiceNumber: 'HÓA-ĐƠN-2025-CÔNG-TY-VÍ-DỤ-0001' });
    expect(result.payload).toContain('62200816RF41INV202500042');
  });

  it('gives RUB a GOST ST00012 QR with a Russian purpose naming the invoice and its date', () => {
    const result = chosen(rub);
    expect(result.kind).toBe('gost');
    expect(result.payload).toBe(
      'ST00012|Name=ООО «Пример»|PersonalAcc=40702810138250123017|BankName=ПАО СБЕРБАНК|BIC=044525225|CorrespAcc=30101810400000000225|PayeeINN=7701234567|KPP=770101001|Sum=375200|Purpose=Оплата по счету № 123 от 01.03.2025',
    );
  });

  it('gives RON plain bank transfer text, since EPC QR carries EUR only', () => {
    const result = chosen(ron);
    expect(result.kind).toBe('text');
    expect(result.payload).toBe(
      [
        'Beneficiary: Exemplu SRL',
        'IBAN: RO49 AAAA 1B31 0075 9384 0000',
        'Bank: Banca Exemplu',
        'BIC: AAAAROBU',
        'Tax ID: RO12345678',
        'Amount: RON 1234.50',
        'Reference: RF41 INV2 0250 0042',
      ].join('\n'),
    );
    expect(result.lines.map((line) => line.field)).toEqual(['beneficiary', 'iban', 'bankName', 'bic', 'payeeTaxId', 'amount', 'reference']);
  });

  it('gives IDR an account number and bank code, the amount shown in whole rupiah', () => {
    const idr = { ...eur, currency: 'IDR', amountMinor: 15_000_000, bankAccount: { accountNumber: '1234567890', bankCode: '014', bankName: 'BCA' } };
    expect(chosen(idr)).toEqual({
      kind: 'text',
      payload: 'Beneficiary: Example SRL\nAccount number: 1234567890\nBank: BCA\nBank code: 014\nAmount: IDR 150000\nReference: RF41 INV2 0250 0042',
      lines: [
        { field: 'beneficiary', value: 'Example SRL' },
        { field: 'accountNumber', value: '1234567890' },
        { field: 'bankName', value: 'BCA' },
        { field: 'bankCode', value: '014' },
        { field: 'amount', value: 'IDR 150000' },
        { field: 'reference', value: 'RF41 INV2 0250 0042' },
      ],
    });
  });

  it('names the field when the details do not fit the format', () => {
    const cases: Array<[PaymentQrRequest, string, string]> = [
      [{ ...eur, bankAccount: { bic: 'AAAARO22' } }, 'ACCOUNT_DETAILS_MISSING', 'bankAccount.iban'],
      [{ ...eur, bankAccount: { iban: '  ' } }, 'ACCOUNT_DETAILS_MISSING', 'bankAccount.iban'],
      [{ ...eur, bankAccount: { iban: 'RO48AAAA1B31007593840000' } }, 'IBAN_CHECKSUM', 'bankAccount.iban'],
      [{ ...eur, bankAccount: { ...eur.bankAccount, bic: 'AAAA' } }, 'BIC_MALFORMED', 'bankAccount.bic'],
      [{ ...eur, beneficiary: 'E'.repeat(71) }, 'NAME_TOO_LONG', 'beneficiary'],
      [{ ...eur, beneficiary: '' }, 'NAME_REQUIRED', 'beneficiary'],
      [{ ...eur, reference: 'RF42INV202500042' }, 'RF_CHECKSUM', 'reference'],
      [{ ...eur, currency: 'XXX' }, 'CURRENCY_UNKNOWN', 'currency'],
      [{ ...eur, amountMinor: 0 }, 'AMOUNT_OUT_OF_RANGE', 'amountMinor'],
      [{ ...vnd, bankAccount: { accountNumber: '0011001234567' } }, 'ACCOUNT_DETAILS_MISSING', 'bankAccount.vietBankBin'],
      [{ ...vnd, bankAccount: { vietBankBin: '970436' } }, 'ACCOUNT_DETAILS_MISSING', 'bankAccount.accountNumber'],
      [{ ...vnd, bankAccount: { ...vnd.bankAccount, vietBankBin: 'VCB' } }, 'BANK_BIN_MALFORMED', 'bankAccount.vietBankBin'],
      [{ ...rub, bankAccount: { ...rub.bankAccount, correspondentAccount: undefined } }, 'ACCOUNT_DETAILS_MISSING', 'bankAccount.correspondentAccount'],
      [{ ...rub, bankAccount: { ...rub.bankAccount, accountNumber: '4070281013825012' } }, 'ACCOUNT_MALFORMED', 'bankAccount.accountNumber'],
      [{ ...rub, payeeTaxId: '77' }, 'INN_MALFORMED', 'payeeTaxId'],
      [{ ...rub, invoiceNumber: '1'.repeat(140) }, 'PURPOSE_TOO_LONG', 'invoiceNumber'],
      [{ ...ron, bankAccount: { bankName: 'Banca' } }, 'ACCOUNT_DETAILS_MISSING', 'bankAccount.accountNumber'],
      [{ ...ron, bankAccount: { ...ron.bankAccount, bankName: 'Banca\nIBAN: RO00 FAKE' } }, 'BANK_DETAIL_INVALID_CHARACTERS', 'bankAccount.bankName'],
    ];
    for (const [request, code, field] of cases) {
      expect(choosePaymentQr(request)).toMatchObject({ ok: false, code, field });
    }
  });
});

describe('amount shown beside the bank details', () => {
  it('shows ISO digits, hiding only zero hundredths of a currency printed whole', () => {
    expect(displayAmount(123_450, 'RON')).toBe('1234.50');
    expect(displayAmount(15_000_000, 'IDR')).toBe('150000');
    expect(displayAmount(15_000_050, 'IDR')).toBe('150000.50');
    expect(displayAmount(1_500_000, 'VND')).toBe('1500000');
    expect(displayAmount(1_234, 'KWD')).toBe('1.234');
  });
});

import { date } from '../../domain/dates.ts';
import { choosePaymentQr, type PaymentQrRequest } from '../../domain/payment-qr/index.ts';
import type { Locale } from '../templates/index.ts';
import type { DocumentLine, InvoiceDocument, PaymentSection, StatementDocument } from './models.ts';

// Realistic documents for tests and the benchmark: a Romanian seller, a Vietnamese buyer, the bank account
// and payment QR each currency calls for.

const ACCOUNTS: Readonly<Record<string, PaymentQrRequest['bankAccount']>> = {
  EUR: { iban: 'RO49AAAA1B31007593840000', bic: 'RNCBROBU', bankName: 'Banca Comercială Română' },
  VND: { accountNumber: '0011001932418', vietBankBin: '970436', bankName: 'Vietcombank' },
  RUB: { accountNumber: '40702810138000012345', bic: '044525225', bankName: 'ПАО Сбербанк', correspondentAccount: '30101810400000000225' },
  USD: { iban: 'RO66BACX0000001234567890', bic: 'BACXROBU', bankName: 'UniCredit Bank' },
};

export function samplePayment(currency: string, amountMinor: number, number = 'INV-00042', reference = 'RF82INV00042'): PaymentSection {
  const chosen = choosePaymentQr({
    currency,
    amountMinor,
    beneficiary: 'Punctual Demo SRL',
    bankAccount: ACCOUNTS[currency] ?? ACCOUNTS.USD!,
    reference,
    invoiceNumber: number,
    issueDate: date('2025-06-01'),
    ...(currency === 'RUB' ? { payeeTaxId: '7707083893' } : {}),
  });
  if (!chosen.ok) throw new Error(chosen.message);
  const { kind, payload, lines } = chosen.value;
  return { lines, ...(kind === 'text' ? {} : { qr: { kind, payload } }) };
}

export function sampleLines(count: number, description = (i: number) => `Consulting services, month ${i + 1}`): DocumentLine[] {
  return Array.from({ length: count }, (_, i) => ({
    description: description(i),
    quantity: i % 2 === 0 ? '2.0000' : '1.5000',
    unitPrice: 12_000,
    discountBp: i % 5 === 1 ? 1000 : 0,
    taxCategory: 'S',
    taxRateBp: i % 4 === 3 ? 900 : 1900,
    netAmount: i % 2 === 0 ? 24_000 : 18_000,
  }));
}

export function sampleInvoice(overrides: Partial<InvoiceDocument> = {}): InvoiceDocument {
  const currency = overrides.currency ?? 'EUR';
  const lines = overrides.lines ?? sampleLines(4);
  const net = lines.reduce((s, l) => s + l.netAmount, 0);
  const tax = Math.round(net * 0.19);
  const total = net + tax;
  const balance = total - 20_000;
  return {
    kind: 'invoice',
    locale: 'en' as Locale,
    number: 'INV-00042',
    issueDate: date('2025-06-01'),
    dueDate: date('2025-07-01'),
    currency,
    poNumber: 'PO-77/2025',
    paymentReference: 'RF82INV00042',
    seller: { name: 'Punctual Demo SRL', legalName: 'Punctual Demo S.R.L.', addressLines: ['Str. Ștefan cel Mare 12', '010101 București', 'România'], taxId: 'RO12345678' },
    buyer: { name: 'Công ty TNHH Sao Mai', addressLines: ['12 Nguyễn Huệ, Quận 1', 'TP. Hồ Chí Minh', 'Việt Nam'], taxId: '0312345678' },
    contact: { name: 'Trần Thị Lan', email: 'lan@saomai.vn' },
    lines,
    subtotal: net,
    discountTotal: 0,
    taxTotal: tax,
    total,
    amountPaid: 20_000,
    amountCredited: 0,
    balance,
    taxBreakdown: [{ taxCategory: 'S', taxRateBp: 1900, taxableAmount: net, taxAmount: tax }],
    lateFeeTerms: 'Late payments bear statutory interest (reference rate + 8 points) and a fixed 40 EUR recovery fee.',
    earlyPayment: { discount: 2_000, payable: balance - 2_000, deadline: date('2025-06-11') },
    notes: 'Thank you for your business.',
    payment: samplePayment(currency, balance),
    portalUrl: 'https://pay.example.com/portal',
    createdAt: new Date('2025-06-01T08:00:00Z'),
    ...overrides,
  };
}

export function sampleStatement(locale: Locale): StatementDocument {
  return {
    locale,
    asOf: date('2025-08-15'),
    seller: sampleInvoice().seller,
    buyer: sampleInvoice().buyer,
    sections: [
      {
        currency: 'EUR',
        items: [
          { number: 'INV-00040', issueDate: date('2025-05-01'), dueDate: date('2025-05-31'), daysOverdue: 76, total: 50_000, balance: 50_000 },
          { number: 'INV-00042', issueDate: date('2025-06-01'), dueDate: date('2025-07-01'), daysOverdue: 45, total: 121_550, balance: 101_550 },
          { number: 'INV-00051', issueDate: date('2025-08-01'), dueDate: date('2025-08-31'), daysOverdue: 0, total: 30_000, balance: 30_000 },
        ],
        aging: [
          { fromDay: null, toDay: 0, amount: 30_000 },
          { fromDay: 1, toDay: 30, amount: 0 },
          { fromDay: 31, toDay: 60, amount: 101_550 },
          { fromDay: 61, toDay: 90, amount: 50_000 },
          { fromDay: 91, toDay: null, amount: 0 },
        ],
        totalDue: 181_550,
        credit: 5_000,
      },
    ],
    portalUrl: 'https://pay.example.com/portal',
    createdAt: new Date('2025-08-15T08:00:00Z'),
  };
}

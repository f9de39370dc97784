import { describe, expect, it } from 'vitest';
import { date } from '../../domain/dates.ts';
import { money } from '../../domain/money.ts';
import { LOCALES, renderMessage, TONES, type Locale, type RenderedLetter } from '../templates/index.ts';
import { PDF_LABELS } from './labels/index.ts';
import { formatter, renderInvoicePdf, renderLetterPdf, renderStatementPdf } from './index.ts';
import { sampleInvoice, sampleLines, samplePayment, sampleStatement } from './sample-documents.ts';
import { decodeQr, pdfImageCount, pdfPageCount, pdfPagesAsPng, pdfText, pdfWords, solidPng } from './test-support.ts';

// These tests read the PDFs back with pdf.js (text, images, pages rendered to PNG), as a customer's viewer would. Rendering
// and rasterising pages takes seconds on a busy machine, hence the generous timeout.
const SLOW = 60_000;

/** A long sentence wraps across lines; compare with whitespace folded. */
function flat(text: string): string {
  return text.replace(/\s+/gu, ' ');
}

function letter(locale: Locale, tone: (typeof TONES)[number]): RenderedLetter {
  const rendered = renderMessage({
    kind: 'reminder',
    tone,
    channel: 'letter',
    locale,
    vars: {
      asOf: date('2025-08-15'),
      customerName: 'Công ty TNHH Sao Mai',
      contactName: 'Trần Thị Lan',
      organizationName: 'Punctual Demo SRL',
      invoices: [
        { number: 'INV-00040', issueDate: date('2025-05-01'), dueDate: date('2025-05-31'), balance: money(50_000, 'EUR') },
        { number: 'INV-00042', issueDate: date('2025-06-01'), dueDate: date('2025-07-01'), balance: money(101_550, 'EUR') },
      ],
      portalUrl: 'https://pay.example.com/portal',
      paymentReference: 'RF82 INV0 0042',
      bankDetails: 'IBAN: RO49 AAAA 1B31 0075 9384 0000',
      replyTo: 'accounts@punctual.example',
      lateFeeTerms: 'Statutory interest applies.',
    },
  });
  if (!rendered.ok || rendered.message.channel !== 'letter') throw new Error('letter did not render');
  return rendered.message;
}

describe('every PDF in every language', { timeout: SLOW }, () => {
  for (const locale of LOCALES) {
    const labels = PDF_LABELS[locale];

    it(`invoice in ${locale}: title, exact due date, PO, reference, balance, terms and bank details`, async () => {
      const pdf = await renderInvoicePdf(sampleInvoice({ locale }));
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const text = flat(await pdfText(pdf));
      for (const expected of [labels.invoiceTitle, labels.dueDate, 'INV-00042', 'PO-77/2025', 'RF82 INV0 0042', labels.balanceDue, labels.howToPay, 'RO49 AAAA 1B31 0075 9384 0000', 'https://pay.example.com/portal']) {
        expect(text).toContain(expected);
      }
      const f = formatter(locale);
      const invoice = sampleInvoice({ locale });
      // The exact due date in the customer's notation, never only "net 30".
      expect(text).toContain(flat(labels.payBy(f.money(invoice.balance, 'EUR'), f.date(invoice.dueDate))));
      expect(text).toContain(flat(labels.earlyDiscount(f.money(2_000, 'EUR'), f.money(invoice.balance - 2_000, 'EUR'), f.date(date('2025-06-11')))));
      expect(text).toContain(invoice.lateFeeTerms!);
    });

    it(`credit note in ${locale}: its own title and the invoice it corrects, no payment slip`, async () => {
      const pdf = await renderInvoicePdf(sampleInvoice({ locale, kind: 'credit_note', number: 'CN-00007', originalInvoiceNumber: 'INV-00042', payment: null, earlyPayment: null }));
      const text = flat(await pdfText(pdf));
      expect(text).toContain(labels.creditNoteTitle);
      expect(text).toContain('CN-00007');
      expect(text).toContain(flat(labels.creditNoteApplies('INV-00042')));
      expect(text).not.toContain(labels.howToPay);
    });

    it(`statement of account in ${locale}: open items, aging and total due`, async () => {
      const pdf = await renderStatementPdf(sampleStatement(locale));
      const text = flat(await pdfText(pdf));
      for (const expected of [labels.statementTitle, labels.agingSummary, labels.agingCurrent, labels.openItems, 'INV-00040', 'INV-00051', labels.totalDue, labels.creditAvailable]) {
        expect(text).toContain(flat(expected));
      }
    });

    for (const tone of TONES) {
      it(`reminder letter in ${locale} (${tone}): the letter message on the letterhead`, async () => {
        const message = letter(locale, tone);
        const pdf = await renderLetterPdf({ locale, seller: sampleInvoice().seller, recipient: sampleInvoice().buyer, message, createdAt: new Date('2025-08-15T08:00:00Z') });
        const text = flat(await pdfText(pdf));
        expect(text).toContain(flat(message.title));
        expect(text).toContain('INV-00042');
        expect(text).toContain('https://pay.example.com/portal');
      });
    }
  }
});

describe('diacritics survive into the PDF text', { timeout: SLOW }, () => {
  it('Vietnamese, Russian and Romanian invoices keep every accent and letter', async () => {
    const vi = await pdfText(await renderInvoicePdf(sampleInvoice({ locale: 'vi' })));
    for (const word of ['Hóa đơn', 'Số hóa đơn', 'Hạn thanh toán', 'Người mua hàng', 'Công ty TNHH Sao Mai', 'Nguyễn Huệ', 'Trần Thị Lan']) expect(vi).toContain(word);
    const ru = await pdfText(await renderInvoicePdf(sampleInvoice({ locale: 'ru', currency: 'RUB', payment: samplePayment('RUB', 80_000) })));
    for (const word of ['Счёт на оплату', 'Оплатить до', 'Покупатель', 'Реквизиты для оплаты', 'ПАО Сбербанк', 'Корр. счёт']) expect(ru).toContain(word);
    const ro = await pdfText(await renderInvoicePdf(sampleInvoice({ locale: 'ro' })));
    for (const word of ['Factură', 'Data scadenței', 'Cumpărător', 'Ștefan', 'București', 'ș', 'ț', 'ă', 'î']) expect(ro).toContain(word);
    // Comma-below ș/ț, never the cedilla look-alikes ş/ţ.
    expect(ro).not.toMatch(/[şţŞŢ]/u);
  });

  it('renders Vietnamese and Russian invoices to images without failing', async () => {
    for (const locale of ['vi', 'ru'] as const) {
      const pages = await pdfPagesAsPng(await renderInvoicePdf(sampleInvoice({ locale })), 60);
      expect(pages.length).toBeGreaterThan(0);
      expect(pages[0]!.subarray(1, 4).toString()).toBe('PNG');
    }
  });
});

describe('the payment QR on the page', { timeout: SLOW }, () => {
  for (const currency of ['EUR', 'VND', 'RUB']) {
    it(`decodes from the rendered ${currency} invoice to the exact payload`, async () => {
      const payment = samplePayment(currency, currency === 'VND' ? 1_500_000 : 101_550);
      const invoice = sampleInvoice({ currency, payment, lines: sampleLines(2), locale: currency === 'RUB' ? 'ru' : currency === 'VND' ? 'vi' : 'en' });
      const pages = await pdfPagesAsPng(await renderInvoicePdf(invoice));
      const decoded = pages.map(decodeQr).find((text) => text !== null);
      expect(decoded).toBe(payment.qr!.payload);
    });
  }

  it('prints bank details as text, without a QR, where no QR format fits the currency', async () => {
    const invoice = sampleInvoice({ currency: 'USD', payment: samplePayment('USD', 101_550), lines: sampleLines(2) });
    expect(invoice.payment!.qr).toBeUndefined();
    const pdf = await renderInvoicePdf(invoice);
    expect((await pdfPagesAsPng(pdf, 100)).map(decodeQr).every((text) => text === null)).toBe(true);
    expect(flat(await pdfText(pdf))).toContain('RO66 BACX 0000 0012 3456 7890');
  });
});

describe('the organization logo', { timeout: SLOW }, () => {
  it('is printed on invoices, statements and letters when the organization has one', async () => {
    const seller = { ...sampleInvoice().seller, logo: solidPng(300, 100, [31, 58, 95]) };
    expect(await pdfImageCount(await renderInvoicePdf(sampleInvoice({ seller })))).toBe(1);
    expect(await pdfImageCount(await renderStatementPdf({ ...sampleStatement('en'), seller }))).toBe(1);
    expect(await pdfImageCount(await renderInvoicePdf(sampleInvoice()))).toBe(0);
  });

  it('an unreadable logo costs nothing but the logo', async () => {
    const seller = { ...sampleInvoice().seller, logo: Buffer.from('<svg>not a png</svg>') };
    const pdf = await renderInvoicePdf(sampleInvoice({ seller }));
    expect(await pdfImageCount(pdf)).toBe(0);
    expect(await pdfText(pdf)).toContain('Punctual Demo SRL');
  });
});

describe('long and hostile content', { timeout: SLOW }, () => {
  it('a 200-line invoice breaks into pages, repeats the table header and prints every line', async () => {
    const pdf = await renderInvoicePdf(sampleInvoice({ lines: sampleLines(200, (i) => `Line item number ${i + 1}`) }));
    const pages = await pdfPageCount(pdf);
    expect(pages).toBeGreaterThanOrEqual(5);
    const text = await pdfText(pdf);
    for (const n of [1, 57, 123, 200]) expect(text).toContain(`Line item number ${n}\n`);
    const headerCount = text.split('\n').filter((l) => l.trim() === 'Description').length;
    expect(headerCount).toBeGreaterThanOrEqual(pages - 1);
    expect(text).toContain(`Page ${pages} of ${pages}`);
  });

  it('keeps amounts right-aligned in their column on every page', async () => {
    const pdf = await renderInvoicePdf(sampleInvoice({ lines: sampleLines(60) }));
    const words = await pdfWords(pdf);
    const amounts = words.filter((w) => w.word === '€240.00' || w.word === '€180.00');
    const prices = words.filter((w) => w.word === '€120.00');
    expect(new Set(amounts.map((w) => w.page)).size).toBeGreaterThan(1);
    expect(amounts.length).toBeGreaterThanOrEqual(60);
    for (const column of [amounts, prices]) {
      const edges = column.map((w) => w.xMax);
      expect(Math.max(...edges) - Math.min(...edges)).toBeLessThan(0.5);
    }
  });

  it('hostile text prints literally, inside the page, without bidirectional overrides', async () => {
    const long = `${'Overly long description '.repeat(416)}END-OF-DESCRIPTION`;
    expect(long.length).toBeGreaterThan(10_000);
    const invoice = sampleInvoice({
      lines: [
        ...sampleLines(2),
        { ...sampleLines(1)[0]!, description: '<script>alert("x")</script> & <b>bold</b>' },
        { ...sampleLines(1)[0]!, description: 'Invoice \u202Egnp.exe\u202C total\u0000\u0007' },
        { ...sampleLines(1)[0]!, description: long },
        { ...sampleLines(1)[0]!, description: 'W'.repeat(3000) },
      ],
      buyer: { name: '\u202EMalicious Buyer Ltd', addressLines: ['<img src=x onerror=alert(1)>'], taxId: null },
      notes: 'Note\n\n\n\nwith blank lines',
    });
    const pdf = await renderInvoicePdf(invoice);
    const text = await pdfText(pdf);
    expect(text).toContain('<script>alert("x")</script> & <b>bold</b>');
    expect(text).toContain('<img src=x onerror=alert(1)>');
    expect([...text].filter((c) => /[\u202A-\u202E\u2066-\u2069]/u.test(c) || c === '\u0000' || c === '\u0007')).toEqual([]);
    expect(text).toContain('Invoice gnp.exe total');
    expect(text).toContain('END-OF-DESCRIPTION');
    expect(flat(text).split('Overly long description').length - 1).toBe(416);
    for (const w of await pdfWords(pdf)) {
      expect(w.xMin).toBeGreaterThanOrEqual(40);
      expect(w.xMax).toBeLessThanOrEqual(w.pageWidth - 40);
      expect(w.yMin).toBeGreaterThanOrEqual(30);
      expect(w.yMax).toBeLessThanOrEqual(w.pageHeight - 30);
    }
  });
});

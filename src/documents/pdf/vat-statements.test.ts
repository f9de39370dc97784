import { describe, expect, it } from 'vitest';
import { LOCALES } from '../templates/index.ts';
import { renderInvoicePdf } from './index.ts';
import { PDF_LABELS } from './labels/index.ts';
import type { DocumentLine, TaxRow } from './models.ts';
import { sampleInvoice } from './sample-documents.ts';
import { pdfText } from './test-support.ts';

// The mention an invoice must carry where it charges no VAT ("Reverse charge", "Exempt from VAT" …), read
// back from the PDF as a person's tools read it (pdf.js).

const SLOW = 60_000;
const flat = (text: string) => text.replace(/\s+/gu, ' ');

// 1,000.00 a line, so the sample's 200.00 already paid leaves a balance to print.
const line = (description: string, taxCategory: DocumentLine['taxCategory'], taxRateBp = 0): DocumentLine => ({ description, quantity: '1.0000', unitPrice: 100_000, discountBp: 0, taxCategory, taxRateBp, netAmount: 100_000 });
const row = (taxCategory: TaxRow['taxCategory'], extra: Partial<TaxRow> = {}): TaxRow => ({ taxCategory, taxRateBp: taxCategory === 'S' ? 1900 : 0, taxableAmount: 100_000, taxAmount: taxCategory === 'S' ? 19_000 : 0, ...extra });

describe('untaxed VAT categories on the invoice PDF', { timeout: SLOW }, () => {
  for (const locale of LOCALES) {
    const labels = PDF_LABELS[locale];

    it(`${locale}: names each category in the breakdown and states it under the totals, with the seller's reason`, async () => {
      const invoice = sampleInvoice({
        locale,
        lines: [line('Bread', 'S', 1900), line('Course', 'E'), line('Consulting', 'AE'), line('Flour to Germany', 'K'), line('Flour to Moldova', 'G')],
        taxBreakdown: [
          row('S'),
          row('E', { taxExemptionCode: 'VATEX-EU-132-1I', taxExemptionReason: 'Art. 292 alin. (2) lit. a) Cod fiscal' }),
          row('AE', { taxExemptionCode: 'VATEX-EU-AE' }),
          row('K', { taxExemptionCode: 'VATEX-EU-IC' }),
          row('G', { taxExemptionCode: 'VATEX-EU-G' }),
        ],
      });
      const text = flat(await pdfText(await renderInvoicePdf(invoice)));
      for (const category of ['E', 'AE', 'K', 'G'] as const) {
        expect(text).toContain(flat(labels.vatCategory[category].short));
      }
      expect(text).toContain(flat(`${labels.vatCategory.E.statement} — Art. 292 alin. (2) lit. a) Cod fiscal (VATEX-EU-132-1I).`));
      expect(text).toContain(flat(`${labels.vatCategory.AE.statement}.`));
      expect(text).toContain(flat(`${labels.vatCategory.K.statement}.`));
      expect(text).toContain(flat(`${labels.vatCategory.G.statement}.`));
      // Only an exemption names its VATEX code: for the others the code merely repeats the category.
      expect(text).not.toContain('VATEX-EU-AE');
      expect(text).not.toContain(labels.vatCategory.O.statement);
    });
  }

  it('prints "Taxare inversă" on a Romanian reverse-charge invoice and "Reverse charge" on an English one, and nothing on a taxed one', async () => {
    const reverse = { lines: [line('Consultanță', 'AE')], taxBreakdown: [row('AE', { taxExemptionCode: 'VATEX-EU-AE' })], taxTotal: 0 };
    expect(flat(await pdfText(await renderInvoicePdf(sampleInvoice({ locale: 'ro', ...reverse }))))).toContain('Taxare inversă');
    expect(flat(await pdfText(await renderInvoicePdf(sampleInvoice({ locale: 'en', ...reverse }))))).toContain('Reverse charge');
    expect(flat(await pdfText(await renderInvoicePdf(sampleInvoice({ locale: 'en' }))))).not.toContain('Reverse charge');
  });

  it('prints no rate for a supply outside the scope of VAT', async () => {
    const text = flat(await pdfText(await renderInvoicePdf(sampleInvoice({ locale: 'en', lines: [line('Damages', 'O')], taxBreakdown: [row('O', { taxExemptionCode: 'VATEX-EU-O' })], taxTotal: 0 }))));
    expect(text).toContain('Outside the scope of VAT.');
    expect(text).toContain('Tax Outside scope');
    expect(text).not.toMatch(/\b0 ?%/u);
  });
});

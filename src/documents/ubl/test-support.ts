import { XMLParser } from 'fast-xml-parser';
import { validateXML } from 'xmllint-wasm';
import { date } from '../../domain/dates.ts';
import type { UblDocument, UblTaxCategory } from './model.ts';

// A sample e-invoice and the means to read one back, for the UBL tests only.

export const S19: UblTaxCategory = { code: 'S', rateBp: 1900 };
export const S10: UblTaxCategory = { code: 'S', rateBp: 1000 };
export const EXEMPT: UblTaxCategory = { code: 'E', rateBp: 0, exemptionReason: 'Exempt under Art. 292 Fiscal Code' };

export function sampleUbl(overrides: Partial<UblDocument> = {}): UblDocument {
  return {
    kind: 'invoice',
    profile: 'peppol',
    number: 'INV-00042',
    issueDate: date('2025-06-01'),
    dueDate: date('2025-07-01'),
    currency: 'EUR',
    buyerReference: 'PO-77',
    orderReference: 'PO-77',
    seller: { name: 'Punctual Demo', legalName: 'Punctual Demo S.R.L.', address: { street: 'Str. Ștefan cel Mare 12', city: 'București', postalZone: '010101', countrySubentity: 'RO-B', country: 'RO' }, vatId: 'RO12345678' },
    buyer: {
      endpoint: { id: 'lan@saomai.vn', scheme: 'EM' },
      name: 'Sao Mai',
      legalName: 'Công ty TNHH Sao Mai',
      address: { street: '12 Nguyễn Huệ', city: 'Hồ Chí Minh', country: 'VN' },
      contact: { name: 'Trần Thị Lan', email: 'lan@saomai.vn' },
    },
    payment: { meansCode: '58', paymentId: 'RF82INV00042', account: 'RO49AAAA1B31007593840000', accountName: 'Punctual Demo S.R.L.', bic: 'RNCBROBU' },
    paymentTerms: 'Please pay €216.56 by 1 Jul 2025. Late payment: statutory interest (ECB rate + 8 points) and EUR 40 compensation.',
    lines: [
      { id: '1', description: 'Design work', quantity: '1.5000', unitPrice: 12_000, netAmount: 16_200, discountBp: 1000, tax: S19 },
      { id: '2', description: 'Hosting', quantity: '2.0000', unitPrice: 999, netAmount: 1_998, discountBp: 0, tax: S19 },
      { id: '3', description: 'Training (exempt)', quantity: '1.0000', unitPrice: 5_000, netAmount: 5_000, discountBp: 0, tax: EXEMPT },
    ],
    taxSubtotals: [
      { category: S19, taxableAmount: 18_198, taxAmount: 3_458 },
      { category: EXEMPT, taxableAmount: 5_000, taxAmount: 0 },
    ],
    lineTotal: 23_198,
    taxTotal: 3_458,
    total: 26_656,
    prepaid: 10_000,
    payable: 16_656,
    ...overrides,
  };
}

export const ublParser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: false, parseTagValue: false, isArray: (name) => ['cac:InvoiceLine', 'cac:CreditNoteLine', 'cac:TaxSubtotal'].includes(name) });

/** What libxml2 finds wrong with the document's XML: nothing, for a well-formed one. */
export async function xmlErrors(xml: string): Promise<readonly unknown[]> {
  return (await validateXML({ xml: [{ fileName: 'invoice.xml', contents: xml }], normalization: 'format' })).errors;
}

// Printed documents in the customer's language: invoices and credit notes, statements of account and
// reminder letters, laid out on A4 with DejaVu fonts so every script we write in prints intact.
export { renderInvoicePdf } from './render-invoice.ts';
export { renderStatementPdf } from './render-statement.ts';
export { renderLetterPdf } from './render-letter.ts';
export { PDF_LABELS, type PdfLabels } from './labels/index.ts';
export type * from './models.ts';
export { formatter, type Formatter } from './format.ts';
export { lateFeeTermsText } from './late-fee-terms.ts';

// PDF rendering rate on one core: invoices (one page with a payment QR, and 200 lines over several pages) and
// a statement, against a baseline of pdfkit writing a minimal one-line page with the same embedded font.
import PDFDocument from 'pdfkit';
import { documentFonts } from '../src/documents/pdf/fonts.ts';
import { renderInvoicePdf, renderStatementPdf } from '../src/documents/pdf/index.ts';
import { sampleInvoice, sampleLines, sampleStatement } from '../src/documents/pdf/sample-documents.ts';
import { fmt, record } from './support.ts';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 3);

async function baselinePdf(): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4' });
  doc.registerFont('regular', documentFonts().regular);
  doc.font('regular').fontSize(10).text('Invoice INV-00042 · Hóa đơn · Счёт · Factură', 48, 48);
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(chunks))));
  doc.end();
  return done;
}

/** PDFs per second, rendered one after another in this process (one core). */
async function rate(render: () => Promise<Buffer>): Promise<{ perSecond: number; bytes: number }> {
  for (let i = 0; i < 5; i++) await render();
  let count = 0;
  let bytes = 0;
  const start = performance.now();
  while (performance.now() - start < SECONDS * 1000) {
    bytes = (await render()).length;
    count++;
  }
  return { perSecond: count / ((performance.now() - start) / 1000), bytes };
}

const baseline = await rate(baselinePdf);
const cases: [string, () => Promise<Buffer>][] = [
  ['invoice, 1 page, EUR with EPC QR (ru)', () => renderInvoicePdf(sampleInvoice({ locale: 'ru' }))],
  ['invoice, 200 lines (vi)', () => renderInvoicePdf(sampleInvoice({ locale: 'vi', lines: sampleLines(200) }))],
  ['statement of account (ro)', () => renderStatementPdf(sampleStatement('ro'))],
];
const rows = [];
for (const [name, render] of cases) {
  const ours = await rate(render);
  rows.push({
    name: `${name}: PDFs/s per core`,
    ours: `${fmt(ours.perSecond, 1)} (${fmt(ours.bytes / 1024)} KiB)`,
    baseline: `${fmt(baseline.perSecond, 1)} (${fmt(baseline.bytes / 1024)} KiB)`,
    ratio: baseline.perSecond / ours.perSecond,
  });
}
record('PDF rendering', `Each rate is sequential rendering in one Node process for ${SECONDS} s after a warm-up; the baseline is pdfkit writing one line on one A4 page with the same DejaVu font.`, rows);

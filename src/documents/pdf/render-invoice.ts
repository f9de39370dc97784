import { formatRfReference, type TransferLine } from '../../domain/payment-qr/index.ts';
import { isExemptCategory } from '../../domain/vat-category.ts';
import { renderPaymentQr, type RenderedQr } from '../qr/index.ts';
import { drawFacts, drawHeading, drawLetterhead, drawParty, paragraphs } from './blocks.ts';
import { drawQr } from './draw-qr.ts';
import { formatter, lineText, type Formatter } from './format.ts';
import { PDF_LABELS, type PdfLabels } from './labels/index.ts';
import { Canvas, COLOR, CONTENT_WIDTH, PAGE, SIZE } from './layout.ts';
import type { InvoiceDocument, TaxRow } from './models.ts';
import { drawTable, type Column } from './table.ts';

const QR_SIDE = 96;

/**
 * An invoice or credit note as a PDF in the customer's language: who bills whom, the exact due date, the
 * lines with their tax, totals and balance, the terms that apply (late fees, early-payment discount), and
 * how to pay (bank details, payment QR, portal link).
 */
export async function renderInvoicePdf(invoice: InvoiceDocument): Promise<Buffer> {
  const labels = PDF_LABELS[invoice.locale];
  const f = formatter(invoice.locale);
  const qr = invoice.payment?.qr ? await renderPaymentQr(invoice.payment.qr.kind, invoice.payment.qr.payload) : undefined;
  const title = invoice.kind === 'invoice' ? labels.invoiceTitle : labels.creditNoteTitle;
  const number = invoice.number === null ? '—' : lineText(invoice.number);
  const canvas = new Canvas({ title: `${title} ${number}`, author: lineText(invoice.seller.name), lang: invoice.locale, createdAt: invoice.createdAt });

  drawHeader(canvas, invoice, labels, f, title, number);
  drawLines(canvas, invoice, labels, f);
  drawTotals(canvas, invoice, labels, f);
  drawTerms(canvas, invoice, labels, f);
  if (invoice.kind === 'invoice' && invoice.payment && invoice.balance > 0) drawPayment(canvas, invoice, invoice.payment.lines, qr, labels, f);
  const notes = paragraphs(invoice.notes);
  if (notes.length > 0) {
    drawHeading(canvas, labels.notes, 12);
    for (const text of notes) canvas.paragraph(text);
  }
  return canvas.finish(labels.page, `${lineText(invoice.seller.name)} · ${title} ${number}`);
}

function drawHeader(canvas: Canvas, invoice: InvoiceDocument, labels: PdfLabels, f: Formatter, title: string, number: string): void {
  const leftWidth = 250;
  const rightX = PAGE.margin + 270;
  const rightWidth = CONTENT_WIDTH - 270;
  const top = PAGE.margin;
  const letterhead = drawLetterhead(canvas, invoice.seller, labels, PAGE.margin, top, leftWidth);

  canvas.style('bold', SIZE.title, COLOR.accent);
  let right = top + canvas.textAt(title, rightX, top - 4, rightWidth, 'right') + 6;
  const reference = invoice.paymentReference ? formatRfReference(invoice.paymentReference) : '';
  const facts: [string, string, boolean?][] = [
    [invoice.kind === 'invoice' ? labels.invoiceNumber : labels.creditNoteNumber, number, true],
    [labels.issueDate, f.date(invoice.issueDate)],
  ];
  if (invoice.kind === 'invoice') facts.push([labels.dueDate, f.date(invoice.dueDate), true]);
  if (invoice.originalInvoiceNumber) facts.push([labels.originalInvoice, lineText(invoice.originalInvoiceNumber)]);
  if (invoice.poNumber) facts.push([labels.poNumber, lineText(invoice.poNumber)]);
  if (reference && invoice.kind === 'invoice') facts.push([labels.paymentReference, reference]);
  right += drawFacts(canvas, facts, rightX, right, rightWidth);

  canvas.y = Math.max(top + letterhead, right) + 14;
  const partyTop = canvas.y;
  const party = drawParty(canvas, labels.billTo, invoice.buyer, invoice.contact, labels, PAGE.margin, partyTop, leftWidth);
  const box = drawAmountBox(canvas, invoice, labels, f, rightX, partyTop, rightWidth);
  canvas.y = partyTop + Math.max(party, box) + 16;
}

/** The figure the reader looks for first: what is owed and by when (or, on a credit note, what is credited). */
function drawAmountBox(canvas: Canvas, invoice: InvoiceDocument, labels: PdfLabels, f: Formatter, x: number, y: number, width: number): number {
  const isInvoice = invoice.kind === 'invoice';
  const caption = isInvoice ? (invoice.amountPaid + invoice.amountCredited > 0 ? labels.balanceDue : labels.amountDue) : labels.creditTotal;
  const amount = f.money(isInvoice ? invoice.balance : invoice.total, invoice.currency);
  const detail = isInvoice ? `${labels.dueDate}: ${f.date(invoice.dueDate)}` : '';
  canvas.style('bold', 16);
  const amountHeight = canvas.heightOf(amount, width - 20);
  const height = 14 + 11 + amountHeight + (detail ? 13 : 0) + 8;
  canvas.band(x, y, width, height);
  canvas.doc.rect(x, y, 3, height).fill(COLOR.accent);
  canvas.style('regular', SIZE.body, COLOR.muted);
  canvas.textAt(caption, x + 12, y + 9, width - 20);
  canvas.style('bold', 16, COLOR.ink);
  canvas.textAt(amount, x + 12, y + 22, width - 20);
  if (detail) {
    canvas.style('bold', SIZE.body, COLOR.accent);
    canvas.textAt(detail, x + 12, y + 24 + amountHeight, width - 20);
  }
  return height;
}

function drawLines(canvas: Canvas, invoice: InvoiceDocument, labels: PdfLabels, f: Formatter): void {
  const discounted = invoice.lines.some((l) => l.discountBp > 0);
  const columns: Column[] = [
    { header: labels.lineNumber, width: 24, align: 'left' },
    { header: labels.description, width: discounted ? 191 : 237, align: 'left' },
    { header: labels.quantity, width: 46, align: 'right' },
    { header: labels.unitPrice, width: 66, align: 'right' },
    ...(discounted ? [{ header: labels.discount, width: 46, align: 'right' } as const] : []),
    { header: labels.taxRate, width: 44, align: 'right' },
    { header: labels.netAmount, width: 82, align: 'right' },
  ];
  const rows = invoice.lines.map((line, i) => [
    String(i + 1),
    lineText(line.description),
    f.quantity(line.quantity),
    f.money(line.unitPrice, invoice.currency),
    ...(discounted ? [line.discountBp > 0 ? f.rate(line.discountBp) : ''] : []),
    // Outside the scope of VAT there is no rate, not even 0 %.
    line.taxCategory === 'O' ? '—' : f.rate(line.taxRateBp),
    f.money(line.netAmount, invoice.currency),
  ]);
  drawTable(canvas, columns, rows, { x: PAGE.margin, flowColumn: 1 });
  canvas.y += 12;
}

function drawTotals(canvas: Canvas, invoice: InvoiceDocument, labels: PdfLabels, f: Formatter): void {
  const money = (amount: number) => f.money(amount, invoice.currency);
  const rows: [string, string, boolean?][] = [[labels.subtotal, money(invoice.subtotal)]];
  if (invoice.discountTotal > 0) rows.push([labels.discountTotal, money(-invoice.discountTotal)]);
  for (const tax of invoice.taxBreakdown) rows.push([`${labels.taxName} ${taxRowName(tax, labels, f)}`, money(tax.taxAmount)]);
  const totalsWidth = 230;
  const taxWidth = 240;
  const taxRows = invoice.taxBreakdown.length;
  const needed = Math.max((rows.length + 5) * 13, (taxRows + 2) * 14) + 10;
  canvas.ensure(needed);
  const top = canvas.y;

  const x = PAGE.width - PAGE.margin - totalsWidth;
  let y = top + drawFacts(canvas, rows, x, top, totalsWidth);
  canvas.rule(y, x, x + totalsWidth, COLOR.ink, 0.8);
  y += 4;
  const isInvoice = invoice.kind === 'invoice';
  y += drawFacts(canvas, [[isInvoice ? labels.total : labels.creditTotal, money(invoice.total), true]], x, y, totalsWidth);
  if (isInvoice && invoice.amountPaid + invoice.amountCredited > 0) {
    const settled: [string, string][] = [];
    if (invoice.amountPaid > 0) settled.push([labels.amountPaid, money(-invoice.amountPaid)]);
    if (invoice.amountCredited > 0) settled.push([labels.amountCredited, money(-invoice.amountCredited)]);
    y += drawFacts(canvas, settled, x, y, totalsWidth);
    canvas.rule(y, x, x + totalsWidth, COLOR.ink, 0.8);
    y += 4;
    y += drawFacts(canvas, [[labels.balanceDue, money(invoice.balance), true]], x, y, totalsWidth);
  }

  let left = top;
  if (taxRows > 0) {
    canvas.style('bold', SIZE.small, COLOR.muted);
    left += canvas.textAt(labels.taxSummary, PAGE.margin, left, taxWidth) + 3;
    const widths = [60, 95, 85];
    const header = [labels.taxRate, labels.taxableAmount, labels.taxAmount];
    const body = invoice.taxBreakdown.map((t) => [taxRowName(t, labels, f), money(t.taxableAmount), money(t.taxAmount)]);
    for (const [i, cells] of [header, ...body].entries()) {
      canvas.style(i === 0 ? 'bold' : 'regular', i === 0 ? SIZE.small : SIZE.body, i === 0 ? COLOR.muted : COLOR.ink);
      let cx = PAGE.margin;
      let height = 0;
      cells.forEach((cell, c) => {
        height = Math.max(height, canvas.textAt(cell, cx, left, widths[c]! - 4, c === 0 ? 'left' : 'right'));
        cx += widths[c]!;
      });
      left += height + 3;
      canvas.rule(left - 1.5, PAGE.margin, PAGE.margin + taxWidth);
    }
  }
  canvas.y = Math.max(y, left) + 12;
  drawVatStatements(canvas, invoice, labels);
}

/** A breakdown row is named by its rate, or, where no VAT is charged, by what the category is. */
function taxRowName(row: TaxRow, labels: PdfLabels, f: Formatter): string {
  return isExemptCategory(row.taxCategory) ? labels.vatCategory[row.taxCategory].short : f.rate(row.taxRateBp);
}

/**
 * The mention the law asks for on every invoice that charges no VAT on part of it (VAT Directive art. 226
 * (11), (11a)): "Reverse charge", "Exempt from VAT" and so on, with the seller's own legal reason. The VATEX
 * code is printed for exemptions only, where it names the article; for the other categories it only repeats
 * the category.
 */
function drawVatStatements(canvas: Canvas, invoice: InvoiceDocument, labels: PdfLabels): void {
  const statements = invoice.taxBreakdown.flatMap((row) => {
    if (!isExemptCategory(row.taxCategory)) return [];
    const reason = row.taxExemptionReason ? ` — ${lineText(row.taxExemptionReason)}` : '';
    const code = row.taxCategory === 'E' && row.taxExemptionCode ? ` (${row.taxExemptionCode})` : '';
    return [`${labels.vatCategory[row.taxCategory].statement}${reason}${code}.`];
  });
  if (statements.length === 0) return;
  canvas.ensure(statements.length * 14 + 6);
  canvas.style('bold', SIZE.body, COLOR.ink);
  for (const text of statements) canvas.paragraph(text);
  canvas.y += 6;
}

function drawTerms(canvas: Canvas, invoice: InvoiceDocument, labels: PdfLabels, f: Formatter): void {
  const sentences: { text: string; strong?: boolean }[] = [];
  if (invoice.kind === 'credit_note') {
    if (invoice.originalInvoiceNumber) sentences.push({ text: labels.creditNoteApplies(lineText(invoice.originalInvoiceNumber)) });
  } else if (invoice.balance > 0) {
    sentences.push({ text: labels.payBy(f.money(invoice.balance, invoice.currency), f.date(invoice.dueDate)), strong: true });
    const early = invoice.earlyPayment;
    if (early) sentences.push({ text: labels.earlyDiscount(f.money(early.discount, invoice.currency), f.money(early.payable, invoice.currency), f.date(early.deadline)) });
  } else if (invoice.number !== null) {
    sentences.push({ text: labels.paidInFull, strong: true });
  }
  const lateFees = invoice.kind === 'invoice' ? paragraphs(invoice.lateFeeTerms) : [];
  if (sentences.length === 0 && lateFees.length === 0) return;
  drawHeading(canvas, labels.paymentTerms);
  for (const s of sentences) {
    canvas.style(s.strong ? 'bold' : 'regular', SIZE.body, COLOR.ink);
    canvas.paragraph(s.text);
  }
  if (lateFees.length > 0) {
    canvas.ensure(30);
    canvas.style('bold', SIZE.body, COLOR.ink);
    canvas.paragraph(labels.lateFees, PAGE.margin, CONTENT_WIDTH, 1);
    canvas.style('regular', SIZE.body, COLOR.ink);
    for (const text of lateFees) canvas.paragraph(text);
  }
  canvas.y += 6;
}

function drawPayment(canvas: Canvas, invoice: InvoiceDocument, lines: readonly TransferLine[], qr: RenderedQr | undefined, labels: PdfLabels, f: Formatter): void {
  const qrWidth = qr ? QR_SIDE + 16 : 0;
  const textWidth = CONTENT_WIDTH - qrWidth - 20;
  canvas.style('regular', SIZE.body);
  // The amount in the customer's notation, as everywhere else on the invoice.
  const facts = lines.map(({ field, value }) => [labels.transfer[field], field === 'amount' ? f.money(invoice.balance, invoice.currency) : lineText(value)] as const);
  const factsHeight = facts.reduce((h, [label, value]) => h + Math.max(canvas.heightOf(label, textWidth * 0.42), canvas.heightOf(value, textWidth * 0.58)) + 2.5, 0);
  const portal = invoice.portalUrl ? `${labels.payOnline}: ${invoice.portalUrl}` : '';
  const notes = [labels.quoteReference, portal].filter(Boolean);
  const notesHeight = notes.reduce((h, n) => h + canvas.heightOf(n, textWidth) + 3, 0);
  canvas.style('regular', SIZE.small);
  const captionHeight = qr ? canvas.heightOf(labels.scanToPay, QR_SIDE + 8) : 0;
  const height = Math.max(factsHeight + notesHeight + 18, qr ? QR_SIDE + captionHeight + 20 : 0);

  drawHeading(canvas, labels.howToPay, height);
  const top = canvas.y;
  canvas.band(PAGE.margin, top, CONTENT_WIDTH, height);
  let y = top + 10;
  for (const [label, value] of facts) {
    canvas.style('regular', SIZE.body, COLOR.muted);
    const lh = canvas.textAt(label, PAGE.margin + 10, y, textWidth * 0.42 - 6);
    canvas.style(label === labels.transfer.reference || label === labels.transfer.amount ? 'bold' : 'regular', SIZE.body, COLOR.ink);
    const vh = canvas.textAt(value, PAGE.margin + 10 + textWidth * 0.42, y, textWidth * 0.58);
    y += Math.max(lh, vh) + 2.5;
  }
  y += 8;
  canvas.style('regular', SIZE.small, COLOR.muted);
  for (const note of notes) y += canvas.textAt(note, PAGE.margin + 10, y, textWidth) + 3;
  if (qr) {
    const qx = PAGE.width - PAGE.margin - QR_SIDE - 10;
    drawQr(canvas, qr, qx, top + 8, QR_SIDE);
    canvas.style('regular', SIZE.small, COLOR.muted);
    canvas.doc.text(labels.scanToPay, qx - 4, top + QR_SIDE + 10, { width: QR_SIDE + 8, align: 'center', lineGap: 1 });
  }
  canvas.y = top + height + 14;
}

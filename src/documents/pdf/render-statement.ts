import { drawFacts, drawHeading, drawLetterhead, drawParty } from './blocks.ts';
import { formatter, lineText, type Formatter } from './format.ts';
import { PDF_LABELS, type PdfLabels } from './labels/index.ts';
import { Canvas, COLOR, CONTENT_WIDTH, PAGE, SIZE } from './layout.ts';
import type { StatementDocument, StatementSection } from './models.ts';
import { drawTable } from './table.ts';

/**
 * A statement of account: every open invoice of the customer with what is left on it, the aging of the
 * balance by days past due, the total due and any credit on account; one section per currency.
 */
export async function renderStatementPdf(statement: StatementDocument): Promise<Buffer> {
  const labels = PDF_LABELS[statement.locale];
  const f = formatter(statement.locale);
  const canvas = new Canvas({ title: labels.statementTitle, author: lineText(statement.seller.name), lang: statement.locale, createdAt: statement.createdAt });

  const rightX = PAGE.margin + 270;
  const rightWidth = CONTENT_WIDTH - 270;
  const top = PAGE.margin;
  const letterhead = drawLetterhead(canvas, statement.seller, labels, PAGE.margin, top, 250);
  canvas.style('bold', SIZE.title, COLOR.accent);
  let right = top + canvas.textAt(labels.statementTitle, rightX, top - 4, rightWidth, 'right') + 6;
  right += drawFacts(canvas, [[labels.statementDate, f.date(statement.asOf), true]], rightX, right, rightWidth);
  canvas.y = Math.max(top + letterhead, right) + 14;
  canvas.y += drawParty(canvas, labels.billTo, statement.buyer, null, labels, PAGE.margin, canvas.y, 250) + 16;

  if (statement.sections.length === 0) {
    canvas.style('regular', SIZE.body, COLOR.ink);
    canvas.paragraph(labels.noOpenItems);
  }
  for (const section of statement.sections) drawSection(canvas, section, labels, f);
  if (statement.portalUrl) {
    canvas.ensure(20);
    canvas.style('regular', SIZE.small, COLOR.muted);
    canvas.paragraph(`${labels.payOnline}: ${statement.portalUrl}`);
  }
  return canvas.finish(labels.page, `${lineText(statement.seller.name)} · ${labels.statementTitle} · ${f.date(statement.asOf)}`);
}

function drawSection(canvas: Canvas, section: StatementSection, labels: PdfLabels, f: Formatter): void {
  const money = (amount: number) => f.money(amount, section.currency);
  drawHeading(canvas, `${labels.currency}: ${section.currency}`, 80);

  canvas.style('bold', SIZE.small, COLOR.muted);
  canvas.y += canvas.textAt(labels.agingSummary, PAGE.margin, canvas.y, CONTENT_WIDTH) + 3;
  const bucketWidth = CONTENT_WIDTH / (section.aging.length + 1);
  const bucketLabel = (fromDay: number | null, toDay: number | null) => (fromDay === null ? labels.agingCurrent : labels.agingDays(fromDay, toDay));
  drawTable(
    canvas,
    [...section.aging.map((b) => ({ header: bucketLabel(b.fromDay, b.toDay), width: bucketWidth, align: 'right' as const })), { header: labels.totalDue, width: bucketWidth, align: 'right' }],
    [[...section.aging.map((b) => money(b.amount)), money(section.totalDue)]],
    { x: PAGE.margin, bold: () => false },
  );
  canvas.y += 12;

  canvas.style('bold', SIZE.small, COLOR.muted);
  canvas.ensure(40);
  canvas.y += canvas.textAt(labels.openItems, PAGE.margin, canvas.y, CONTENT_WIDTH) + 3;
  drawTable(
    canvas,
    [
      { header: labels.invoiceNumber, width: 99, align: 'left' },
      { header: labels.issueDate, width: 70, align: 'left' },
      { header: labels.dueDate, width: 70, align: 'left' },
      { header: labels.daysOverdue, width: 60, align: 'right' },
      { header: labels.invoiceAmount, width: 100, align: 'right' },
      { header: labels.openBalance, width: 100, align: 'right' },
    ],
    section.items.map((item) => [
      lineText(item.number),
      f.date(item.issueDate),
      f.date(item.dueDate),
      item.daysOverdue > 0 ? f.integer(item.daysOverdue) : '',
      money(item.total),
      money(item.balance),
    ]),
    { x: PAGE.margin, flowColumn: 0 },
  );
  canvas.y += 6;
  const totals: [string, string, boolean?][] = [[labels.totalDue, money(section.totalDue), true]];
  if (section.credit > 0) totals.push([labels.creditAvailable, money(section.credit)]);
  canvas.ensure(totals.length * 14 + 4);
  const width = 230;
  canvas.y += drawFacts(canvas, totals, PAGE.width - PAGE.margin - width, canvas.y, width) + 16;
}

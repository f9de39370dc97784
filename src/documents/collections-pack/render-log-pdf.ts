import { drawLetterhead, drawParty } from '../pdf/blocks.ts';
import { lineText } from '../pdf/format.ts';
import { PDF_LABELS } from '../pdf/labels/index.ts';
import { Canvas, COLOR, CONTENT_WIDTH, PAGE, SIZE } from '../pdf/layout.ts';
import type { Party, Seller } from '../pdf/models.ts';
import { drawTable } from '../pdf/table.ts';
import type { Locale } from '../templates/index.ts';
import type { LogLine } from './communication-log.ts';
import { PACK_LABELS } from './labels/index.ts';

export interface LogDocument {
  readonly locale: Locale;
  readonly seller: Seller;
  readonly customer: Party;
  readonly lines: readonly LogLine[];
  readonly createdAt: Date;
}

// When, what (title and details), invoice, by, content: the content column takes what is left and may run
// over several pages (a long e-mail).
const WIDTHS = [58, 118, 54, 56, CONTENT_WIDTH - 58 - 118 - 54 - 56] as const;

/** The communication log as a PDF on the organization's letterhead, oldest entry first. */
export async function renderLogPdf(log: LogDocument): Promise<Buffer> {
  const labels = PACK_LABELS[log.locale];
  const pdfLabels = PDF_LABELS[log.locale];
  const canvas = new Canvas({ title: labels.logTitle, author: lineText(log.seller.name), lang: log.locale, createdAt: log.createdAt });

  const top = PAGE.margin;
  const letterhead = drawLetterhead(canvas, log.seller, pdfLabels, PAGE.margin, top, 250);
  canvas.style('bold', SIZE.title, COLOR.accent);
  const title = canvas.textAt(labels.logTitle, PAGE.margin + 270, top - 4, CONTENT_WIDTH - 270, 'right');
  canvas.y = Math.max(top + letterhead, top + title) + 14;
  canvas.y += drawParty(canvas, labels.debtor, log.customer, null, pdfLabels, PAGE.margin, canvas.y, 250) + 12;
  canvas.style('regular', SIZE.body, COLOR.muted);
  canvas.paragraph(log.lines.length === 0 ? labels.noEntries : labels.logIntro(lineText(log.customer.name)), PAGE.margin, CONTENT_WIDTH, 8);

  if (log.lines.length > 0)
    drawTable(
      canvas,
      [
        { header: labels.when, width: WIDTHS[0], align: 'left' },
        { header: labels.what, width: WIDTHS[1], align: 'left' },
        { header: labels.invoice, width: WIDTHS[2], align: 'left' },
        { header: labels.by, width: WIDTHS[3], align: 'left' },
        { header: labels.content, width: WIDTHS[4], align: 'left' },
      ],
      log.lines.map((l) => [l.atLocal, [l.title, l.details].filter((p) => p !== '').join('\n'), l.invoice, l.by, l.content]),
      { x: PAGE.margin, flowColumn: 4 },
    );
  return canvas.finish(pdfLabels.page, `${lineText(log.seller.name)} · ${labels.logTitle} · ${lineText(log.customer.name)}`);
}

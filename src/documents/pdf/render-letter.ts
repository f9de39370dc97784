import { drawLetterhead, drawParty } from './blocks.ts';
import { lineText } from './format.ts';
import { PDF_LABELS } from './labels/index.ts';
import { Canvas, COLOR, CONTENT_WIDTH, PAGE, SIZE } from './layout.ts';
import type { LetterDocument } from './models.ts';
import { drawTable } from './table.ts';

// The recipient's address sits where a DL window envelope shows it (about 45 mm from the top edge).
const ADDRESS_TOP = 128;

/**
 * A reminder letter: the 'letter' channel of a dunning message (title, date, paragraphs, the invoice table,
 * the pay-online link) on the organization's letterhead, addressed to the customer.
 */
export async function renderLetterPdf(letter: LetterDocument): Promise<Buffer> {
  const labels = PDF_LABELS[letter.locale];
  const { message } = letter;
  const canvas = new Canvas({ title: message.title, author: lineText(letter.seller.name), lang: letter.locale, createdAt: letter.createdAt });

  const letterhead = drawLetterhead(canvas, letter.seller, labels, PAGE.margin, PAGE.margin, 260);
  canvas.style('regular', SIZE.body, COLOR.ink);
  canvas.textAt(message.date, PAGE.margin + 280, PAGE.margin, CONTENT_WIDTH - 280, 'right');
  const addressTop = Math.max(ADDRESS_TOP, PAGE.margin + letterhead + 16);
  canvas.y = addressTop + drawParty(canvas, labels.billTo, letter.recipient, letter.contact, labels, PAGE.margin, addressTop, 260) + 28;

  canvas.style('bold', 12, COLOR.accent);
  canvas.paragraph(message.title, PAGE.margin, CONTENT_WIDTH, 10);
  for (const block of message.blocks) {
    switch (block.type) {
      case 'paragraph':
        canvas.style('regular', 9.5, COLOR.ink);
        canvas.paragraph(block.text, PAGE.margin, CONTENT_WIDTH, 7);
        break;
      case 'invoices': {
        const widths = [110, 80, 80, 129, 100];
        drawTable(
          canvas,
          block.columns.map((header, i) => ({ header, width: widths[i] ?? 80, align: i === block.columns.length - 1 ? 'right' : 'left' })),
          block.rows,
          { x: PAGE.margin, flowColumn: 3 },
        );
        canvas.y += 10;
        break;
      }
      case 'action':
        // The sentence already carries the link ("View and pay online: https://…").
        canvas.style('bold', 9.5, COLOR.accent);
        canvas.paragraph(block.text, PAGE.margin, CONTENT_WIDTH, 7);
        break;
    }
  }
  return canvas.finish(labels.page, `${lineText(letter.seller.name)} · ${lineText(message.title)}`);
}

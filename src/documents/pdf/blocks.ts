import { blockText, lineText } from './format.ts';
import type { PdfLabels } from './labels/index.ts';
import { COLOR, PAGE, SIZE, type Canvas } from './layout.ts';
import type { ContactPerson, Party, Seller } from './models.ts';

// Blocks several documents share: the letterhead, a party's address block, and label/value rows.

const LOGO_BOX = { width: 150, height: 54 } as const;

/** The organization's logo (when it has one) and its name, address and tax id; returns the block's height. */
export function drawLetterhead(canvas: Canvas, seller: Seller, labels: PdfLabels, x: number, y: number, width: number): number {
  let cursor = y;
  if (seller.logo) {
    try {
      canvas.doc.image(seller.logo, x, cursor, { fit: [LOGO_BOX.width, LOGO_BOX.height] });
      cursor += LOGO_BOX.height + 8;
    } catch {
      // An unreadable image must not cost the customer their invoice: print the name alone.
    }
  }
  canvas.style('bold', 11.5, COLOR.accent);
  cursor += canvas.textAt(lineText(seller.name), x, cursor, width) + 2;
  canvas.style('regular', SIZE.small, COLOR.muted);
  const lines = [
    seller.legalName && seller.legalName !== seller.name ? lineText(seller.legalName) : '',
    ...seller.addressLines.map(lineText),
    seller.taxId ? `${labels.taxId}: ${lineText(seller.taxId)}` : '',
    seller.email ? lineText(seller.email) : '',
  ].filter((line) => line !== '');
  for (const line of lines) cursor += canvas.textAt(line, x, cursor, width);
  return cursor - y;
}

/** "Bill to" and the customer's name, address, tax id and contact person; returns the block's height. */
export function drawParty(canvas: Canvas, heading: string, party: Party, contact: ContactPerson | null | undefined, labels: PdfLabels, x: number, y: number, width: number): number {
  let cursor = y;
  canvas.style('bold', SIZE.small, COLOR.muted);
  cursor += canvas.textAt(heading, x, cursor, width) + 2;
  canvas.style('bold', SIZE.heading, COLOR.ink);
  cursor += canvas.textAt(lineText(party.name), x, cursor, width) + 1;
  canvas.style('regular', SIZE.body, COLOR.ink);
  const lines = [
    party.legalName && party.legalName !== party.name ? lineText(party.legalName) : '',
    ...party.addressLines.map(lineText),
    party.taxId ? `${labels.taxId}: ${lineText(party.taxId)}` : '',
    contact ? `${labels.attention}: ${[contact.name, contact.email, contact.phone].filter(Boolean).map((v) => lineText(v!)).join(' · ')}` : '',
  ].filter((line) => line !== '');
  for (const line of lines) cursor += canvas.textAt(line, x, cursor, width);
  return cursor - y;
}

/** Label on the left, value on the right, on one row each; returns the rows' height. */
export function drawFacts(canvas: Canvas, facts: readonly (readonly [string, string, boolean?])[], x: number, y: number, width: number): number {
  let cursor = y;
  const labelWidth = width * 0.5;
  for (const [label, value, strong] of facts) {
    canvas.style('regular', SIZE.body, COLOR.muted);
    const labelHeight = canvas.textAt(label, x, cursor, labelWidth - 4);
    canvas.style(strong ? 'bold' : 'regular', SIZE.body, COLOR.ink);
    const valueHeight = canvas.textAt(value, x + labelWidth, cursor, width - labelWidth, 'right');
    cursor += Math.max(labelHeight, valueHeight) + 2.5;
  }
  return cursor - y;
}

/** A section heading with a rule under it, kept on the same page as at least `keepWith` points of content. */
export function drawHeading(canvas: Canvas, text: string, keepWith = 40): void {
  canvas.ensure(24 + keepWith);
  canvas.style('bold', SIZE.heading, COLOR.accent);
  canvas.y += canvas.textAt(text, PAGE.margin, canvas.y, PAGE.width - 2 * PAGE.margin) + 2;
  canvas.rule(canvas.y, PAGE.margin, PAGE.width - PAGE.margin, COLOR.accent, 0.8);
  canvas.y += 5;
  canvas.style('regular', SIZE.body, COLOR.ink);
}

/** User text for a paragraph: cleaned, blank lines kept as paragraph breaks. */
export function paragraphs(text: string | null | undefined): string[] {
  return blockText(text ?? '')
    .split(/\n\s*\n/u)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

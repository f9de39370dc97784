import PDFDocument from 'pdfkit';
import { documentFonts } from './fonts.ts';

// The page geometry and drawing primitives every document shares: A4, fixed margins, a running cursor, and
// page breaks that the documents ask for explicitly. pdfkit's own margins are zero so it never inserts a
// page on its own in the middle of a table row; all breaking decisions are made here.

export const PAGE = { width: 595.28, height: 841.89, margin: 48, footer: 28 } as const;
export const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const BOTTOM = PAGE.height - PAGE.margin - PAGE.footer;

export const COLOR = { ink: '#1f2933', muted: '#616e7c', accent: '#1f3a5f', rule: '#cbd2d9', band: '#f0f2f5' } as const;
export const SIZE = { title: 20, heading: 10, body: 8.5, small: 7.5 } as const;

export type Align = 'left' | 'right';

export interface DocumentInfo {
  readonly title: string;
  readonly author: string;
  readonly lang: string;
  readonly createdAt: Date;
}

export class Canvas {
  readonly doc: PDFKit.PDFDocument;
  y: number = PAGE.margin;
  /** Drawn at the top of every page after the first (a table's header row, for instance). */
  private continuation: (() => void) | undefined;

  constructor(info: DocumentInfo) {
    this.doc = new PDFDocument({
      size: 'A4',
      margins: { top: 0, bottom: 0, left: 0, right: 0 },
      bufferPages: true,
      lang: info.lang,
      displayTitle: true,
      info: { Title: info.title, Author: info.author, Creator: 'Punctual', CreationDate: info.createdAt, ModDate: info.createdAt },
    });
    const fonts = documentFonts();
    this.doc.registerFont('regular', fonts.regular);
    this.doc.registerFont('bold', fonts.bold);
    this.style('regular', SIZE.body, COLOR.ink);
  }

  style(font: 'regular' | 'bold', size: number, color: string = COLOR.ink): this {
    this.doc.font(font).fontSize(size).fillColor(color);
    return this;
  }

  get bottom(): number {
    return BOTTOM;
  }

  /** Room left on this page, in points. */
  get room(): number {
    return BOTTOM - this.y;
  }

  heightOf(text: string, width: number): number {
    return text === '' ? 0 : this.doc.heightOfString(text, { width, lineGap: 1 });
  }

  widthOf(text: string): number {
    return this.doc.widthOfString(text);
  }

  /** Text in a box at (x, y); returns its height. Never moves the cursor. */
  textAt(text: string, x: number, y: number, width: number, align: Align = 'left'): number {
    if (text === '') return 0;
    const height = this.heightOf(text, width);
    this.doc.text(text, x, y, { width, align, lineGap: 1 });
    return height;
  }

  /** A paragraph at the cursor across `width` from `x`, breaking pages between lines when it must. */
  paragraph(text: string, x: number = PAGE.margin, width: number = CONTENT_WIDTH, gapAfter = 4): void {
    let rest = text;
    while (rest !== '') {
      if (this.room < 12) this.newPage();
      const [head, tail] = this.heightOf(rest, width) <= this.room ? [rest, ''] : splitToFit(this, rest, width, this.room);
      this.y += this.textAt(head, x, this.y, width);
      rest = tail;
    }
    this.y += gapAfter;
  }

  rule(y: number, x1: number = PAGE.margin, x2: number = PAGE.width - PAGE.margin, color: string = COLOR.rule, width = 0.6): void {
    this.doc.moveTo(x1, y).lineTo(x2, y).lineWidth(width).strokeColor(color).stroke();
  }

  band(x: number, y: number, width: number, height: number, color: string = COLOR.band): void {
    this.doc.rect(x, y, width, height).fill(color);
    this.doc.fillColor(COLOR.ink);
  }

  /** Moves to a new page when fewer than `height` points are left. */
  ensure(height: number): void {
    if (this.room < height) this.newPage();
  }

  newPage(): void {
    this.doc.addPage();
    this.y = PAGE.margin;
    this.continuation?.();
  }

  /** Runs `draw` at the top of each page started while `body` runs. */
  withContinuation(draw: () => void, body: () => void): void {
    const previous = this.continuation;
    this.continuation = draw;
    try {
      body();
    } finally {
      this.continuation = previous;
    }
  }

  /** Writes the footer on every page (now that the page count is known) and returns the PDF bytes. */
  async finish(footer: (page: number, count: number) => string, left: string): Promise<Buffer> {
    const { start, count } = this.doc.bufferedPageRange();
    for (let i = start; i < start + count; i++) {
      this.doc.switchToPage(i);
      const y = PAGE.height - PAGE.margin + 8;
      this.rule(y - 6);
      this.style('regular', SIZE.small, COLOR.muted);
      this.doc.text(left, PAGE.margin, y, { width: CONTENT_WIDTH * 0.7, lineBreak: false, height: 10, ellipsis: true });
      this.doc.text(footer(i - start + 1, count), PAGE.margin, y, { width: CONTENT_WIDTH, align: 'right', lineBreak: false });
    }
    const chunks: Buffer[] = [];
    const done = new Promise<Buffer>((resolve, reject) => {
      this.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
    });
    this.doc.end();
    return done;
  }
}

/**
 * The longest head of `text` that fits `maxHeight` at `width`, cut at a space when one is near, and the rest.
 * Binary search over the length: a 10,000-character description costs a handful of measurements.
 */
export function splitToFit(canvas: Canvas, text: string, width: number, maxHeight: number): [string, string] {
  let lo = 0;
  let hi = text.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (canvas.heightOf(text.slice(0, mid), width) <= maxHeight) lo = mid;
    else hi = mid - 1;
  }
  let cut = lo;
  const space = text.lastIndexOf(' ', cut);
  if (space > cut * 0.7) cut = space;
  // Never split a surrogate pair: half a character would print as a missing glyph on both pages.
  const before = text.charCodeAt(cut - 1);
  if (before >= 0xd800 && before <= 0xdbff) cut -= 1;
  if (cut === 0) cut = Math.max(1, lo);
  return [text.slice(0, cut).trimEnd(), text.slice(cut).trimStart()];
}

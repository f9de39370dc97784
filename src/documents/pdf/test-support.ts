import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import jsQR from 'jsqr';
import { getDocument, OPS, type PDFDocumentProxy, type PDFPageProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { PNG } from 'pngjs';

// Reading our PDFs back the way a person's tools do, with nothing but Node: Mozilla's pdf.js parses them (text
// with positions, images, pages) and renders pages through a prebuilt canvas; a QR decoder reads the rendered
// page. Used by tests only.

const STANDARD_FONTS = `${join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;

async function withPdf<T>(pdf: Buffer, fn: (doc: PDFDocumentProxy) => Promise<T>): Promise<T> {
  const task = getDocument({ data: new Uint8Array(pdf), standardFontDataUrl: STANDARD_FONTS, verbosity: 0 });
  try {
    return await fn(await task.promise);
  } finally {
    await task.destroy();
  }
}

/** What pdf.js gives for a run of text (its marked-content items have no text). */
type TextRun = Extract<Awaited<ReturnType<PDFPageProxy['getTextContent']>>['items'][number], { str: string }>;

/** One run of text as drawn: its baseline origin and size in points, y measured from the top of the page. */
interface Run {
  readonly text: string;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly size: number;
}

async function pageRuns(doc: PDFDocumentProxy): Promise<{ runs: Run[]; width: number; height: number }[]> {
  const pages = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const { width, height } = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    const runs = content.items
      .filter((i): i is TextRun => 'str' in i && i.str.trim() !== '')
      .map((i) => ({ text: i.str, x: i.transform[4], y: height - i.transform[5], width: i.width, size: Math.hypot(i.transform[2], i.transform[3]) || i.height }));
    pages.push({ runs, width, height });
  }
  return pages;
}

/** A run of text on one line with no column gap inside it, grown run by run while it is built. */
interface Segment {
  text: string;
  readonly x: number;
  xEnd: number;
  readonly y: number;
  readonly size: number;
}

function segments(runs: readonly Run[]): Segment[] {
  const sorted = [...runs].sort((a, b) => a.y - b.y || a.x - b.x);
  const lines: Run[][] = [];
  for (const run of sorted) {
    const line = lines.at(-1);
    if (line && Math.abs(line[0]!.y - run.y) <= 0.4 * Math.min(line[0]!.size, run.size)) line.push(run);
    else lines.push([run]);
  }
  const out: Segment[] = [];
  for (const line of lines) {
    line.sort((a, b) => a.x - b.x);
    let current: Segment | null = null;
    for (const run of line) {
      const gap = current ? run.x - current.xEnd : Infinity;
      if (current && gap <= 1.5 * run.size) {
        const space = gap > 0.15 * run.size && !current.text.endsWith(' ') && !run.text.startsWith(' ');
        current.text += (space ? ' ' : '') + run.text;
        current.xEnd = Math.max(current.xEnd, run.x + run.width);
        continue;
      }
      if (current) out.push(current);
      current = { text: run.text, x: run.x, xEnd: run.x + run.width, y: run.y, size: run.size };
    }
    if (current) out.push(current);
  }
  return out;
}

/**
 * Segments gathered into blocks, as pdftotext's reading order does: a segment continues the block whose last
 * line sits just above it and overlaps it sideways, so two columns side by side read one after the other.
 */
function readingOrder(page: readonly Segment[]): string {
  const blocks: Segment[][] = [];
  for (const segment of page) {
    const block = blocks.find((b) => {
      const last = b.at(-1)!;
      return segment.y > last.y && segment.y - last.y <= 2 * Math.max(last.size, segment.size) && segment.x < last.xEnd && segment.xEnd > last.x;
    });
    if (block) block.push(segment);
    else blocks.push([segment]);
  }
  return blocks.map((b) => b.map((s) => s.text.trimEnd()).join('\n')).join('\n');
}

/** The text of every page in reading order, a line per line of print, pages ended by a form feed. */
export async function pdfText(pdf: Buffer): Promise<string> {
  const pages = await withPdf(pdf, pageRuns);
  return pages.map((p) => `${readingOrder(segments(p.runs))}\n\f`).join('');
}

export interface WordBox {
  readonly page: number;
  readonly word: string;
  readonly xMin: number;
  readonly yMin: number;
  readonly xMax: number;
  readonly yMax: number;
  readonly pageWidth: number;
  readonly pageHeight: number;
}

/** Every word with its box in points from the top left; a run's width is shared among its characters. */
export async function pdfWords(pdf: Buffer): Promise<WordBox[]> {
  const pages = await withPdf(pdf, pageRuns);
  return pages.flatMap((p, index) =>
    p.runs.flatMap((run) => {
      const perChar = run.width / run.text.length;
      const boxes: WordBox[] = [];
      for (const m of run.text.matchAll(/\S+/gu)) {
        const xMin = run.x + m.index * perChar;
        boxes.push({ page: index + 1, word: m[0], xMin, xMax: xMin + m[0].length * perChar, yMin: run.y - 0.8 * run.size, yMax: run.y + 0.2 * run.size, pageWidth: p.width, pageHeight: p.height });
      }
      return boxes;
    }),
  );
}

/** How many raster images the PDF draws (the logo; the QR is drawn as vectors). */
export async function pdfImageCount(pdf: Buffer): Promise<number> {
  return withPdf(pdf, async (doc) => {
    let count = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const { fnArray } = await (await doc.getPage(n)).getOperatorList();
      count += fnArray.filter((op) => op === OPS.paintImageXObject || op === OPS.paintInlineImageXObject).length;
    }
    return count;
  });
}

/** A solid-colour PNG, for a logo. */
export function solidPng(width: number, height: number, rgb: readonly [number, number, number]): Buffer {
  const png = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) png.data.set([...rgb, 255], i * 4);
  return PNG.sync.write(png);
}

export async function pdfPageCount(pdf: Buffer): Promise<number> {
  return withPdf(pdf, async (doc) => doc.numPages);
}

/** Each page rendered to PNG at `dpi`, on white. */
export async function pdfPagesAsPng(pdf: Buffer, dpi = 200): Promise<Buffer[]> {
  return withPdf(pdf, async (doc) => {
    const pngs: Buffer[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const viewport = page.getViewport({ scale: dpi / 72 });
      // pdf.js makes its canvases with @napi-rs/canvas in Node; its factory is typed loosely.
      const factory = doc.canvasFactory as { create(width: number, height: number): { canvas: { encodeSync(format: 'png'): Buffer }; context: Parameters<typeof page.render>[0]['canvasContext'] } };
      const { canvas, context } = factory.create(Math.ceil(viewport.width), Math.ceil(viewport.height));
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, Math.ceil(viewport.width), Math.ceil(viewport.height));
      await page.render({ canvas: null, canvasContext: context, viewport }).promise;
      pngs.push(canvas.encodeSync('png'));
    }
    return pngs;
  });
}

/** The text of the QR code found on a rendered page, or null. */
export function decodeQr(png: Buffer): string | null {
  const image = PNG.sync.read(png);
  // jsqr is CommonJS: TypeScript sees its module object, whose `default` is the decoder function.
  const code = jsQR.default(new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.length), image.width, image.height);
  if (!code) return null;
  // jsQR reads byte segments as Latin-1 unless told otherwise; the payloads are UTF-8.
  return Buffer.from(code.binaryData).toString('utf8');
}

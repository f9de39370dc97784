import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

// Reading our PDFs back the way a person's tools do: poppler's pdftotext and pdftoppm (Debian package
// poppler-utils), and a QR decoder over the rendered page. Used by tests only.

function withPdf<T>(pdf: Buffer, fn: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'punctual-pdf-'));
  try {
    const file = join(dir, 'document.pdf');
    writeFileSync(file, pdf);
    return fn(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of every page, in reading order (pdftotext -layout keeps table rows on one line). */
export function pdfText(pdf: Buffer, layout = false): string {
  return withPdf(pdf, (file) => execFileSync('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }));
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

/** Every word with its box in points, from pdftotext -bbox. */
export function pdfWords(pdf: Buffer): WordBox[] {
  const html = withPdf(pdf, (file) => execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }));
  const words: WordBox[] = [];
  let page = 0;
  let size = { width: 0, height: 0 };
  for (const line of html.split('\n')) {
    const pageMatch = /<page width="([\d.]+)" height="([\d.]+)">/.exec(line);
    if (pageMatch) {
      page += 1;
      size = { width: Number(pageMatch[1]), height: Number(pageMatch[2]) };
      continue;
    }
    const m = /<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*)<\/word>/.exec(line);
    if (m) words.push({ page, word: m[5]!, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), yMax: Number(m[4]), pageWidth: size.width, pageHeight: size.height });
  }
  return words;
}

/** How many raster images the PDF embeds (the logo; the QR is drawn as vectors). */
export function pdfImageCount(pdf: Buffer): number {
  const list = withPdf(pdf, (file) => execFileSync('pdfimages', ['-list', file], { encoding: 'utf8' }));
  return list.split('\n').filter((line) => /^\s*\d+\s+\d+\s+image/u.test(line)).length;
}

/** A solid-colour PNG, for a logo. */
export function solidPng(width: number, height: number, rgb: readonly [number, number, number]): Buffer {
  const png = new PNG({ width, height });
  for (let i = 0; i < width * height; i++) png.data.set([...rgb, 255], i * 4);
  return PNG.sync.write(png);
}

export function pdfPageCount(pdf: Buffer): number {
  const info = withPdf(pdf, (file) => execFileSync('pdfinfo', [file], { encoding: 'utf8' }));
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? 0);
}

/** Each page rendered to PNG at `dpi`. */
export function pdfPagesAsPng(pdf: Buffer, dpi = 200): Buffer[] {
  return withPdf(pdf, (file, dir) => {
    execFileSync('pdftoppm', ['-r', String(dpi), '-png', file, join(dir, 'page')]);
    return readdirSync(dir)
      .filter((name) => name.startsWith('page') && name.endsWith('.png'))
      .sort()
      .map((name) => readFileSync(join(dir, name)));
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

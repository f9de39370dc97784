import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

// pdfkit's built-in Helvetica has no Vietnamese or Cyrillic glyphs, so every document embeds DejaVu Sans
// (shipped as an npm package, no download at run time). The condensed cut fits invoice tables better.
// Files are read once per process; pdfkit subsets what each document uses.

export interface FontSet {
  readonly regular: Buffer;
  readonly bold: Buffer;
}

let cached: FontSet | undefined;

export function fontDirectory(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
}

export function documentFonts(): FontSet {
  cached ??= {
    regular: readFileSync(join(fontDirectory(), 'DejaVuSansCondensed.ttf')),
    bold: readFileSync(join(fontDirectory(), 'DejaVuSansCondensed-Bold.ttf')),
  };
  return cached;
}

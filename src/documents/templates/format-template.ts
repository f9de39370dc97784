import IntlMessageFormat from 'intl-messageformat';
import { LOCALE_PROFILES, type Locale } from './locales.ts';

export type TemplateValues = Readonly<Record<string, string | number>>;
export type TemplateElement = ReturnType<IntlMessageFormat['getAst']>[number];
/** The parser's element kinds (its TYPE enum), which intl-messageformat does not re-export. */
export const ELEMENT = { literal: 0, argument: 1, number: 2, date: 3, time: 4, select: 5, plural: 6, pound: 7, tag: 8 } as const;

// Tags are off: `<` and `>` in a template are plain text. Templates never carry markup; the layout adds
// it and escapes every character of the rendered text.
const PARSER_OPTIONS = { ignoreTag: true } as const;

// Parsed templates are kept by locale and source. The bound is generous (five catalogues are ~200 entries)
// and only stops a flood of distinct overrides from growing memory without end. Keyed by the source string
// itself: catalogue sources are the same string objects every time, whose hash is computed once.
const CACHE_LIMIT = 2_000;
const cache = new Map<Locale, Map<string, Compiled>>();

// A template without arguments (a table heading, a button label) reads the same in every message: its text
// is kept instead of being formatted again thousands of times in a tick.
interface Compiled {
  readonly format: IntlMessageFormat;
  readonly text: string | null;
}

/** A parsed ICU MessageFormat source; throws the parser's SyntaxError (with `location`) when malformed. */
function compiled(source: string, locale: Locale): Compiled {
  let ofLocale = cache.get(locale);
  if (!ofLocale) cache.set(locale, (ofLocale = new Map()));
  let hit = ofLocale.get(source);
  if (!hit) {
    const format = new IntlMessageFormat(source, LOCALE_PROFILES[locale].numberLocale, undefined, PARSER_OPTIONS);
    const constant = format.getAst().every((element) => element.type === ELEMENT.literal);
    hit = { format, text: constant ? joined(format.format()) : null };
    if (ofLocale.size >= CACHE_LIMIT) ofLocale.clear();
    ofLocale.set(source, hit);
  }
  return hit;
}

function joined(out: ReturnType<IntlMessageFormat['format']>): string {
  return Array.isArray(out) ? out.join('') : String(out);
}

export function formatTemplate(source: string, locale: Locale, values: TemplateValues): string {
  const { format, text } = compiled(source, locale);
  return text ?? joined(format.format(values));
}

/** Parse without caching, with source positions, for checking sources typed by users. */
export function parseTemplate(source: string, locale: Locale): TemplateElement[] {
  return new IntlMessageFormat(source, LOCALE_PROFILES[locale].numberLocale, undefined, {
    ...PARSER_OPTIONS,
    captureLocation: true,
  }).getAst();
}

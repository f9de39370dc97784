import IntlMessageFormat from 'intl-messageformat';
import { LOCALE_PROFILES, type Locale } from './locales.ts';

export type TemplateValues = Readonly<Record<string, string | number>>;
export type TemplateElement = ReturnType<IntlMessageFormat['getAst']>[number];

// Tags are off: `<` and `>` in a template are plain text. Templates never carry markup; the layout adds
// it and escapes every character of the rendered text.
const PARSER_OPTIONS = { ignoreTag: true } as const;

// Parsed templates are kept by locale and source. The bound is generous (five catalogues are ~200 entries)
// and only stops a flood of distinct overrides from growing memory without end. Keyed by the source string
// itself: catalogue sources are the same string objects every time, whose hash is computed once.
const CACHE_LIMIT = 2_000;
const cache = new Map<Locale, Map<string, IntlMessageFormat>>();

/** Parse an ICU MessageFormat source; throws the parser's SyntaxError (with `location`) when malformed. */
export function compileTemplate(source: string, locale: Locale): IntlMessageFormat {
  let ofLocale = cache.get(locale);
  if (!ofLocale) cache.set(locale, (ofLocale = new Map()));
  const hit = ofLocale.get(source);
  if (hit) return hit;
  const compiled = new IntlMessageFormat(source, LOCALE_PROFILES[locale].numberLocale, undefined, PARSER_OPTIONS);
  if (ofLocale.size >= CACHE_LIMIT) ofLocale.clear();
  ofLocale.set(source, compiled);
  return compiled;
}

export function formatTemplate(source: string, locale: Locale, values: TemplateValues): string {
  const out = compileTemplate(source, locale).format(values);
  return Array.isArray(out) ? out.join('') : String(out);
}

/** Parse without caching, with source positions, for checking sources typed by users. */
export function parseTemplate(source: string, locale: Locale): TemplateElement[] {
  return new IntlMessageFormat(source, LOCALE_PROFILES[locale].numberLocale, undefined, {
    ...PARSER_OPTIONS,
    captureLocation: true,
  }).getAst();
}

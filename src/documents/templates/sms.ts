// SMS length rules from 3GPP TS 23.038: a message fits one segment in 160 GSM-7 septets, or 70 UCS-2 code
// units as soon as one character is outside GSM-7. Longer messages are split into 153 / 67-unit parts.

const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\u001bÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Characters reached through the escape code: each costs two septets. */
const GSM7_EXTENSION = '\f^{}\\[~]|€';

const basic = new Set([...GSM7_BASIC].filter((c) => c !== '\u001b'));
const extension = new Set(GSM7_EXTENSION);

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export const SMS_SINGLE_LIMIT: Readonly<Record<SmsEncoding, number>> = { 'GSM-7': 160, 'UCS-2': 70 };
const SMS_PART_LIMIT: Readonly<Record<SmsEncoding, number>> = { 'GSM-7': 153, 'UCS-2': 67 };

export function isGsm7(text: string): boolean {
  for (const c of text) if (!basic.has(c) && !extension.has(c)) return false;
  return true;
}

export interface SmsSize {
  readonly encoding: SmsEncoding;
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  readonly units: number;
  readonly segments: number;
}

/**
 * Segments are counted the way handsets split them: an escape pair (GSM-7) or a surrogate pair (UCS-2)
 * is never cut across two parts, so a long message may need one part more than units / 153 suggests.
 */
export function smsSize(text: string): SmsSize {
  const encoding: SmsEncoding = isGsm7(text) ? 'GSM-7' : 'UCS-2';
  const widths = [...text].map((c) => (encoding === 'GSM-7' ? (extension.has(c) ? 2 : 1) : c.length));
  const units = widths.reduce((s, w) => s + w, 0);
  if (units <= SMS_SINGLE_LIMIT[encoding]) return { encoding, units, segments: units === 0 ? 0 : 1 };
  let segments = 1;
  let used = 0;
  for (const w of widths) {
    if (used + w > SMS_PART_LIMIT[encoding]) {
      segments += 1;
      used = 0;
    }
    used += w;
  }
  return { encoding, units, segments };
}

export function fitsOneSegment(text: string): boolean {
  return smsSize(text).segments <= 1;
}

const REPLACEMENTS: ReadonlyMap<string, string> = new Map([
  ['đ', 'd'], ['Đ', 'D'], ['ł', 'l'], ['Ł', 'L'], ['ı', 'i'], ['œ', 'oe'], ['Œ', 'OE'], ['ç', 'c'],
  ['‘', "'"], ['’', "'"], ['‚', "'"], ['“', '"'], ['”', '"'], ['„', '"'], ['«', '"'], ['»', '"'],
  ['–', '-'], ['—', '-'], ['‑', '-'], ['…', '...'], ['•', '-'], ['№', 'No.'],
]);

/**
 * Rewrite text into GSM-7: letters keep their base form (ệ → e, ș → s, đ → d), typographic punctuation
 * becomes ASCII, every kind of space becomes a plain space, and whatever has no GSM-7 form (emoji, CJK,
 * Cyrillic) is dropped. Runs of spaces collapse, so a dropped word leaves no gap.
 */
export function toGsm7(text: string): string {
  let out = '';
  for (const c of text) {
    if (/\s/u.test(c)) out += ' ';
    else if (basic.has(c) || extension.has(c)) out += c;
    else if (REPLACEMENTS.has(c)) out += REPLACEMENTS.get(c);
    else {
      const base = c.normalize('NFD').replace(/\p{M}/gu, '');
      if (base !== '' && isGsm7(base)) out += base;
    }
  }
  return collapseSpaces(out);
}

export function collapseSpaces(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** How much an SMS says: everything, the essentials with names, or amount, date and link only. */
export const SMS_DETAILS = ['full', 'short', 'minimal'] as const;
export type SmsDetail = (typeof SMS_DETAILS)[number];

/** A customer name is never cut below this many characters; below it the minimal text, without names, is used. */
export const MIN_TRUNCATED_NAME = 3;

export type SmsFit =
  | { readonly ok: true; readonly text: string; readonly detail: SmsDetail; readonly nameTruncated: boolean; readonly size: SmsSize }
  | { readonly ok: false; readonly code: 'SMS_TOO_LONG'; readonly message: string; readonly size: SmsSize };

/**
 * Degrade an SMS until it fits one segment: the full text, then the short one, then the short one with
 * the customer name cut ("Nguyen Van A."), then the minimal one without the name. If even that does not
 * fit, the values themselves are too long (a huge portal URL, several currencies in Cyrillic) and the
 * caller gets SMS_TOO_LONG rather than a split or a message cut mid-link. A blank name (nothing left of it
 * in GSM-7) goes straight to the minimal text, so no SMS reads "Dear , …".
 */
export function fitSms(render: (detail: SmsDetail, customerName: string) => string, customerName: string): SmsFit {
  const named: Array<[SmsDetail, string, boolean]> = [
    ['full', customerName, false],
    ['short', customerName, false],
    ...truncations(customerName).map((name): [SmsDetail, string, boolean] => ['short', name, true]),
  ];
  const attempts: Array<[SmsDetail, string, boolean]> = [...(customerName.trim() === '' ? [] : named), ['minimal', '', false]];
  let last = '';
  for (const [detail, name, nameTruncated] of attempts) {
    last = render(detail, name);
    const size = smsSize(last);
    if (size.segments <= 1) return { ok: true, text: last, detail, nameTruncated, size };
  }
  const size = smsSize(last);
  return {
    ok: false,
    code: 'SMS_TOO_LONG',
    message: `The shortest SMS is ${size.units} ${size.encoding} units, over the ${SMS_SINGLE_LIMIT[size.encoding]} of one segment`,
    size,
  };
}

function truncations(name: string): string[] {
  const chars = [...name.trim()];
  const out: string[] = [];
  for (let k = chars.length - 1; k >= MIN_TRUNCATED_NAME; k--) {
    const cut = chars.slice(0, k).join('').replace(/[\s.,;:-]+$/u, '');
    if (cut.length > 0 && out.at(-1) !== `${cut}.`) out.push(`${cut}.`);
  }
  return out;
}

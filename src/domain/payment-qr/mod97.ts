// ISO 7064 MOD 97-10 as IBAN (ISO 13616) and creditor references (ISO 11649) use it: the four leading
// characters move to the end, letters count as 10…35, and the whole number must leave remainder 1.
// Computed digit by digit so a 34-character IBAN never needs a bigint.

function mod97(text: string): number {
  let remainder = 0;
  for (const ch of text) {
    const value = Number.parseInt(ch, 36);
    if (Number.isNaN(value) || ch !== ch.toUpperCase()) throw new RangeError(`Not an uppercase alphanumeric: ${ch}`);
    remainder = (remainder * (value < 10 ? 10 : 100) + value) % 97;
  }
  return remainder;
}

/** Check digits "02"…"98" for `prefix` + check digits + `body`, such as "RF" + ?? + "539007547034". */
export function mod97CheckDigits(prefix: string, body: string): string {
  return String(98 - mod97(`${body}${prefix}00`)).padStart(2, '0');
}

/**
 * True when `text` (prefix, two check digits, body; uppercase alphanumerics) passes MOD 97-10. Check digits
 * 00, 01 and 99 are refused: they are never issued, yet would pass the remainder test as twins of 97, 98, 02.
 */
export function passesMod97(text: string): boolean {
  const check = text.slice(2, 4);
  if (check === '00' || check === '01' || check === '99') return false;
  return mod97(`${text.slice(4)}${text.slice(0, 4)}`) === 1;
}

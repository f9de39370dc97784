// ISO 11649 creditor reference ("RF" + 2 check digits + up to 21 alphanumerics). Validated here rather
// than imported from the payment-QR builder so the matcher stays independent of how references are made.
const RF_SHAPE = /^RF\d{2}[A-Z0-9]{1,21}$/;

/** Upper-case and drop the spaces people print between groups of four: "rf18 5390 0754 7034" → "RF18539007547034". */
export function normalizeRfReference(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

/** True when the normalized text is an ISO 11649 reference whose check digits verify (mod 97 = 1). */
export function isValidRfReference(text: string): boolean {
  const reference = normalizeRfReference(text);
  if (!RF_SHAPE.test(reference)) return false;
  const rearranged = reference.slice(4) + reference.slice(0, 4);
  // Letters become two-digit numbers (A = 10 … Z = 35); the remainder is folded in one character at a
  // time so the 50-odd-digit number never has to exist.
  let remainder = 0;
  for (const ch of rearranged) {
    const value = Number.parseInt(ch, 36);
    remainder = value < 10 ? (remainder * 10 + value) % 97 : (remainder * 100 + value) % 97;
  }
  return remainder === 1;
}

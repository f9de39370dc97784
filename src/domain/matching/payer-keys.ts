// How a payer on a bank statement is recognized as one of our customers: by account (IBAN or domestic
// account number) or by a normalized company name. Banks print names in capitals, without diacritics,
// with or without the legal form and with dots in abbreviations ("S.R.L."), so both sides are reduced
// to the same key before comparing.

// Legal forms carry no identity: Romanian, English, German/Dutch, Indonesian, Vietnamese, Russian.
const LEGAL_FORMS = new Set([
  'sc', 'srl', 'sa', 'pfa', 'snc', 'scs',
  'co', 'company', 'llc', 'ltd', 'limited', 'inc', 'corp', 'plc', 'llp',
  'gmbh', 'ag', 'bv', 'nv', 'sarl', 'sas',
  'pt', 'cv', 'tbk',
  'tnhh', 'jsc', 'ctcp', 'mtv',
  'ооо', 'оао', 'зао', 'пао', 'ао', 'ип',
]);

// Multi-word legal forms, matched as consecutive tokens ("công ty" = company, "cổ phần" = joint-stock).
const LEGAL_PHRASES: ReadonlyArray<readonly string[]> = [['cong', 'ty'], ['co', 'phan'], ['mot', 'thanh', 'vien']];

// Letters that Unicode does not decompose into base letter + mark.
const FOLDED: Readonly<Record<string, string>> = { đ: 'd', ø: 'o', ł: 'l', ß: 'ss', æ: 'ae', œ: 'oe', ı: 'i' };

/** The significant words of a company or person name: folded, legal forms removed, sorted, distinct. */
export function nameTokens(name: string): string[] {
  const folded = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đøłßæœı]/g, (ch) => FOLDED[ch] ?? ch)
    .replace(/\./g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ');
  const words = folded.split(' ').filter((w) => w.length > 0);
  const kept: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const phrase = LEGAL_PHRASES.find((p) => p.every((w, k) => words[i + k] === w));
    if (phrase) {
      i += phrase.length - 1;
      continue;
    }
    const word = words[i] as string;
    if (!LEGAL_FORMS.has(word)) kept.push(word);
  }
  return [...new Set(kept)].sort();
}

/** One string per name so that "S.C. ACME Trading S.R.L." and "acme trading srl" compare equal. */
export function nameKey(name: string): string {
  return nameTokens(name).join(' ');
}

/** Account identifiers compare without spaces and case; shorter than 8 characters is not an account. */
export function accountKey(account: string): string | null {
  const key = account.replace(/[^0-9A-Za-z]/g, '').toUpperCase();
  return key.length >= 8 ? key : null;
}

// Vietnamese banking apps show transfer notes in ASCII, so diacritics are stripped: decomposition removes
// the tone and vowel marks, and đ/Đ, which are letters of their own rather than d plus a mark, map by hand.
const OWN_LETTERS: Readonly<Record<string, string>> = { đ: 'd', Đ: 'D' };

export function foldVietnameseToAscii(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, (ch) => OWN_LETTERS[ch] ?? ch);
}

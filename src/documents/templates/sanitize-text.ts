// Outside text (customer names, bank details typed by a user) is cleaned before it reaches a template:
// control characters could break an email header or an SMS, and bidirectional overrides could make a
// name display as something else ("Trojan Source"). Escaping for HTML happens later, in the layout.

function isStripped(codePoint: number): boolean {
  return (
    (codePoint < 0x20 && codePoint !== 0x09 && codePoint !== 0x0a && codePoint !== 0x0d) ||
    (codePoint >= 0x7f && codePoint <= 0x9f) ||
    (codePoint >= 0x202a && codePoint <= 0x202e) ||
    (codePoint >= 0x2066 && codePoint <= 0x2069)
  );
}

function stripControls(text: string): string {
  let out = '';
  for (const c of text) if (!isStripped(c.codePointAt(0) ?? 0)) out += c;
  return out;
}

/** Names, numbers, references: one line, single spaces. */
export function singleLine(text: string): string {
  return stripControls(text).replace(/\s+/gu, ' ').trim();
}

/** Bank details, fee terms: line breaks kept (at most one blank line), spaces tidied inside each line. */
export function multiLine(text: string): string {
  return stripControls(text.replace(/\r\n?/gu, '\n'))
    .split('\n')
    .map((line) => line.replace(/\s+/gu, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/gu, '\n\n')
    .trim();
}

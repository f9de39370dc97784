import { cleanText } from './statement.ts';

/** What a :86: field says about the other party and the payment's purpose. */
export interface Mt940Details {
  readonly remittanceText: string;
  readonly counterpartyName?: string;
  readonly counterpartyIban?: string;
  readonly endToEndId?: string;
}

// SEPA keywords German banks put inside the purpose lines (?20–?29, ?60–?63).
const SEPA_KEYWORD = /(EREF|KREF|MREF|CRED|DEBT|SVWZ|ABWA|ABWE|IBAN|BIC)\+/;

function numbered(structured: Readonly<Record<string, string>>, from: number, to: number): string[] {
  const parts: string[] = [];
  for (let n = from; n <= to; n++) {
    const value = structured[String(n).padStart(2, '0')];
    if (value !== undefined) parts.push(value);
  }
  return parts;
}

function present<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  const cleaned = value === undefined ? '' : cleanText(value);
  return cleaned === '' ? {} : ({ [key]: cleaned } as Record<K, string>);
}

/**
 * Read :86: in the three shapes banks use: German-style numbered subfields (?20–?29 and ?60–?63 purpose,
 * ?31 account, ?32–?33 name, with SEPA keywords such as EREF+ and SVWZ+ inside the purpose), SWIFT-style
 * "/TAG/value" codes (/REMI/, /EREF/, /NAME/, /IBAN/, /ORDP/), or free text.
 */
export function readMt940Details(details: string, structured: Readonly<Record<string, string>> | undefined): Mt940Details {
  if (structured !== undefined && ('20' in structured || '32' in structured)) return readNumbered(structured);
  if (structured !== undefined && ('REMI' in structured || 'EREF' in structured || 'NAME' in structured || 'ORDP' in structured)) {
    // "/REMI/USTD//Factuur 12/" → the value runs to the next "/TAG/", so its closing slash comes along.
    const value = (tag: string) => structured[tag]?.replace(/\/+$/, '');
    const endToEnd = value('EREF');
    return {
      remittanceText: cleanText(value('REMI')?.replace(/^\/?USTD\/\//, '') ?? details),
      ...present('counterpartyName', value('NAME') || value('ORDP')),
      ...present('counterpartyIban', value('IBAN')?.replace(/\s+/g, '').toUpperCase()),
      ...present('endToEndId', endToEnd === 'NOTPROVIDED' ? undefined : endToEnd),
    };
  }
  return { remittanceText: cleanText(details) };
}

function readNumbered(structured: Readonly<Record<string, string>>): Mt940Details {
  const lines = [...numbered(structured, 20, 29), ...numbered(structured, 60, 63)];
  const account = structured['31']?.replace(/\s+/g, '').toUpperCase();
  const name = numbered(structured, 32, 33).join('');
  // SEPA purpose text is cut into 27-character lines regardless of words, so it is rejoined as is;
  // older free-form lines are separate lines of text and keep a space between them.
  const sepa = lines.join('');
  if (!SEPA_KEYWORD.test(sepa)) {
    return { remittanceText: cleanText(lines.join(' ')), ...present('counterpartyName', name), ...present('counterpartyIban', account) };
  }
  const fields = new Map<string, string>();
  const parts = sepa.split(SEPA_KEYWORD);
  for (let i = 1; i + 1 < parts.length; i += 2) fields.set(parts[i] as string, parts[i + 1] as string);
  const endToEnd = fields.get('EREF')?.trim();
  return {
    remittanceText: cleanText(fields.get('SVWZ') ?? parts[0] ?? ''),
    ...present('counterpartyName', name || fields.get('ABWA')),
    ...present('counterpartyIban', account || fields.get('IBAN')?.replace(/\s+/g, '').toUpperCase()),
    ...present('endToEndId', endToEnd === 'NOTPROVIDED' ? undefined : endToEnd),
  };
}

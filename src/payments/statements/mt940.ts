import mt940js from 'mt940js';
import { Temporal, type PlainDate } from '../../domain/dates.ts';
import { parseAmount } from '../../domain/money.ts';
import { statementCurrency } from './currency-code.ts';
import { decodeText, type TextEncoding } from './decode-text.ts';
import { fingerprintStatements, type StatementDraft, type TransactionDraft } from './fingerprint.ts';
import { readMt940Details } from './mt940-details.ts';
import { failure, type StatementParseResult } from './statement.ts';

// The raw :61: and :60:/:62: fields are read again here for their amounts: mt940js turns amounts into
// floats, and money is never a float. Value date YYMMDD, optional entry (booking) date MMDD, [R]D/C mark,
// optional funds code, amount with a decimal comma.
const STATEMENT_LINE = /^(\d{2})(\d{2})(\d{2})(?:(\d{2})(\d{2}))?(R?[DC])[A-Z]?([0-9,]{1,15})/;
const BALANCE = /^([DC])(\d{2})(\d{2})(\d{2})([A-Z]{3})([0-9,]{1,15})/;
const IBAN_SHAPE = /^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/;

class Mt940Error extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

export interface Mt940Options {
  /** SWIFT files are ASCII; German and Russian banks write umlauts or Cyrillic in windows-1252/1251. */
  readonly encoding?: TextEncoding;
}

/** Parse a SWIFT MT940 file (one or more statements) into normalized statements. */
export function parseMt940(input: Uint8Array | string, options: Mt940Options = {}): StatementParseResult {
  const decoded = decodeText(input, options.encoding ?? 'utf-8');
  if (!decoded.ok) return decoded;
  let parsed: mt940js.Statement[];
  try {
    parsed = new mt940js.Parser().parse(decoded.text, true);
  } catch (error) {
    return failure('STATEMENT_MALFORMED', `Not a readable MT940 file: ${(error as Error).message}`);
  }
  if (parsed.length === 0) return failure('STATEMENT_MALFORMED', 'No MT940 statement (:20: … :62F:) found', ':20:');
  try {
    return { ok: true, statements: fingerprintStatements(parsed.map((s, i) => readStatement(s, i + 1))) };
  } catch (error) {
    if (error instanceof Mt940Error) return failure('STATEMENT_MALFORMED', error.message, error.field);
    throw error;
  }
}

function readStatement(statement: mt940js.Statement, ordinal: number): StatementDraft {
  const where = (tag: string) => `statement ${ordinal} ${tag}`;
  const tags = statement.tags ?? [];
  const opening = readBalance(tags.find((t) => t.id === 60), where(':60F:'));
  const closing = readBalance(tags.findLast((t) => t.id === 62), where(':62F:'));
  const currency = opening.currency;
  const lines = tags.filter((t) => t.id === 61);
  if (lines.length !== statement.transactions.length) throw new Mt940Error(where(':61:'), 'Statement lines and transactions do not pair up');

  const transactions = statement.transactions.map((t, i): TransactionDraft => {
    const line = readLine((lines[i] as mt940js.Tag).data, currency, where(`:61: #${i + 1}`));
    const details = readMt940Details(t.details, t.structuredDetails);
    const ownerReference = t.reference.trim();
    const supplementary = t.extraDetails.replace(/\s+/g, '').toUpperCase();
    return {
      ...line,
      currency,
      ...details,
      ...(details.counterpartyIban === undefined && IBAN_SHAPE.test(supplementary) ? { counterpartyIban: supplementary } : {}),
      ...(details.endToEndId === undefined && ownerReference !== '' && ownerReference !== 'NONREF' ? { endToEndId: ownerReference } : {}),
      ...(t.bankReference.trim() === '' ? {} : { bankReference: t.bankReference.trim() }),
    };
  });

  const turnover = transactions.reduce((sum, t) => sum + t.amountMinor, 0);
  if (opening.amountMinor + turnover !== closing.amountMinor) {
    throw new Mt940Error(where(':62F:'), `Opening balance ${opening.amountMinor} + lines ${turnover} ≠ closing balance ${closing.amountMinor} (minor units)`);
  }
  const account = statement.accountIdentification.trim();
  const ibanCandidate = account.split(/[\s/]/)[0]?.toUpperCase() ?? '';
  const number = [statement.number.statement, statement.number.sequence].filter((n) => n !== '').join('/');
  return {
    accountKey: account,
    currency,
    openingBalance: opening.amountMinor,
    closingBalance: closing.amountMinor,
    transactions,
    ...(IBAN_SHAPE.test(ibanCandidate) ? { accountIban: ibanCandidate } : {}),
    ...(number === '' ? {} : { statementId: number }),
  };
}

function readBalance(tag: mt940js.Tag | undefined, field: string): { amountMinor: number; currency: string } {
  const m = tag === undefined ? null : BALANCE.exec(tag.data);
  if (!m) throw new Mt940Error(field, 'Balance missing or unreadable');
  const currency = statementCurrency(m[5] as string);
  if (currency === null) throw new Mt940Error(field, `Unknown currency ${m[5]}`);
  const amount = minorUnits(m[6] as string, currency, field);
  return { amountMinor: m[1] === 'D' ? -amount : amount, currency };
}

function readLine(data: string, currency: string, field: string): Pick<TransactionDraft, 'bookingDate' | 'valueDate' | 'amountMinor' | 'reversal'> {
  const m = STATEMENT_LINE.exec(data);
  if (!m) throw new Mt940Error(field, 'Statement line unreadable');
  const [, yy, mm, dd, entryMonth, entryDay, mark = ''] = m;
  const valueDate = calendarDate(2000 + Number(yy), Number(mm), Number(dd), field);
  const bookingDate = entryMonth && entryDay ? entryDateNear(valueDate, Number(entryMonth), Number(entryDay), field) : valueDate;
  const amount = minorUnits(m[7] as string, currency, field);
  // D is money out; a leading R reverses the direction (RC undoes a credit, so money goes out).
  const outgoing = mark.endsWith('D') !== mark.startsWith('R');
  return { bookingDate, valueDate, amountMinor: outgoing && amount !== 0 ? -amount : amount, reversal: mark.startsWith('R') };
}

/** "1234,56" → minor units; SWIFT amounts have a decimal comma and may end in it ("500,"). */
function minorUnits(text: string, currency: string, field: string): number {
  const m = /^(\d+)(?:,(\d*))?$/.exec(text);
  const minor = m ? parseAmount(m[2] ? `${m[1]}.${m[2]}` : (m[1] as string), currency) : null;
  if (minor === null) throw new Mt940Error(field, `"${text}" is not an amount in ${currency}`);
  return minor;
}

function calendarDate(year: number, month: number, day: number, field: string): PlainDate {
  try {
    return Temporal.PlainDate.from({ year, month, day }, { overflow: 'reject' });
  } catch {
    throw new Mt940Error(field, `${year}-${month}-${day} is not a date`);
  }
}

/** The entry date has no year: take the one that puts it closest to the value date (31 Dec / 2 Jan). */
function entryDateNear(valueDate: PlainDate, month: number, day: number, field: string): PlainDate {
  const options = [valueDate.year - 1, valueDate.year, valueDate.year + 1].flatMap((year) => {
    try {
      return [Temporal.PlainDate.from({ year, month, day }, { overflow: 'reject' })];
    } catch {
      return [];
    }
  });
  const distance = (d: PlainDate) => Math.abs(valueDate.until(d, { largestUnit: 'day' }).days);
  const nearest = options.sort((a, b) => distance(a) - distance(b))[0];
  if (nearest === undefined) throw new Mt940Error(field, `Entry date ${month}-${day} is not a date`);
  return nearest;
}

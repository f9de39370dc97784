import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parseDate, type PlainDate } from '../../domain/dates.ts';
import { parseAmount } from '../../domain/money.ts';
import { statementCurrency } from './currency-code.ts';
import { decodeText, type TextEncoding } from './decode-text.ts';
import { fingerprintStatements, type StatementDraft, type TransactionDraft } from './fingerprint.ts';
import { cleanText, failure, type StatementFailure, type StatementParseResult } from './statement.ts';
import { all, at, attributeOf, textAt, textOf, type XmlValue } from './xml-nodes.ts';

// camt.053.001.02 … .08: the element names this parser reads are the same in all of them, except that
// from .08 a related party's name sits one level deeper (Dbtr/Pty/Nm instead of Dbtr/Nm).
const NAMESPACE = /^urn:iso:std:iso:20022:tech:xsd:camt\.053\.001\.0[2-8]$/;
const REPEATING = new Set(['Stmt', 'Bal', 'Ntry', 'NtryDtls', 'TxDtls', 'Ustrd', 'Strd', 'RfrdDocInf', 'AddtlRmtInf']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  parseTagValue: false,
  parseAttributeValue: false,
  // Numeric character references (&#7871;) are XML; no DOCTYPE ever reaches the parser (refused first).
  htmlEntities: true,
  transformTagName: (name) => name.slice(name.indexOf(':') + 1),
  isArray: (name) => REPEATING.has(name),
});

class CamtError extends Error {
  constructor(readonly field: string, message: string) {
    super(message);
  }
}

/**
 * Parse an ISO 20022 bank-to-customer statement (camt.053). Only booked entries are returned (pending or
 * informational ones are not money yet). A batch entry with several transaction details yields one line
 * per detail, whose amounts must add up to the entry. Input is UTF-8 unless the XML declaration names
 * another encoding.
 */
export function parseCamt053(input: Uint8Array | string): StatementParseResult {
  const decoded = decodeText(input, typeof input === 'string' ? 'utf-8' : declaredEncoding(input));
  if (!decoded.ok) return decoded;
  const xml = decoded.text;

  // A DTD is how entity-expansion ("billion laughs") and external-entity attacks get in; statements never
  // carry one, so refuse before any parser sees it.
  if (/<!(DOCTYPE|ENTITY)/i.test(xml)) return failure('STATEMENT_DTD_FORBIDDEN', 'Statements may not contain a DOCTYPE or entity declarations', 'DOCTYPE');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    const { line, col, msg } = valid.err;
    const where = col === undefined ? `line ${line}` : `line ${line}, column ${col}`;
    return failure('STATEMENT_MALFORMED', `The XML is not well-formed (${where}): ${msg}`, `line ${line}`);
  }
  const namespace = rootNamespace(xml);
  if (typeof namespace !== 'string') return namespace;
  if (!NAMESPACE.test(namespace)) {
    return failure('STATEMENT_UNSUPPORTED_VERSION', `Not a camt.053 statement of version 001.02 to 001.08 (namespace "${namespace}")`, 'Document/@xmlns');
  }

  try {
    const document = at(parser.parse(xml) as XmlValue, 'Document', 'BkToCstmrStmt');
    const statements = all(document, 'Stmt');
    if (statements.length === 0) throw new CamtError('BkToCstmrStmt/Stmt', 'The file holds no statement');
    return { ok: true, statements: fingerprintStatements(statements.map((s, i) => readStatement(s, `Stmt[${i + 1}]`))) };
  } catch (error) {
    if (error instanceof CamtError) return failure('STATEMENT_MALFORMED', error.message, error.field);
    return failure('STATEMENT_MALFORMED', `The XML could not be read: ${(error as Error).message}`);
  }
}

function declaredEncoding(bytes: Uint8Array): TextEncoding {
  const head = Buffer.from(bytes.subarray(0, 200)).toString('latin1');
  const declared = /^\s*<\?xml[^>]*encoding\s*=\s*["']([\w.-]+)["']/i.exec(head)?.[1]?.toLowerCase();
  if (declared === 'iso-8859-1' || declared === 'latin1') return 'iso-8859-1';
  if (declared === 'windows-1250' || declared === 'windows-1251' || declared === 'windows-1252') return declared;
  return 'utf-8';
}

/** The namespace bound to the root element's prefix, read from its start tag. */
function rootNamespace(xml: string): string | StatementFailure {
  const start = /<([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)(\s[^>]*)?>/.exec(xml.replace(/<!--[\s\S]*?-->/g, ''));
  if (!start || start[2] !== 'Document') return failure('STATEMENT_MALFORMED', 'The root element must be Document', 'Document');
  const prefix = start[1]?.slice(0, -1);
  for (const m of (start[3] ?? '').matchAll(/xmlns(?::([\w.-]+))?\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    if (m[1] === prefix) return (m[2] ?? m[3] ?? '').trim();
  }
  return '';
}

function readStatement(stmt: XmlValue, path: string): StatementDraft {
  const iban = textAt(stmt, 'Acct', 'Id', 'IBAN');
  const accountKey = iban ?? textAt(stmt, 'Acct', 'Id', 'Othr', 'Id') ?? '';
  const balances = all(stmt, 'Bal').map((bal, i) => ({ code: textAt(bal, 'Tp', 'CdOrPrtry', 'Cd'), ...signedMoney(bal, `${path}/Bal[${i + 1}]`) }));
  const opening = balances.find((b) => b.code === 'OPBD') ?? balances.find((b) => b.code === 'PRCD');
  const closing = balances.find((b) => b.code === 'CLBD');
  const transactions = all(stmt, 'Ntry').flatMap((ntry, i) => readEntry(ntry, `${path}/Ntry[${i + 1}]`));

  const declared = textAt(stmt, 'Acct', 'Ccy');
  const currencyText = declared ?? opening?.currency ?? closing?.currency ?? transactions[0]?.currency;
  if (currencyText === undefined) throw new CamtError(`${path}/Acct/Ccy`, 'The statement names no currency');
  const currency = statementCurrency(currencyText);
  if (currency === null) throw new CamtError(`${path}/Acct/Ccy`, `Unknown currency ${currencyText}`);
  const statementId = textAt(stmt, 'Id');
  return {
    accountKey,
    currency,
    transactions,
    ...(iban === undefined ? {} : { accountIban: iban.replace(/\s+/g, '').toUpperCase() }),
    ...(opening === undefined ? {} : { openingBalance: opening.amountMinor }),
    ...(closing === undefined ? {} : { closingBalance: closing.amountMinor }),
    ...(statementId === undefined ? {} : { statementId }),
  };
}

function readEntry(ntry: XmlValue, path: string): TransactionDraft[] {
  const status = textAt(ntry, 'Sts', 'Cd') ?? textAt(ntry, 'Sts');
  if (status !== undefined && status !== 'BOOK') return [];
  const entry = signedMoney(ntry, path);
  const bookingDate = dateOf(ntry, 'BookgDt', path) ?? dateOf(ntry, 'ValDt', path);
  if (bookingDate === undefined) throw new CamtError(`${path}/BookgDt`, 'The entry has no booking date');
  const valueDate = dateOf(ntry, 'ValDt', path);
  const reversal = ['true', '1'].includes(textAt(ntry, 'RvslInd') ?? '');
  const base = {
    bookingDate, reversal, currency: entry.currency,
    ...(valueDate === undefined ? {} : { valueDate }),
  };
  const entryReference = textAt(ntry, 'AcctSvcrRef');
  const entryInfo = textAt(ntry, 'AddtlNtryInf');
  const details = all(ntry, 'NtryDtls').flatMap((d) => all(d, 'TxDtls'));

  if (details.length <= 1) {
    return [{ ...base, amountMinor: entry.amountMinor, ...readDetails(details[0], entry.amountMinor > 0, entryReference, entryInfo) }];
  }
  const lines = details.map((tx, i) => {
    const txPath = `${path}/NtryDtls/TxDtls[${i + 1}]`;
    const amountNode = at(tx, 'Amt') ?? at(tx, 'AmtDtls', 'TxAmt', 'Amt');
    if (amountNode === undefined) throw new CamtError(`${txPath}/Amt`, 'A batch entry must give the amount of each transaction');
    const amount = signedMoney({ Amt: amountNode, CdtDbtInd: textAt(tx, 'CdtDbtInd') ?? textAt(ntry, 'CdtDbtInd') }, txPath);
    if (amount.currency !== entry.currency) throw new CamtError(`${txPath}/Amt`, `Transaction in ${amount.currency} inside an entry in ${entry.currency}`);
    return { ...base, amountMinor: amount.amountMinor, ...readDetails(tx, amount.amountMinor > 0, entryReference, entryInfo) };
  });
  const total = lines.reduce((sum, line) => sum + line.amountMinor, 0);
  if (total !== entry.amountMinor) throw new CamtError(`${path}/Amt`, `The batch's transactions add up to ${total}, the entry says ${entry.amountMinor} (minor units)`);
  return lines;
}

function readDetails(tx: XmlValue, credit: boolean, entryReference: string | undefined, entryInfo: string | undefined) {
  const party = credit ? 'Dbtr' : 'Cdtr';
  const name = textAt(tx, 'RltdPties', party, 'Nm') ?? textAt(tx, 'RltdPties', party, 'Pty', 'Nm') ?? textAt(tx, 'RltdPties', `Ultmt${party}`, 'Nm');
  const account = textAt(tx, 'RltdPties', `${party}Acct`, 'Id', 'IBAN') ?? textAt(tx, 'RltdPties', `${party}Acct`, 'Id', 'Othr', 'Id');
  const remittance = at(tx, 'RmtInf');
  const structured = all(remittance, 'Strd');
  const creditorReference = structured.map((s) => textAt(s, 'CdtrRefInf', 'Ref')).find((r) => r !== undefined);
  const texts = [
    ...all(remittance, 'Ustrd').map(textOf),
    ...structured.flatMap((s) => all(s, 'RfrdDocInf').map((d) => textAt(d, 'Nb'))),
    ...structured.flatMap((s) => all(s, 'AddtlRmtInf').map(textOf)),
  ].filter((t): t is string => t !== undefined);
  const remittanceText = cleanText(texts.length > 0 ? texts.join(' ') : textAt(tx, 'AddtlTxInf') ?? entryInfo ?? '');
  const endToEndId = textAt(tx, 'Refs', 'EndToEndId');
  const bankReference = textAt(tx, 'Refs', 'AcctSvcrRef') ?? entryReference;
  return {
    remittanceText,
    ...(name === undefined ? {} : { counterpartyName: cleanText(name) }),
    ...(account === undefined ? {} : { counterpartyIban: account.replace(/\s+/g, '').toUpperCase() }),
    ...(creditorReference === undefined ? {} : { creditorReference }),
    ...(endToEndId === undefined || endToEndId === 'NOTPROVIDED' ? {} : { endToEndId }),
    ...(bankReference === undefined ? {} : { bankReference }),
  };
}

/** Amt with its Ccy attribute and CdtDbtInd, as signed minor units. */
function signedMoney(node: XmlValue, path: string): { amountMinor: number; currency: string } {
  const amt = at(node, 'Amt');
  const text = textAt(node, 'Amt');
  if (text === undefined) throw new CamtError(`${path}/Amt`, 'The amount is missing');
  const code = attributeOf(amt, 'Ccy');
  if (code === undefined) throw new CamtError(`${path}/Amt/@Ccy`, 'The amount has no currency');
  const currency = statementCurrency(code);
  if (currency === null) throw new CamtError(`${path}/Amt/@Ccy`, `Unknown currency ${code}`);
  const minor = /^\d+(\.\d+)?$/.test(text) ? parseAmount(text, currency) : null;
  if (minor === null) throw new CamtError(`${path}/Amt`, `"${text.slice(0, 40)}" is not an amount in ${currency} (digits, a point, at most the currency's decimals)`);
  const indicator = textAt(node, 'CdtDbtInd');
  if (indicator !== 'CRDT' && indicator !== 'DBIT') throw new CamtError(`${path}/CdtDbtInd`, 'CdtDbtInd must be CRDT or DBIT');
  return { amountMinor: indicator === 'DBIT' && minor !== 0 ? -minor : minor, currency };
}

/** A DateAndDateTimeChoice: Dt, or the calendar date of DtTm as the bank wrote it (its local day). */
function dateOf(node: XmlValue, name: string, path: string): PlainDate | undefined {
  const text = textAt(node, name, 'Dt') ?? textAt(node, name, 'DtTm')?.slice(0, 10);
  if (text === undefined) return undefined;
  const parsed = parseDate(text);
  if (parsed === null) throw new CamtError(`${path}/${name}`, `"${text}" is not a date`);
  return parsed;
}

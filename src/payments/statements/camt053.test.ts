import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseCamt053 } from './camt053.ts';
import type { StatementParseResult, StatementTransaction } from './statement.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const v02 = fixture('camt053-v02-ro.xml').toString('utf8');

function lines(result: StatementParseResult): StatementTransaction[] {
  if (!result.ok) throw new Error(`${result.code} ${result.field ?? ''}: ${result.message}`);
  return result.statements.flatMap((s) => s.transactions);
}

const plain = (t: StatementTransaction) => {
  const { fingerprint: _f, bookingDate, valueDate, ...rest } = t;
  return { ...rest, bookingDate: bookingDate.toString(), ...(valueDate ? { valueDate: valueDate.toString() } : {}) };
};

function withoutFirstEntryAmount(xml: string): string {
  return xml.replace('<Amt Ccy="RON">1190.00</Amt>\n        <CdtDbtInd>CRDT</CdtDbtInd>\n        <Sts>BOOK</Sts>', '<CdtDbtInd>CRDT</CdtDbtInd>\n        <Sts>BOOK</Sts>');
}

describe('parseCamt053 — version 001.02 (Romanian bank, RON)', () => {
  const result = parseCamt053(fixture('camt053-v02-ro.xml'));

  it('reads the account, balances and statement id', () => {
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [statement] = result.statements;
    expect(statement).toMatchObject({
      accountIban: 'RO49BTRL01301202925689XX', currency: 'RON', statementId: 'RO49BTRL01301202925689XX-20250314',
      openingBalance: 1_000_000, closingBalance: 1_206_950,
    });
  });

  it('yields one line per booked transaction: batch split, pending skipped, debit negative', () => {
    // 1,190.00 + (500.00 + 250.00 from the batch) − 120.50 fee + 250.00 = 2,069.50 = 12,069.50 − 10,000.00;
    // the pending 99.00 is not booked yet
    const all = lines(result).map(plain);
    expect(all.map((t) => t.amountMinor)).toEqual([119_000, 50_000, 25_000, -12_050, 25_000]);
    expect(all[0]).toEqual({
      amountMinor: 119_000, currency: 'RON', reversal: false, bookingDate: '2025-03-14', valueDate: '2025-03-14',
      counterpartyName: 'ACME TRADING S.R.L.', counterpartyIban: 'RO66BACX0000001234567890',
      remittanceText: 'Plata factura INV-2025-0001', bankReference: 'BT250314000123',
    });
    expect(all[1]).toMatchObject({ counterpartyName: 'SC ALFA CONSTRUCT SRL', endToEndId: 'E2E-ALFA-77', bankReference: 'BT250314000124-1', remittanceText: 'INV-2025-0002' });
    expect(all[2]).toMatchObject({ counterpartyName: 'BETA SOFT SRL', bankReference: 'BT250314000124-2', remittanceText: 'Factura INV-2025-0003' });
    expect(all[3]).toMatchObject({ remittanceText: 'Comision administrare cont martie', bankReference: 'BT250314000125' });
  });

  it('takes the structured RF reference and the calendar day of a DtTm booking date', () => {
    expect(plain(lines(result)[4] as StatementTransaction)).toMatchObject({
      creditorReference: 'RF18539007547034', remittanceText: '', endToEndId: 'GR-2025-031', bookingDate: '2025-03-14', counterpartyName: 'Gamma Retail SA',
    });
  });

  it('gives distinct fingerprints within the file and the same ones on re-import', () => {
    const first = lines(result).map((t) => t.fingerprint);
    expect(new Set(first).size).toBe(first.length);
    expect(lines(parseCamt053(v02)).map((t) => t.fingerprint)).toEqual(first);
  });

  it.each(['02', '03', '04', '05', '06', '07', '08'])('accepts namespace camt.053.001.%s', (version) => {
    expect(parseCamt053(v02.replace('camt.053.001.02', `camt.053.001.${version}`)).ok).toBe(true);
  });
});

describe('parseCamt053 — version 001.08 (German bank, EUR, prefixed elements)', () => {
  const all = lines(parseCamt053(fixture('camt053-v08-de.xml'))).map(plain);

  it('reads party names one level deeper (Dbtr/Pty/Nm), with entities and character references decoded', () => {
    expect(all[0]).toMatchObject({ counterpartyName: 'Müller & Söhne GmbH', counterpartyIban: 'DE02120300000000202051', endToEndId: 'RE-2025-0815' });
    expect(all[1]?.counterpartyName).toBe('Nguyễn Văn An');
  });

  it('joins several Ustrd lines and reads a referred document number', () => {
    expect(all[0]?.remittanceText).toBe('Rechnung INV-2025-0004 und INV- 2025-0005 vielen Dank');
    expect(all[2]).toMatchObject({ remittanceText: 'INV-2025-0006', amountMinor: 3_990, valueDate: '2025-03-18' });
    expect(all[2]).not.toHaveProperty('endToEndId');
  });

  it('marks a reversal and signs it by CdtDbtInd', () => {
    expect(all[1]).toMatchObject({ amountMinor: -15_000, reversal: true, counterpartyName: 'Nguyễn Văn An' });
  });

  it('uses the previous closing balance (PRCD) as opening when there is no OPBD', () => {
    const result = parseCamt053(fixture('camt053-v08-de.xml'));
    expect(result.ok && result.statements[0]).toMatchObject({ openingBalance: 500_000, closingBalance: 726_990, accountIban: 'DE89370400440532013000' });
  });
});

describe('parseCamt053 — refusals', () => {
  const refused = (input: string | Buffer) => {
    const result = parseCamt053(input);
    if (result.ok) throw new Error('expected a refusal');
    return result;
  };

  it('refuses a billion-laughs payload at once, before any expansion', () => {
    const levels = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('');
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">${levels}]><Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">&lol9;</Document>`;
    const started = performance.now();
    expect(refused(bomb)).toMatchObject({ code: 'STATEMENT_DTD_FORBIDDEN', field: 'DOCTYPE' });
    expect(performance.now() - started).toBeLessThan(100);
  });

  it('refuses an external entity (XXE)', () => {
    const xxe = v02.replace('<Document', '<!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n<Document').replace('BT250314000123', '&xxe;');
    expect(refused(xxe).code).toBe('STATEMENT_DTD_FORBIDDEN');
  });

  it('refuses XML that is not well-formed, naming the line', () => {
    const broken = v02.replace('</Dbtr>', '</Debtor>');
    expect(refused(broken)).toMatchObject({ code: 'STATEMENT_MALFORMED', field: expect.stringMatching(/^line \d+$/) });
  });

  it('refuses a truncated file', () => {
    expect(refused(v02.slice(0, Math.floor(v02.length / 2))).code).toBe('STATEMENT_MALFORMED');
  });

  it.each([
    ['camt.053.001.09', 'urn:iso:std:iso:20022:tech:xsd:camt.053.001.09'],
    ['camt.052 (intraday report)', 'urn:iso:std:iso:20022:tech:xsd:camt.052.001.02'],
    ['no namespace', ''],
  ])('refuses an unknown namespace: %s', (_label, namespace) => {
    const other = v02.replace('urn:iso:std:iso:20022:tech:xsd:camt.053.001.02', namespace);
    expect(refused(other)).toMatchObject({ code: 'STATEMENT_UNSUPPORTED_VERSION', field: 'Document/@xmlns' });
  });

  it('refuses a root element other than Document', () => {
    expect(refused('<?xml version="1.0"?><Invoice xmlns="urn:oasis"/>')).toMatchObject({ code: 'STATEMENT_MALFORMED', field: 'Document' });
  });

  it('refuses an entry without an amount, naming its path', () => {
    expect(refused(withoutFirstEntryAmount(v02))).toMatchObject({ code: 'STATEMENT_MALFORMED', field: 'Stmt[1]/Ntry[1]/Amt' });
  });

  it.each([
    ['too many decimals for RON', '1190.005'],
    ['a decimal comma', '1190,00'],
    ['a sign', '-1190.00'],
    ['beyond a safe integer', '99999999999999999.00'],
    ['not a number', 'lots'],
  ])('refuses an amount with %s', (_label, amount) => {
    const bad = v02.replace('<Amt Ccy="RON">1190.00</Amt>\n        <CdtDbtInd>', `<Amt Ccy="RON">${amount}</Amt>\n        <CdtDbtInd>`);
    expect(refused(bad)).toMatchObject({ code: 'STATEMENT_MALFORMED', field: 'Stmt[1]/Ntry[1]/Amt' });
  });

  it('refuses an unknown currency and a missing credit/debit indicator', () => {
    expect(refused(v02.replace('<Amt Ccy="RON">1190.00</Amt>\n        <CdtDbtInd>', '<Amt Ccy="XYZ">1190.00</Amt>\n        <CdtDbtInd>'))).toMatchObject({ field: 'Stmt[1]/Ntry[1]/Amt/@Ccy' });
    expect(refused(v02.replace('<CdtDbtInd>DBIT</CdtDbtInd>', ''))).toMatchObject({ field: 'Stmt[1]/Ntry[3]/CdtDbtInd' });
  });

  it('refuses a batch whose transactions do not add up to the entry, or lack amounts', () => {
    expect(refused(v02.replace('<Amt Ccy="RON">250.00</Amt></TxAmt>', '<Amt Ccy="RON">240.00</Amt></TxAmt>'))).toMatchObject({ field: 'Stmt[1]/Ntry[2]/Amt' });
    expect(refused(v02.replace('<AmtDtls><TxAmt><Amt Ccy="RON">500.00</Amt></TxAmt></AmtDtls>', ''))).toMatchObject({ field: 'Stmt[1]/Ntry[2]/NtryDtls/TxDtls[1]/Amt' });
  });

  it('refuses an impossible booking date', () => {
    expect(refused(v02.replace('<BookgDt><Dt>2025-03-14</Dt></BookgDt>', '<BookgDt><Dt>2025-02-30</Dt></BookgDt>'))).toMatchObject({ field: 'Stmt[1]/Ntry[1]/BookgDt' });
  });

  it('refuses bytes that are not the UTF-8 the file declares', () => {
    expect(refused(iconv.encode(v02.replace('ACME TRADING', 'ĂCME TRADING'), 'windows-1250')).code).toBe('STATEMENT_ENCODING_INVALID');
  });

  it('refuses absurdly deep nesting without crashing', () => {
    const deep = `<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">${'<a>'.repeat(5_000)}${'</a>'.repeat(5_000)}</Document>`;
    expect(refused(deep).code).toBe('STATEMENT_MALFORMED');
  });
});

describe('parseCamt053 — encodings and several statements', () => {
  it('decodes a file declared ISO-8859-1', () => {
    const latin = v02.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').replace('BETA SOFT SRL', 'BÉTA SOFT SRL');
    expect(lines(parseCamt053(iconv.encode(latin, 'latin1')))[2]?.counterpartyName).toBe('BÉTA SOFT SRL');
  });

  it('returns one statement per Stmt element', () => {
    const stmt = /<Stmt>[\s\S]*<\/Stmt>/.exec(v02)?.[0] ?? '';
    const two = v02.replace(stmt, stmt + stmt.replace('RO49BTRL01301202925689XX-20250314', 'SECOND').replace(/RO49BTRL01301202925689XX/g, 'RO02BTRL0000000000000002'));
    const result = parseCamt053(two);
    expect(result.ok && result.statements.map((s) => s.accountIban)).toEqual(['RO49BTRL01301202925689XX', 'RO02BTRL0000000000000002']);
    // the same lines on another account are other payments
    const fingerprints = lines(result).map((t) => t.fingerprint);
    expect(new Set(fingerprints).size).toBe(10);
  });
});

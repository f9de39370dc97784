import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runStatementImport } from '../src/cli/import-statement.ts';
import type { App } from '../src/http/server.ts';
import { testApp, tenant, type Tenant, type TestClock } from './support/app.ts';
import { testDatabase } from './support/database.ts';
import { camt, footprint, invoice, romanianMapping, seedInvoices } from './banking-setup.ts';

// `punctual import statement FILE`: what an operator reads in the terminal.

let database: Awaited<ReturnType<typeof testDatabase>>;
let app: App;
let clock: TestClock;
let t: Tenant;
let ids: Map<string, string>;
let dir: string;

beforeAll(async () => {
  database = await testDatabase();
  ({ app, clock } = await testApp(database, '2025-03-20T09:00:00Z'));
  t = await tenant(database, app, clock);
  ({ invoices: ids } = await seedInvoices(t, [
    { number: 'INV-2025-0101', customer: 'Tau Studio', amount: '300.00', currency: 'EUR' },
    { number: 'INV-2025-0102', customer: 'Upsilon SRL', amount: '45.00', currency: 'EUR', dueDate: '2025-03-12' },
    { number: 'INV-2025-0103', customer: 'Phi AG', amount: '45.00', currency: 'EUR', dueDate: '2025-03-18' },
  ]));
  dir = mkdtempSync(join(tmpdir(), 'punctual-cli-'));
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await app.close();
  await database.dispose();
});

function statementFile(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function run(file: string, options: Parameters<typeof runStatementImport>[2] = {}) {
  const out: string[] = [];
  const result = await runStatementImport({ ...t.ctx, actor: { type: 'cli', id: 'import statement' } }, file, options, (line) => out.push(line));
  return { result, text: out.join('\n') };
}

const file = () =>
  statementFile('march.xml', camt([
    { amount: '300.00', name: 'Tau Studio', text: 'Invoice INV-2025-0101' },
    { amount: '45.00', name: 'Somebody' },
    { amount: '19.99', name: 'Stranger', text: 'gift' },
    { amount: '5.00', debit: true, name: 'Bank', text: 'fee' },
  ]));

describe('punctual import statement', () => {
  it('with --dry-run prints what would happen and stores nothing', async () => {
    const before = await footprint(t);
    const { result, text } = await run(file(), { dryRun: true });
    expect(result.ok).toBe(true);
    expect(text).toContain('march.xml: camt053, DE89370400440532013000, EUR; 4 lines, 0 already imported earlier.');
    expect(text).toContain('Would record as payments (1):');
    expect(text).toContain('Dry run: nothing was stored.');
    expect(await footprint(t)).toEqual(before);
  });

  it('prints what was recorded, what needs review with its candidates, and what matched nothing', async () => {
    const { result, text } = await run(file());
    expect(result.ok).toBe(true);
    expect(text).toMatch(/Recorded as payments \(1\):\n {2}2025-03-14 +300\.00 EUR {2}Tau Studio "Invoice INV-2025-0101"\n {6}→ INV-2025-0101 300\.00 \(INVOICE_NUMBER, PAID_IN_FULL\)/);
    expect(text).toMatch(/Needs review \(1\):\n.*45\.00 EUR {2}Somebody\n {6}AMOUNT_MATCHES_OPEN_INVOICES: INV-2025-0102 \(2 d after due\), INV-2025-0103 \(4 d before due\) {2}\[[0-9a-f-]{36}\]/);
    expect(text).toMatch(/Unmatched \(1\):\n.*19\.99 EUR {2}Stranger "gift"\n {6}NO_MATCH/);
    expect(text).toContain('Ignored 1 debit or reversal line(s).');
    expect(text).toMatch(/Import [0-9a-f-]{36} stored\./);
    expect((await invoice(t, ids.get('INV-2025-0101')!)).status).toBe('paid');
  });

  it('the same file again is refused with the reason', async () => {
    const { result } = await run(file());
    expect(result).toMatchObject({ ok: false, code: 'STATEMENT_ALREADY_IMPORTED' });
    if (!result.ok) expect(result.message).toMatch(/march\.xml: This file was already imported on 2025-03-20/);
  });

  it('reads a CSV statement with a saved mapping chosen by name, and lists unreadable cells', async () => {
    const saved = await t.call('POST', '/api/v1/bank-csv-mappings', { name: 'Banca Transilvania', mapping: romanianMapping });
    expect(saved.statusCode).toBe(201);
    const bad = statementFile('bad.csv', 'a\nb\nc\nData tranzactie,Data valuta,Descriere,Ordonator/Beneficiar,Cont,Referinta tranzactiei,Suma,Valuta\n99.99.2025,,x,,,,"1,00",RON\n');
    const refused = await run(bad, { mapping: 'banca transilvania' });
    expect(refused.result).toMatchObject({ ok: false, code: 'STATEMENT_ROWS_INVALID' });
    if (!refused.result.ok) expect(refused.result.message).toMatch(/line 5, column Data tranzactie: "99\.99\.2025" is not a DD\.MM\.YYYY date/);
    const unknown = await run(bad, { mapping: 'No Such Bank' });
    expect(unknown.result).toMatchObject({ ok: false, code: 'CSV_MAPPING_NOT_FOUND' });
  });

  it('refuses an unknown format or encoding and a missing file before opening anything', async () => {
    expect((await run(file(), { format: 'ofx' })).result).toMatchObject({ ok: false, message: expect.stringContaining('--format is one of camt053, mt940, csv') });
    expect((await run(file(), { encoding: 'koi8-r' })).result).toMatchObject({ ok: false, message: expect.stringContaining('--encoding') });
    expect((await run(join(dir, 'missing.sta'))).result).toMatchObject({ ok: false, message: expect.stringContaining('Cannot read') });
  });
});

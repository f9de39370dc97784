import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/http/server.ts';
import { testApp, tenant, type Tenant, type TestClock } from './support/app.ts';
import { testDatabase } from './support/database.ts';
import { camt, fixture, footprint, russianMapping, seedInvoices, upload } from './banking-setup.ts';

// Malformed, mis-encoded, oversized and hostile uploads: each gets a clear 4xx naming what is wrong, and
// nothing is written — no statement, no line, no payment, no event.

let database: Awaited<ReturnType<typeof testDatabase>>;
let app: App;
let clock: TestClock;
let t: Tenant;
let before: Awaited<ReturnType<typeof footprint>>;

beforeAll(async () => {
  database = await testDatabase();
  ({ app, clock } = await testApp(database, '2025-03-20T09:00:00Z'));
  t = await tenant(database, app, clock);
  await seedInvoices(t, [{ number: 'INV-2025-0004', customer: 'Mueller und Soehne GmbH', amount: '2380.00', currency: 'EUR' }]);
  before = await footprint(t);
});
afterAll(async () => {
  expect(await footprint(t)).toEqual(before);
  await app.close();
  await database.dispose();
});

const mt940 = fixture('mt940-de.sta').toString('latin1');
const csvMapping = JSON.stringify({ hasHeader: true, dateFormat: 'YYYY-MM-DD', decimalSeparator: '.', currency: 'EUR', columns: { bookingDate: 'date', amount: 'amount', remittance: 'text' } });

async function refused(response: Awaited<ReturnType<typeof upload>>, status: number, code: string, field?: string) {
  expect(response.statusCode, response.body).toBe(status);
  const { error } = response.json();
  expect(error.code).toBe(code);
  if (field !== undefined) expect(error.field).toBe(field);
  expect(error.message.length).toBeGreaterThan(10);
  return error;
}

describe('malformed files', () => {
  it.each([
    ['XML cut off half-way', camt([{ amount: '1.00' }]).slice(0, 400), 'application/xml', 'STATEMENT_MALFORMED'],
    ['an XML entity bomb', '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><Document>&lol2;</Document>', 'application/xml', 'STATEMENT_DTD_FORBIDDEN'],
    ['an external entity', '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><Document>&x;</Document>', 'text/xml', 'STATEMENT_DTD_FORBIDDEN'],
    ['another ISO 20022 message', camt([{ amount: '1.00' }]).replace('camt.053.001.02', 'camt.052.001.02'), 'application/xml', 'STATEMENT_UNSUPPORTED_VERSION'],
    ['an amount with too many decimals', camt([{ amount: '10.001' }]), 'application/xml', 'STATEMENT_MALFORMED'],
    ['an amount beyond any safe integer', camt([{ amount: '99999999999999999999.00' }]), 'application/xml', 'STATEMENT_MALFORMED'],
    ['an unknown currency', camt([{ amount: '1.00', currency: 'XYZ' }]), 'application/xml', 'STATEMENT_MALFORMED'],
    ['MT940 whose lines do not add up to the closing balance', mt940.replace(':62F:C250318EUR7269,90', ':62F:C250318EUR7269,91'), 'text/plain', 'STATEMENT_MALFORMED'],
    ['MT940 with an unreadable statement line', mt940.replace(':61:2503170317CR2380,00', ':61:25XX0317CR2380,00'), 'text/plain', 'STATEMENT_MALFORMED'],
  ])('refuses %s', async (_label, content, type, code) => {
    await refused(await upload(app, t, content, type), 422, code);
  });

  it('lists every unreadable CSV cell with its line and column', async () => {
    const error = await refused(await upload(app, t, 'date,amount,text\n2025-03-14,12.50,ok\n14/03/2025,1.00,bad date\n2025-03-15,12;5,bad amount\n', 'text/csv', { mapping: csvMapping }), 422, 'STATEMENT_ROWS_INVALID');
    expect(error.rowErrors).toEqual([
      { row: 3, column: 'date', code: 'ROW_DATE_INVALID', message: expect.any(String) },
      { row: 4, column: 'amount', code: 'ROW_AMOUNT_INVALID', message: expect.any(String) },
    ]);
  });

  it('refuses an empty file and binary content', async () => {
    await refused(await upload(app, t, Buffer.alloc(0), 'application/octet-stream'), 400, 'STATEMENT_EMPTY', 'file');
    const png = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');
    await refused(await upload(app, t, png, 'application/octet-stream', { mapping: csvMapping }), 422, 'STATEMENT_ENCODING_INVALID');
  });
});

describe('wrong encodings', () => {
  it('refuses a windows-1251 export read as UTF-8, naming the encoding', async () => {
    const utf8 = JSON.stringify({ ...russianMapping, encoding: 'utf-8' });
    const error = await refused(await upload(app, t, fixture('csv-ru-sber-1251.csv'), 'text/csv', { mapping: utf8 }), 422, 'STATEMENT_ENCODING_INVALID', 'encoding');
    expect(error.message).toMatch(/windows-1251/);
  });

  it('refuses a windows-1252 MT940 file unless its encoding is given', async () => {
    const umlauts = iconv.encode(mt940.replace('Mueller und Soehne', 'Müller und Söhne'), 'windows-1252');
    await refused(await upload(app, t, umlauts, 'text/plain'), 422, 'STATEMENT_ENCODING_INVALID', 'encoding');
    const dry = await upload(app, t, umlauts, 'text/plain', { encoding: 'windows-1252', dryRun: 'true' });
    expect(dry.statusCode, dry.body).toBe(200);
    expect(dry.json().lines[0].counterpartyName).toBe('Müller und Söhne GmbH');
  });
});

describe('CSV mappings given with the upload', () => {
  it.each([
    ['no mapping at all', {}, 422, 'STATEMENT_MAPPING_REQUIRED', 'mapping'],
    ['a mapping that is not JSON', { mapping: '{hasHeader:' }, 400, 'INVALID_JSON', 'mapping'],
    ['a mapping with a wrong date format', { mapping: csvMapping.replace('YYYY-MM-DD', 'YY/MM') }, 422, 'STATEMENT_MAPPING_INVALID', 'mapping.dateFormat'],
    ['a mapping naming a column the file lacks', { mapping: csvMapping.replace('"text"', '"Beschreibung"') }, 422, 'STATEMENT_MALFORMED', 'columns.remittance'],
    ['an unknown saved mapping', { mappingId: '0190a4f0-0000-7000-8000-000000000000' }, 404, 'CSV_MAPPING_NOT_FOUND', 'mappingId'],
    ['a saved and an inline mapping together', { mappingId: '0190a4f0-0000-7000-8000-000000000000', mapping: csvMapping }, 400, 'VALIDATION_FAILED', 'mapping'],
  ])('refuses %s', async (_label, query, status, code, field) => {
    await refused(await upload(app, t, 'date,amount,text\n2025-03-14,12.50,ok\n', 'text/csv', query as Record<string, string>), status, code, field);
  });
});

describe('the request itself', () => {
  it('refuses a file over 20 MB with 413 and a message about statement files', async () => {
    const error = await refused(await upload(app, t, Buffer.alloc(20 * 1024 * 1024 + 1, 0x41), 'text/csv'), 413, 'PAYLOAD_TOO_LARGE', 'file');
    expect(error.message).toMatch(/20 MB/);
  });

  it('refuses JSON and other content types with 415, saying how to send a file', async () => {
    const json = await t.call('POST', '/api/v1/bank-statements', { file: 'abc' });
    const error = await refused(json, 415, 'UNSUPPORTED_MEDIA_TYPE', 'file');
    expect(error.message).toMatch(/multipart/);
    await refused(await upload(app, t, '<x/>', 'image/svg+xml'), 415, 'UNSUPPORTED_MEDIA_TYPE', 'file');
  });

  it('refuses unknown options and values in the query', async () => {
    await refused(await upload(app, t, mt940, 'text/plain', { format: 'pdf' }), 400, 'VALIDATION_FAILED', 'format');
    await refused(await upload(app, t, mt940, 'text/plain', { delete: 'everything' }), 400, 'VALIDATION_FAILED');
    await refused(await upload(app, t, mt940, 'text/plain', { encoding: 'utf-7' }), 400, 'VALIDATION_FAILED', 'encoding');
  });

  it('refuses a wrongly declared format with the parser’s reason', async () => {
    await refused(await upload(app, t, mt940, 'text/plain', { format: 'camt053' }), 422, 'STATEMENT_MALFORMED');
  });

  describe('as multipart form data', () => {
    const boundary = 'xYzZY';
    const form = (parts: [string, string | Buffer, string?][]) =>
      Buffer.concat([
        ...parts.map(([name, content, filename]) =>
          Buffer.concat([Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename ? `; filename="${filename}"` : ''}\r\n\r\n`), Buffer.from(content), Buffer.from('\r\n')]),
        ),
        Buffer.from(`--${boundary}--\r\n`),
      ]);
    const send = (payload: Buffer) =>
      app.inject({ method: 'POST', url: '/api/v1/bank-statements', headers: { authorization: `Bearer ${t.key}`, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });

    it.each([
      ['no file', form([['format', 'mt940']]), 400, 'VALIDATION_FAILED', 'file'],
      ['the file under another name', form([['statement', mt940, 'a.sta']]), 400, 'VALIDATION_FAILED', 'statement'],
      ['an unknown field', form([['file', mt940, 'a.sta'], ['sql', "'; drop table payments; --"]]), 400, 'VALIDATION_FAILED', 'sql'],
      ['two files', form([['file', mt940, 'a.sta'], ['file', mt940, 'b.sta']]), 413, 'PAYLOAD_TOO_LARGE', 'file'],
      ['a bad option value', form([['file', mt940, 'a.sta'], ['format', 'ofx']]), 400, 'VALIDATION_FAILED', 'format'],
    ])('refuses %s', async (_label, payload, status, code, field) => {
      await refused(await send(payload), status, code, field);
    });
  });
});

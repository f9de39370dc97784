import { describe, expect, it } from 'vitest';
import { importCustomers } from '../src/services/import-customers.ts';
import { importInvoices } from '../src/services/import-invoices.ts';
import { useApi } from './support/app.ts';

const suite = useApi();

const customersCsv = `external_ref,name,email,phone,locale,time_zone,currency,payment_terms,credit_limit,tags,city,country
C-1,Công ty TNHH Sao Mai,lan@saomai.vn,+84901234567,vi,Asia/Ho_Chi_Minh,VND,net_30,50000000,retail;vip,Hà Nội,vn
C-2,"ООО ""Волга""",info@volga.ru,,ru,Europe/Moscow,RUB,eom_10,15000.50,,Москва,RU
C-3,Carpați SRL,,,ro,Europe/Bucharest,RON,net_15,,,Brașov,RO
`;

async function count(path: string): Promise<number> {
  const r = await suite.t.call('GET', `${path}${path.includes('?') ? '&' : '?'}limit=500`);
  return r.json().data.length;
}

describe('customer import', () => {
  it('imports every row of a good file, in Unicode', async () => {
    const r = await importCustomers(suite.t.ctx, customersCsv);
    expect(r).toMatchObject({ ok: true, value: { total: 3, valid: 3, imported: 3, errors: [] } });
    const list = (await suite.t.call('GET', '/api/v1/customers?q=Sao%20Mai')).json();
    expect(list.data[0]).toMatchObject({ name: 'Công ty TNHH Sao Mai', currency: 'VND', creditLimit: 50_000_000, tags: ['retail', 'vip'], billingAddress: { city: 'Hà Nội', country: 'VN' } });
    const volga = (await suite.t.call('GET', '/api/v1/customers?q=Волга')).json().data[0];
    expect(volga).toMatchObject({ name: 'ООО "Волга"', creditLimit: 1_500_050, paymentTerms: 'eom_10' });
  });

  it('imports nothing when a row is bad, and names the line and column', async () => {
    const before = await count('/api/v1/customers');
    const bad = `external_ref,name,email,currency,time_zone\nC-10,Good One,a@b.co,EUR,Europe/Paris\nC-11,Bad Mail,not-an-email,EUR,Europe/Paris\nC-12,,x@y.co,EUR,UTC\nC-13,Bad Zone,,EUR,Mars/Base\nC-1,Taken,,EUR,UTC\n`;
    const r = await importCustomers(suite.t.ctx, bad);
    if (!r.ok) throw new Error(r.message);
    expect(r.value.imported).toBe(0);
    expect(r.value.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [3, 'email', 'INVALID_EMAIL'],
      [4, 'name', 'INVALID_VALUE'],
      [5, 'time_zone', 'INVALID_TIME_ZONE'],
      [6, 'external_ref', 'DUPLICATE_CUSTOMER_REF'],
    ]);
    expect(await count('/api/v1/customers')).toBe(before);
    const skipped = await importCustomers(suite.t.ctx, bad, { skipInvalid: true });
    expect(skipped).toMatchObject({ ok: true, value: { imported: 1 } });
    expect(await count('/api/v1/customers')).toBe(before + 1);
  });

  it('refuses malformed and hostile files with a clear error', async () => {
    expect(await importCustomers(suite.t.ctx, '')).toMatchObject({ ok: false, code: 'CSV_EMPTY' });
    expect(await importCustomers(suite.t.ctx, 'name,email\n"unterminated,x@y.z\n')).toMatchObject({ ok: false, code: 'CSV_MALFORMED' });
    expect(await importCustomers(suite.t.ctx, 'foo,bar\n1,2\n')).toMatchObject({ ok: false, code: 'CSV_MISSING_COLUMNS', field: 'name' });
    expect(await importCustomers(suite.t.ctx, Buffer.from([0xff, 0xfe, 0x00, 0x01, 0x02]))).toMatchObject({ ok: false });
    const hostile = `external_ref,name\nH-1,"<script>alert(1)</script>'; drop table customers; --"\nH-2,${'x'.repeat(300)}\n`;
    const r = await importCustomers(suite.t.ctx, hostile, { skipInvalid: true });
    expect(r).toMatchObject({ ok: true, value: { imported: 1, errors: [{ row: 3, field: 'name' }] } });
    const stored = (await suite.t.call('GET', '/api/v1/customers?q=script')).json().data[0];
    expect(stored.name).toBe("<script>alert(1)</script>'; drop table customers; --");
  });

  it('dry-run checks everything and writes nothing', async () => {
    const before = await count('/api/v1/customers');
    const r = await importCustomers(suite.t.ctx, 'external_ref,name\nD-1,Dry Run Co\n', { dryRun: true });
    expect(r).toMatchObject({ ok: true, value: { valid: 1, imported: 0, dryRun: true } });
    expect(await count('/api/v1/customers')).toBe(before);
  });
});

describe('invoice import', () => {
  const invoicesCsv = `invoice_number,customer_ref,issue_date,due_date,currency,description,quantity,unit_price,tax_rate,amount_paid,paid_on
OLD-001,C-1,2025-03-01,2025-03-31,VND,Thiết kế logo,1,12000000,10,,
OLD-001,C-1,2025-03-01,2025-03-31,VND,In danh thiếp,2,500000,10,,
OLD-002,C-2,2025-04-10,,RUB,Печать каталогов,3,1500.50,20,1000.00,2025-04-20
OLD-003,C-3,2025-05-05,2025-05-20,RON,Consultanță,10,250,19,2975.00,2025-05-18
`;

  it('groups lines by invoice number and keeps what was already paid', async () => {
    const r = await importInvoices(suite.t.ctx, invoicesCsv);
    expect(r).toMatchObject({ ok: true, value: { total: 3, imported: 3, errors: [] } });
    const one = (await suite.t.call('GET', '/api/v1/invoices?number=OLD-001')).json().data[0];
    // 12,000,000 + 2 × 500,000 = 13,000,000 VND, 10 % tax = 1,300,000 → 14,300,000, due 2025-03-31
    expect(one).toMatchObject({ series: 'IMPORT', status: 'open', total: 14_300_000, dueDate: '2025-03-31', currency: 'VND' });
    const two = (await suite.t.call('GET', '/api/v1/invoices?number=OLD-002')).json().data[0];
    // 3 × 1,500.50 = 4,501.50 + 20 % = 900.30 → 5,401.80 RUB; 1,000.00 paid; due eom_10 → 2025-05-10
    expect(two).toMatchObject({ status: 'partially_paid', total: 540_180, amountPaid: 100_000, balance: 440_180, dueDate: '2025-05-10' });
    const three = (await suite.t.call('GET', '/api/v1/invoices?number=OLD-003')).json().data[0];
    expect(three).toMatchObject({ status: 'paid', balance: 0 });
  });

  it('refuses a second import of the same numbers, and bad rows import nothing', async () => {
    const again = await importInvoices(suite.t.ctx, invoicesCsv);
    expect(again).toMatchObject({ ok: true, value: { imported: 0 } });
    if (!again.ok) return;
    expect(again.value.errors.every((e) => e.code === 'DUPLICATE_INVOICE_NUMBER')).toBe(true);
    const bad = `invoice_number,customer_ref,issue_date,description,unit_price,quantity,tax_rate,currency
N-1,C-1,2025-06-01,ok,100,1,10,VND
N-2,NOPE,2025-06-01,unknown customer,100,1,10,VND
N-3,C-1,2025-02-30,bad date,100,1,10,VND
N-4,C-1,2025-06-01,negative,100,-1,10,VND
N-5,C-1,2025-06-01,float money,10.5,1,10,VND
N-6,C-1,2025-06-01,wrong currency,100,1,10,XYZ
N-7,C-1,2025-06-01,huge,99999999999999999999,1,10,VND
`;
    const r = await importInvoices(suite.t.ctx, bad);
    if (!r.ok) throw new Error(r.message);
    expect(r.value.imported).toBe(0);
    expect(r.value.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [3, 'customer_ref', 'CUSTOMER_NOT_FOUND'],
      [4, 'issue_date', 'INVALID_DATE'],
      [5, 'quantity', 'INVALID_QUANTITY'],
      [6, 'unit_price', 'INVALID_AMOUNT'],
      [7, 'currency', 'INVALID_CURRENCY'],
      [8, 'unit_price', 'INVALID_AMOUNT'],
    ]);
    expect((await suite.t.call('GET', '/api/v1/invoices?number=N-1')).json().data).toHaveLength(0);
  });

  it('imports thousands of invoices in one go, reporting progress', async () => {
    const rows = ['invoice_number,customer_ref,issue_date,due_date,description,quantity,unit_price,tax_rate'];
    for (let i = 0; i < 2000; i++) rows.push(`BULK-${i},C-3,2025-01-${String((i % 28) + 1).padStart(2, '0')},2025-02-28,Service ${i},1,${100 + i},19`);
    const progress: number[] = [];
    const r = await importInvoices(suite.t.ctx, rows.join('\n'), { onProgress: (done) => progress.push(done) });
    expect(r).toMatchObject({ ok: true, value: { imported: 2000 } });
    expect(progress.at(-1)).toBe(2000);
    expect((await suite.t.call('GET', '/api/v1/invoices?number=BULK-1999')).json().data[0]).toMatchObject({ total: 209_900 + 39_881 });
  });
});

describe('invoice import: VAT categories and exemption reasons', () => {
  const header = 'invoice_number,customer_ref,issue_date,description,quantity,unit_price,tax_rate,tax_category,tax_exemption_code,tax_exemption_reason';

  it('imports each line’s category and reason as the API stores them', async () => {
    expect((await suite.t.call('PATCH', '/api/v1/settings', { taxId: 'RO40123452', country: 'RO' })).statusCode).toBe(200);
    const customers = await importCustomers(suite.t.ctx, 'external_ref,name,tax_id,city,country\nV-1,Brotfabrik GmbH,DE811907980,Berlin,DE\nV-2,Fără CUI SRL,,Sibiu,RO\n');
    expect(customers).toMatchObject({ ok: true, value: { imported: 2 } });
    const csv = `${header}
VAT-1,V-1,2025-06-02,Consultanță iunie,10,120.00,0,ae,,
VAT-1,V-1,2025-06-02,Cataloage tipărite,1,300.00,0,K,,
VAT-1,V-1,2025-06-02,Curs de formare,1,500.00,0,E,vatex-eu-132-1i,"Art. 292 alin. (2) lit. a) Cod fiscal"
VAT-1,V-1,2025-06-02,Găzduire,1,100.00,21,,,
VAT-2,V-2,2025-06-02,Zero rated,1,100.00,,,,
`;
    const r = await importInvoices(suite.t.ctx, csv);
    expect(r).toMatchObject({ ok: true, value: { imported: 2, errors: [] } });
    const listed = (await suite.t.call('GET', '/api/v1/invoices?number=VAT-1')).json().data[0];
    const invoice = (await suite.t.call('GET', `/api/v1/invoices/${listed.id}`)).json();
    expect(invoice.lines.map((l: Record<string, unknown>) => [l.taxCategory, l.taxRateBp, l.taxExemptionCode, l.taxExemptionReason])).toEqual([
      ['AE', 0, 'VATEX-EU-AE', null],
      ['K', 0, 'VATEX-EU-IC', null],
      ['E', 0, 'VATEX-EU-132-1I', 'Art. 292 alin. (2) lit. a) Cod fiscal'],
      ['S', 2100, null, null],
    ]);
    // 1,200 + 300 + 500 untaxed, 100 at 21 %: 2,121.00 EUR.
    expect(invoice).toMatchObject({ taxTotal: 2_100, total: 212_100 });
    const two = (await suite.t.call('GET', '/api/v1/invoices?number=VAT-2')).json().data[0];
    expect((await suite.t.call('GET', `/api/v1/invoices/${two.id}`)).json().lines[0]).toMatchObject({ taxCategory: 'Z', taxRateBp: 0 });
  });

  it('refuses what the API refuses, with its code, the row and the column, and imports nothing', async () => {
    const before = await count('/api/v1/invoices');
    const bad = `${header}
B-1,V-1,2025-06-03,ok,1,100.00,21,S,,
B-2,V-1,2025-06-03,unknown category,1,100.00,0,XX,,
B-3,V-1,2025-06-03,reverse charge with VAT,1,100.00,19,AE,,
B-4,V-1,2025-06-03,exempt without reason,1,100.00,0,E,,
B-5,V-1,2025-06-03,taxed with a reason,1,100.00,21,S,VATEX-EU-AE,
B-6,V-1,2025-06-03,hostile code,1,100.00,0,E,<script>,
B-7,V-1,2025-06-03,code of another category,1,100.00,0,AE,VATEX-EU-IC,
B-8,V-1,2025-06-03,right-to-left override,1,100.00,0,E,,"Scutit\u202E"
B-9,V-1,2025-06-03,reason too long,1,100.00,0,E,,${'x'.repeat(101)}
B-10,V-1,2025-06-03,code too long,1,100.00,0,E,${'VATEX-EU-132-1I'.repeat(3)},
B-11,V-1,2025-06-03,first exempt line,1,100.00,0,E,VATEX-EU-132-1I,
B-11,V-1,2025-06-03,second exempt line,1,100.00,0,E,VATEX-EU-132-1J,
B-12,V-1,2025-06-03,taxed,1,100.00,21,,,
B-12,V-1,2025-06-03,outside the scope,1,100.00,0,O,,
B-13,V-2,2025-06-03,taxed,1,100.00,21,,,
B-13,V-2,2025-06-03,reverse charge to a buyer without tax id,1,100.00,0,AE,,
B-14,V-1,2025-06-03,newline in reason,1,100.00,0,E,,"Scutit
art. 292"
B-15,V-1,2025-06-03,formula,1,100.00,0,E,"=cmd|' /C calc'!A0",
`;
    const r = await importInvoices(suite.t.ctx, bad);
    if (!r.ok) throw new Error(r.message);
    expect(r.value.imported).toBe(0);
    expect(r.value.errors.map((e) => [e.row, e.field, e.code])).toEqual([
      [3, 'tax_category', 'INVALID_VALUE'],
      [4, 'tax_rate', 'TAX_RATE_NOT_ZERO'],
      [5, 'tax_exemption_reason', 'TAX_EXEMPTION_REASON_REQUIRED'],
      [6, 'tax_exemption_code', 'TAX_EXEMPTION_NOT_ALLOWED'],
      [7, 'tax_exemption_code', 'INVALID_TAX_EXEMPTION_CODE'],
      [8, 'tax_exemption_code', 'TAX_EXEMPTION_CODE_MISMATCH'],
      [9, 'tax_exemption_reason', 'INVALID_TAX_EXEMPTION_REASON'],
      [10, 'tax_exemption_reason', 'INVALID_VALUE'],
      [11, 'tax_exemption_code', 'INVALID_VALUE'],
      [13, 'tax_exemption_code', 'TAX_EXEMPTION_REASON_CONFLICT'],
      [14, 'tax_category', 'VAT_OUTSIDE_SCOPE_MIXED'],
      [17, 'tax_category', 'BUYER_TAX_ID_REQUIRED'],
      [18, 'tax_exemption_reason', 'INVALID_TAX_EXEMPTION_REASON'],
      // Rows as a spreadsheet shows them: the reason with a line break is one row.
      [19, 'tax_exemption_code', 'INVALID_TAX_EXEMPTION_CODE'],
    ]);
    expect(r.value.errors.find((e) => e.code === 'BUYER_TAX_ID_REQUIRED')!.message).toContain('customer.taxId');
    expect(r.value.errors[0]!.message).toBe('The VAT category is one of S, Z, E, AE, K, G, O');
    expect(await count('/api/v1/invoices')).toBe(before);
  });
});

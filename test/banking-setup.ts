import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import type { App } from '../src/http/server.ts';
import { importInvoices } from '../src/services/import-invoices.ts';
import type { Tenant } from './support/app.ts';

// Shared set-up of the bank-statement tests: customers and issued invoices with the numbers the parser
// fixtures reference, and uploads through the API exactly as a client sends them.

export const fixture = (name: string) => readFileSync(new URL(`../src/payments/statements/fixtures/${name}`, import.meta.url));

export interface InvoiceSeed {
  readonly number: string;
  readonly customer: string;
  /** Decimal text in the currency, e.g. "1190.00". */
  readonly amount: string;
  readonly currency: string;
  readonly dueDate?: string;
}

/** Customers by name (created once per tenant), then one issued invoice per seed; returns invoice ids by number. */
export async function seedInvoices(t: Tenant, seeds: readonly InvoiceSeed[]): Promise<{ invoices: Map<string, string>; customers: Map<string, string> }> {
  const customers = new Map<string, string>();
  for (const seed of seeds) {
    if (customers.has(seed.customer)) continue;
    const ref = `C${customers.size + 1}-${seed.customer.replace(/[^A-Za-z]/g, '').slice(0, 20)}`;
    const created = await t.call('POST', '/api/v1/customers', { name: seed.customer, externalRef: ref, currency: seed.currency, paymentTerms: 'net_30' });
    expect(created.statusCode, created.body).toBe(201);
    customers.set(seed.customer, created.json().id);
  }
  const refOf = async (name: string) => (await t.call('GET', `/api/v1/customers/${customers.get(name)}`)).json().externalRef as string;
  const rows = ['invoice_number,customer_ref,issue_date,due_date,currency,description,unit_price'];
  for (const s of seeds) rows.push([s.number, await refOf(s.customer), '2025-02-01', s.dueDate ?? '2025-03-10', s.currency, 'Services', s.amount].join(','));
  const imported = await importInvoices(t.ctx, rows.join('\n') + '\n');
  if (!imported.ok) throw new Error(imported.message);
  expect(imported.value.errors).toEqual([]);
  const invoices = new Map<string, string>();
  for (const s of seeds) {
    const found = (await t.call('GET', `/api/v1/invoices?number=${encodeURIComponent(s.number)}`)).json();
    invoices.set(s.number, found.data[0].id);
  }
  return { invoices, customers };
}

/** Upload a statement as a raw body, options in the query string. */
export function upload(app: App, t: Tenant, content: Buffer | string, contentType: string, query: Record<string, string> = {}) {
  const qs = new URLSearchParams(query).toString();
  return app.inject({
    method: 'POST',
    url: `/api/v1/bank-statements${qs ? `?${qs}` : ''}`,
    headers: { authorization: `Bearer ${t.key}`, 'content-type': contentType },
    payload: content,
  });
}

export async function invoice(t: Tenant, id: string) {
  return (await t.call('GET', `/api/v1/invoices/${id}`)).json();
}

/** Row counts that an import must leave untouched when it is refused. */
export async function footprint(t: Tenant) {
  const count = async (url: string) => {
    let total = 0;
    let cursor: string | null = null;
    do {
      const body: { data: unknown[]; nextCursor: string | null } = (await t.call('GET', `${url}${url.includes('?') ? '&' : '?'}limit=500${cursor ? `&cursor=${cursor}` : ''}`)).json();
      total += body.data.length;
      cursor = body.nextCursor;
    } while (cursor);
    return total;
  };
  return {
    statements: await count('/api/v1/bank-statements'),
    transactions: await count('/api/v1/bank-transactions'),
    payments: await count('/api/v1/payments'),
    events: await count('/api/v1/events'),
  };
}

// Banca Transilvania-style export (the parser's fixture csv-ro-bt.csv): three preamble lines, "1.190,00".
export const romanianMapping = {
  hasHeader: true, skipLines: 3, dateFormat: 'DD.MM.YYYY', decimalSeparator: ',', thousandsSeparator: '.',
  columns: {
    bookingDate: 'Data tranzactie', valueDate: 'Data valuta', amount: 'Suma', currency: 'Valuta', counterpartyName: 'Ordonator/Beneficiar',
    counterpartyIban: 'Cont', remittance: 'Descriere', bankReference: 'Referinta tranzactiei',
  },
};

// Vietcombank-style export (csv-vn-vcb.csv): separate debit and credit columns, "5,000,000" dong.
export const vietnameseMapping = {
  hasHeader: true, dateFormat: 'DD/MM/YYYY', decimalSeparator: '.', thousandsSeparator: ',', currency: 'VND',
  columns: { bookingDate: 'Ngày giao dịch', credit: 'Số tiền ghi có', debit: 'Số tiền ghi nợ', remittance: 'Mô tả', bankReference: 'Số tham chiếu' },
};

// Sberbank-style export (csv-ru-sber-1251.csv): windows-1251, semicolons, "1 250 000,00", a totals row.
export const russianMapping = {
  encoding: 'windows-1251', skipLines: 1, hasHeader: true, dateFormat: 'DD.MM.YYYY', decimalSeparator: ',', thousandsSeparator: ' ',
  currency: 'RUB', skipRowsWithoutDate: true,
  columns: {
    bookingDate: 'Дата проводки', bankReference: 'Номер документа', counterpartyName: 'Контрагент', counterpartyIban: 'Счет контрагента',
    debit: 'Дебет', credit: 'Кредит', remittance: 'Назначение платежа',
  },
};

export interface CamtEntry {
  /** Decimal text, e.g. "500.00". */
  readonly amount: string;
  readonly date?: string;
  readonly debit?: boolean;
  readonly name?: string;
  readonly iban?: string;
  readonly text?: string;
  readonly reference?: string;
  readonly currency?: string;
}

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A camt.053.001.02 statement with one booked entry per line; `messageId` changes the bytes, not the lines. */
export function camt(entries: readonly CamtEntry[], options: { iban?: string; currency?: string; messageId?: string; statementId?: string } = {}): string {
  const currency = options.currency ?? 'EUR';
  const ntry = entries.map((e, i) => `
      <Ntry>
        <Amt Ccy="${e.currency ?? currency}">${e.amount}</Amt>
        <CdtDbtInd>${e.debit ? 'DBIT' : 'CRDT'}</CdtDbtInd>
        <Sts>BOOK</Sts>
        <BookgDt><Dt>${e.date ?? '2025-03-14'}</Dt></BookgDt>
        <AcctSvcrRef>REF-${i + 1}</AcctSvcrRef>
        <NtryDtls><TxDtls>
          <RltdPties>${e.name ? `<${e.debit ? 'Cdtr' : 'Dbtr'}><Nm>${xmlText(e.name)}</Nm></${e.debit ? 'Cdtr' : 'Dbtr'}>` : ''}${e.iban ? `<${e.debit ? 'Cdtr' : 'Dbtr'}Acct><Id><IBAN>${e.iban}</IBAN></Id></${e.debit ? 'Cdtr' : 'Dbtr'}Acct>` : ''}</RltdPties>
          <RmtInf>${e.text ? `<Ustrd>${xmlText(e.text)}</Ustrd>` : ''}${e.reference ? `<Strd><CdtrRefInf><Ref>${e.reference}</Ref></CdtrRefInf></Strd>` : ''}</RmtInf>
        </TxDtls></NtryDtls>
      </Ntry>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02">
  <BkToCstmrStmt>
    <GrpHdr><MsgId>${options.messageId ?? 'MSG-1'}</MsgId><CreDtTm>2025-03-14T23:00:00Z</CreDtTm></GrpHdr>
    <Stmt>
      <Id>${options.statementId ?? 'STMT-1'}</Id>
      <Acct><Id><IBAN>${options.iban ?? 'DE89370400440532013000'}</IBAN></Id><Ccy>${currency}</Ccy></Acct>${ntry}
    </Stmt>
  </BkToCstmrStmt>
</Document>
`;
}

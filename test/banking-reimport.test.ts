import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/http/server.ts';
import { testApp, tenant, type TestClock } from './support/app.ts';
import { testDatabase } from './support/database.ts';
import { camt, fixture, footprint, invoice, seedInvoices, upload } from './banking-setup.ts';

// Whatever is imported twice, or overlaps, or arrives at the same moment, records each payment once.

let database: Awaited<ReturnType<typeof testDatabase>>;
let app: App;
let clock: TestClock;

beforeAll(async () => {
  database = await testDatabase();
  ({ app, clock } = await testApp(database, '2025-03-20T09:00:00Z'));
});
afterAll(async () => {
  await app.close();
  await database.dispose();
});

const camtFile = fixture('camt053-v02-ro.xml').toString('utf8');
const roInvoices = [
  { number: 'INV-2025-0001', customer: 'Acme Trading SRL', amount: '1190.00', currency: 'RON' },
  { number: 'INV-2025-0002', customer: 'Alfa Construct SRL', amount: '800.00', currency: 'RON' },
  { number: 'INV-2025-0003', customer: 'Beta Soft SRL', amount: '250.00', currency: 'RON' },
];

// The Dutch MT940 fixture holds statements 25061 and 25062; the next day's file repeats 25062 and adds 25063.
const nextDay = `{1:F01RABONL2UAXXX0000000000}{2:I940RABONL2UXXXXN}{4:
:20:940S250318
:25:NL91RABO0123456789 EUR
:28C:25062
:60F:C250317EUR1119,00
:61:250318C119,00N541NONREF//0000000012346
:86:/EREF/NOTPROVIDED/ORDP//NAME/J. de Vries/REMI/USTD//Factuur INV-2025-0007/
:61:250318C119,00N541NONREF//0000000012346
:86:/EREF/NOTPROVIDED/ORDP//NAME/J. de Vries/REMI/USTD//Factuur INV-2025-0007/
:62F:C250318EUR1357,00
-}
{1:F01RABONL2UAXXX0000000000}{2:I940RABONL2UXXXXN}{4:
:20:940S250319
:25:NL91RABO0123456789 EUR
:28C:25063
:60F:C250318EUR1357,00
:61:250319C60,00N541NONREF//0000000012347
:86:/EREF/NOTPROVIDED/ORDP//NAME/J. de Vries/REMI/USTD//Factuur INV-2025-0008/
:62F:C250319EUR1417,00
-}
`;
const dutchInvoices = [
  { number: 'INV-2025-0001', customer: 'J. de Vries', amount: '119.00', currency: 'EUR' },
  { number: 'INV-2025-0007', customer: 'J. de Vries', amount: '238.00', currency: 'EUR' },
  { number: 'INV-2025-0008', customer: 'J. de Vries', amount: '60.00', currency: 'EUR' },
];

describe('the same file twice', () => {
  it('is refused with a clear error and changes nothing', async () => {
    const t = await tenant(database, app, clock, { baseCurrency: 'RON' });
    await seedInvoices(t, roInvoices);
    const first = await upload(app, t, camtFile, 'application/xml');
    expect(first.statusCode, first.body).toBe(201);
    const before = await footprint(t);
    const again = await upload(app, t, camtFile, 'application/xml');
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'STATEMENT_ALREADY_IMPORTED', field: 'file' });
    expect(again.json().error.message).toContain(first.json().statement.id);
    expect(await footprint(t)).toEqual(before);
  });
});

describe('the same statement exported again', () => {
  it('is imported, but every line is known and nothing is recorded twice', async () => {
    const t = await tenant(database, app, clock, { baseCurrency: 'RON' });
    const { invoices } = await seedInvoices(t, roInvoices);
    expect((await upload(app, t, camtFile, 'application/xml')).statusCode).toBe(201);
    const paymentsBefore = (await footprint(t)).payments;
    // A second download of the same statement: new message id and creation time, same entries.
    const reexport = camtFile.replace('BT-CAMT053-20250314-0001', 'BT-CAMT053-20250315-0007').replaceAll('2025-03-14T23:10:00+02:00', '2025-03-15T08:00:00+02:00');
    const r = await upload(app, t, reexport, 'application/xml');
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().statement.lines).toEqual({ total: 5, known: 5, recorded: 0, review: 0, unmatched: 0, ignored: 0 });
    expect(r.json().lines).toEqual([]);
    expect((await footprint(t)).payments).toBe(paymentsBefore);
    expect(await invoice(t, invoices.get('INV-2025-0002')!)).toMatchObject({ status: 'partially_paid', balance: 30_000 });
  });
});

describe('overlapping statements', () => {
  it('store and record only the lines not seen before', async () => {
    const t = await tenant(database, app, clock);
    const { invoices } = await seedInvoices(t, dutchInvoices);
    const first = await upload(app, t, fixture('mt940-nl.sta'), 'text/plain');
    expect(first.json().statement.lines).toMatchObject({ total: 3, recorded: 3 });
    const second = await upload(app, t, nextDay, 'text/plain');
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json().statement.lines).toMatchObject({ total: 3, known: 2, recorded: 1 });
    expect(second.json().lines).toMatchObject([{ bookingDate: '2025-03-19', amount: 6_000, status: 'recorded' }]);
    expect((await t.call('GET', '/api/v1/payments')).json().data).toHaveLength(4);
    expect(await invoice(t, invoices.get('INV-2025-0007')!)).toMatchObject({ status: 'paid', amountPaid: 23_800 });
    expect(await invoice(t, invoices.get('INV-2025-0008')!)).toMatchObject({ status: 'paid' });
  });

  it('uploaded at the same moment, still record every payment exactly once', async () => {
    const t = await tenant(database, app, clock);
    await seedInvoices(t, dutchInvoices);
    const [a, b] = await Promise.all([upload(app, t, fixture('mt940-nl.sta'), 'text/plain'), upload(app, t, nextDay, 'text/plain')]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    const recorded = a.json().statement.lines.recorded + b.json().statement.lines.recorded;
    expect(recorded).toBe(4);
    expect(a.json().statement.lines.known + b.json().statement.lines.known).toBe(2);
    const payments = (await t.call('GET', '/api/v1/payments')).json().data;
    expect(payments).toHaveLength(4);
    expect(new Set(payments.map((p: { externalId: string }) => p.externalId)).size).toBe(4);
  });
});

describe('an invoice settled between two statements', () => {
  it('is not paid again by a later line naming it: that line stays listed, unmatched', async () => {
    const t = await tenant(database, app, clock);
    const { invoices } = await seedInvoices(t, [{ number: 'INV-77', customer: 'Twice Paid Ltd', amount: '50.00', currency: 'EUR' }]);
    await upload(app, t, camt([{ amount: '50.00', name: 'Twice Paid Ltd', text: 'INV-77' }], { messageId: 'A' }), 'application/xml');
    const r = await upload(app, t, camt([{ amount: '50.00', name: 'Twice Paid Ltd', text: 'INV-77 second time', date: '2025-03-15' }], { messageId: 'B' }), 'application/xml');
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json().lines).toMatchObject([{ status: 'unmatched', paymentId: null }]);
    expect(await invoice(t, invoices.get('INV-77')!)).toMatchObject({ status: 'paid', amountPaid: 5_000 });
  });
});

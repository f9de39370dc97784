import { describe, expect, it } from 'vitest';
import { useApi } from './support/app.ts';

const suite = useApi();

async function customer(body: Record<string, unknown> = {}) {
  const r = await suite.t.call('POST', '/api/v1/customers', { name: 'Công ty TNHH Sao Mai', currency: 'EUR', paymentTerms: 'net_30', contacts: [{ name: 'Lan', email: 'lan@saomai.vn' }], ...body });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

describe('the invoicing path a new user follows', () => {
  it('creates a customer, issues an invoice, records a partial then a full payment', async () => {
    const c = await customer();
    expect(c.contacts[0]).toMatchObject({ name: 'Lan', email: 'lan@saomai.vn', isPrimary: true });

    const created = await suite.t.call('POST', '/api/v1/invoices', {
      customerId: c.id,
      issueDate: '2025-06-01',
      poNumber: 'PO-77',
      lines: [
        { description: 'Design work', quantity: '1.5', unitPrice: 12_000, taxRateBp: 1900, discountBp: 1000 },
        { description: 'Hosting', quantity: 2, unitPrice: 999, taxRateBp: 1900 },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    const draft = created.json();
    // 1.5 × 120.00 − 10 % = 162.00; + 19.98 = 181.98 net; 19 % tax = 34.5762 → 34.58; total 216.56
    expect(draft).toMatchObject({ status: 'draft', number: null, subtotal: 19_998, discountTotal: 1_800, taxTotal: 3_458, total: 21_656, balance: 21_656, dueDate: '2025-07-01' });

    const issued = (await suite.t.call('POST', `/api/v1/invoices/${draft.id}/issue`)).json();
    expect(issued).toMatchObject({ status: 'open', number: 'INV-00001' });

    const edit = await suite.t.call('PATCH', `/api/v1/invoices/${draft.id}`, { poNumber: 'PO-78' });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('INVOICE_NOT_DRAFT');

    const partial = await suite.t.call('POST', '/api/v1/payments', { customerId: c.id, amount: 10_000, currency: 'EUR', receivedOn: '2025-06-10', method: 'bank_transfer', reference: 'INV-00001' });
    expect(partial.statusCode, partial.body).toBe(201);
    expect(partial.json().invoices[0]).toMatchObject({ status: 'partially_paid', balance: 11_656, amountPaid: 10_000 });

    const rest = await suite.t.call('POST', '/api/v1/payments', { customerId: c.id, amount: 12_000, currency: 'EUR', receivedOn: '2025-06-12', method: 'card' });
    expect(rest.json().invoices[0]).toMatchObject({ status: 'paid', balance: 0 });
    expect(rest.json().payment.unallocated).toBe(344);

    const detail = (await suite.t.call('GET', `/api/v1/customers/${c.id}`)).json();
    expect(detail.credit).toEqual([{ currency: 'EUR', amount: 344 }]);

    const events = (await suite.t.call('GET', `/api/v1/events?entityId=${draft.id}`)).json();
    expect(events.data.map((e: { action: string }) => e.action).reverse()).toEqual([
      'invoice.created',
      'invoice.issued',
      'invoice.payment_applied',
      'invoice.payment_applied',
    ]);
  });

  it('spends credit on the next invoice as it is issued', async () => {
    const c = await customer({ name: 'Prepaid SRL' });
    await suite.t.call('POST', '/api/v1/payments', { customerId: c.id, amount: 5_000, currency: 'EUR', receivedOn: '2025-06-01', method: 'bank_transfer' });
    const inv = (await suite.t.call('POST', '/api/v1/invoices', { customerId: c.id, issue: true, lines: [{ description: 'Retainer', quantity: 1, unitPrice: 3_000 }] })).json();
    expect(inv).toMatchObject({ status: 'paid', balance: 0, amountPaid: 3_000 });
    const detail = (await suite.t.call('GET', `/api/v1/customers/${c.id}`)).json();
    expect(detail.credit).toEqual([{ currency: 'EUR', amount: 2_000 }]);
  });

  it('numbers invoices without gaps under concurrency', async () => {
    const c = await customer({ name: 'Busy Buyer' });
    const drafts = await Promise.all(
      Array.from({ length: 12 }, () => suite.t.call('POST', '/api/v1/invoices', { customerId: c.id, series: 'CC', lines: [{ description: 'x', quantity: 1, unitPrice: 100 }] })),
    );
    const issued = await Promise.all(drafts.map((d) => suite.t.call('POST', `/api/v1/invoices/${d.json().id}/issue`)));
    const numbers = issued.map((r) => r.json().number).sort();
    expect(numbers).toEqual(Array.from({ length: 12 }, (_, i) => `CC-${String(i + 1).padStart(5, '0')}`));
  });

  it('lists with filters and cursors', async () => {
    const c = await customer({ name: 'Paged Ltd' });
    for (let i = 0; i < 5; i++)
      await suite.t.call('POST', '/api/v1/invoices', { customerId: c.id, issue: true, issueDate: '2025-04-01', lines: [{ description: `item ${i}`, quantity: 1, unitPrice: 1_000 + i }] });
    const first = (await suite.t.call('GET', `/api/v1/invoices?customerId=${c.id}&limit=3`)).json();
    expect(first.data).toHaveLength(3);
    const second = (await suite.t.call('GET', `/api/v1/invoices?customerId=${c.id}&limit=3&cursor=${first.nextCursor}`)).json();
    expect(second.data).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    const ids = new Set([...first.data, ...second.data].map((i: { id: string }) => i.id));
    expect(ids.size).toBe(5);
    const overdue = (await suite.t.call('GET', `/api/v1/invoices?customerId=${c.id}&overdue=true`)).json();
    expect(overdue.data).toHaveLength(5);
    expect(overdue.data[0].daysOverdue).toBe(45); // due 2025-05-01, today 2025-06-15
    const byStatus = (await suite.t.call('GET', `/api/v1/invoices?customerId=${c.id}&status=paid`)).json();
    expect(byStatus.data).toHaveLength(0);
  });
});

describe('corrections', () => {
  it('credits part of an invoice with a credit note and keeps the excess as credit', async () => {
    const c = await customer({ name: 'Credit Me SA' });
    const inv = (await suite.t.call('POST', '/api/v1/invoices', { customerId: c.id, issue: true, lines: [{ description: 'Goods', quantity: 1, unitPrice: 10_000, taxRateBp: 1900 }] })).json();
    await suite.t.call('POST', '/api/v1/payments', { customerId: c.id, amount: 10_000, currency: 'EUR', receivedOn: '2025-06-14', method: 'bank_transfer' });
    const r = await suite.t.call('POST', `/api/v1/invoices/${inv.id}/credit-notes`, { reason: 'Damaged goods', amount: 5_950 });
    expect(r.statusCode, r.body).toBe(201);
    const { creditNote, invoice } = r.json();
    // 59.50 gross at 19 %: net 50.00, tax 9.50. Balance was 19.00, so 19.00 applies and 40.50 stays as credit.
    expect(creditNote).toMatchObject({ kind: 'credit_note', number: 'CN-00001', total: 5_950, taxTotal: 950, balance: 4_050, status: 'open' });
    expect(invoice).toMatchObject({ status: 'paid', balance: 0, amountCredited: 1_900 });
    const over = await suite.t.call('POST', `/api/v1/invoices/${inv.id}/credit-notes`, { reason: 'Too much', amount: 6_000 });
    expect(over.json().error).toMatchObject({ code: 'CREDIT_EXCEEDS_INVOICE', field: 'amount' });
  });

  it('reverses a bounced payment and reopens the invoice', async () => {
    const c = await customer({ name: 'Bounce Co' });
    const inv = (await suite.t.call('POST', '/api/v1/invoices', { customerId: c.id, issue: true, lines: [{ description: 'x', quantity: 1, unitPrice: 7_000 }] })).json();
    const p = (await suite.t.call('POST', '/api/v1/payments', { customerId: c.id, amount: 7_000, currency: 'EUR', receivedOn: '2025-06-14', method: 'cheque' })).json();
    expect(p.invoices[0].status).toBe('paid');
    const rev = await suite.t.call('POST', `/api/v1/payments/${p.payment.id}/reverse`, { reason: 'Cheque bounced' });
    expect(rev.statusCode, rev.body).toBe(200);
    expect(rev.json().invoices[0]).toMatchObject({ id: inv.id, status: 'open', balance: 7_000 });
    expect((await suite.t.call('POST', `/api/v1/payments/${p.payment.id}/reverse`, { reason: 'again' })).json().error.code).toBe('PAYMENT_ALREADY_REVERSED');
  });

  it('refunds credit, and refuses to refund more than is unallocated', async () => {
    const c = await customer({ name: 'Refund Ltd' });
    const p = (await suite.t.call('POST', '/api/v1/payments', { customerId: c.id, amount: 2_500, currency: 'EUR', receivedOn: '2025-06-14', method: 'bank_transfer' })).json();
    const tooMuch = await suite.t.call('POST', `/api/v1/payments/${p.payment.id}/refunds`, { amount: 2_501, refundedOn: '2025-06-15', method: 'bank_transfer' });
    expect(tooMuch.json().error).toMatchObject({ code: 'REFUND_EXCEEDS_CREDIT', field: 'amount' });
    const ok = await suite.t.call('POST', `/api/v1/payments/${p.payment.id}/refunds`, { amount: 2_000, refundedOn: '2025-06-15', method: 'bank_transfer' });
    expect(ok.json()).toMatchObject({ unallocated: 500, refunded: 2_000 });
  });

  it('voids only invoices without money, writes off and marks uncollectible', async () => {
    const c = await customer({ name: 'Decide GmbH' });
    const a = (await suite.t.call('POST', '/api/v1/invoices', { customerId: c.id, issue: true, lines: [{ description: 'x', quantity: 1, unitPrice: 1_000 }] })).json();
    const b = (await suite.t.call('POST', '/api/v1/invoices', { customerId: c.id, issue: true, lines: [{ description: 'y', quantity: 1, unitPrice: 2_000 }] })).json();
    await suite.t.call('POST', '/api/v1/payments', { customerId: c.id, amount: 500, currency: 'EUR', receivedOn: '2025-06-14', method: 'cash', allocations: [{ invoiceId: b.id, amount: 500 }] });
    expect((await suite.t.call('POST', `/api/v1/invoices/${a.id}/void`, { reason: 'Duplicate' })).json().status).toBe('void');
    expect((await suite.t.call('POST', `/api/v1/invoices/${b.id}/void`, { reason: 'x' })).json().error.code).toBe('INVOICE_HAS_PAYMENTS');
    expect((await suite.t.call('POST', `/api/v1/invoices/${b.id}/mark-uncollectible`, { reason: 'Insolvent' })).json().status).toBe('uncollectible');
    expect((await suite.t.call('POST', `/api/v1/invoices/${b.id}/write-off`, { reason: 'Court ruling' })).json().status).toBe('written_off');
  });
});

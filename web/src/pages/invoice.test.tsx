import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { apiError, renderApp } from '../test/render.tsx';
import { InvoicePage } from './invoice.tsx';

const base = {
  id: 'i1', kind: 'invoice', number: null, series: 'INV', status: 'draft', customerId: 'c1', issueDate: '2025-06-15', dueDate: '2025-07-15', paymentTerms: 'net_30', poNumber: null,
  currency: 'EUR', subtotal: 50_000, discountTotal: 0, taxTotal: 9_500, total: 59_500, amountPaid: 0, amountCredited: 0, balance: 59_500, daysOverdue: 0, notes: null,
  originalInvoiceId: null, statusReason: null, billingContactId: null, createdAt: '2025-06-15T09:00:00Z', lines: [{ id: 'l1', position: 1, description: 'Design sprint', quantity: '1.0000', unitPrice: 50_000, taxRateBp: 1900, discountBp: 0, netAmount: 50_000 }], allocations: [],
};
const contacts = [
  { id: 'k1', name: 'Ana', email: 'ana@alpha.example', phone: null, role: 'primary', preferredChannel: 'email', isPrimary: true },
  { id: 'k2', name: 'Radu', email: 'radu@alpha.example', phone: null, role: 'billing', preferredChannel: 'email', isPrimary: false },
  { id: 'k3', name: 'Paul', email: null, phone: '+40721000000', role: 'other', preferredChannel: 'sms', isPrimary: false },
];
const customer = { id: 'c1', name: 'Alpha SRL', currency: 'EUR', creditLimit: 100_000, paymentTerms: 'net_30', contacts, credit: [] };
const overview = { id: 'c1', name: 'Alpha SRL', currency: 'EUR', creditLimit: 100_000, balances: [{ currency: 'EUR', balance: 60_000, overdue: 0 }], risk: { level: 'low', score: 0, reasons: [] }, work: {} };

function api(invoice: Record<string, unknown>) {
  return {
    'GET /api/v1/invoices/i1': () => invoice,
    'GET /api/v1/customers/c1': () => customer,
    'GET /api/v1/insight/customers/c1': () => overview,
    'GET /api/v1/insight/predictions': () => ({ asOf: '2025-06-15', data: [] }),
    'GET /api/v1/invoices/i1/dunning': () => ({ today: '2025-06-15', policy: null, excludedBy: null, settings: { paused: false, excluded: false, policyId: null }, state: null, past: [], upcoming: [] }),
    'POST /api/v1/invoices/i1/issue': () => ({ ...invoice, status: 'open', number: 'INV-00001' }),
    'POST /api/v1/payments': () => ({}),
    'POST /api/v1/invoices/i1/send': (body: unknown) => {
      const contact = customer.contacts.find((c) => c.id === (body as { contactId: string }).contactId)!;
      return { id: 'm1', kind: 'invoice', channel: 'email', recipient: contact.email, contactId: contact.id, subject: 'Invoice INV-00007', status: 'pending', idempotencyKey: 'k', createdAt: '2025-06-15T09:00:00Z', repeated: false };
    },
  };
}

describe('an invoice', () => {
  it('warns before issuing beyond the credit limit, then issues', async () => {
    const { calls } = renderApp(<InvoicePage />, { path: '/invoices/i1', route: '/invoices/:id', api: api(base) });
    const warning = await screen.findByRole('alert');
    expect(warning.textContent).toBe('Issuing this brings Alpha SRL to €1,195.00, above the credit limit of €1,000.00.');
    fireEvent.click(screen.getByRole('button', { name: 'Issue invoice' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === '/api/v1/invoices/i1/issue')).toBe(true));
  });

  it('records a payment on an open invoice, applied to it', async () => {
    const open = { ...base, status: 'open', number: 'INV-00007', daysOverdue: 3 };
    const { calls } = renderApp(<InvoicePage />, { path: '/invoices/i1', route: '/invoices/:id', api: api(open) });
    expect((await screen.findByText('Invoice INV-00007')).tagName).toBe('H1');
    expect(screen.getByText('3 days overdue')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Issue invoice' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Record payment' }));
    const amount = screen.getByLabelText('Amount received (EUR)') as HTMLInputElement;
    expect(amount.value).toBe('595.00');
    fireEvent.change(amount, { target: { value: '600' } });
    fireEvent.change(screen.getByLabelText('Received on'), { target: { value: '2025-06-14' } });
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'Record payment' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST' && c.path === '/api/v1/payments')).toBe(true));
    expect(calls.find((c) => c.path === '/api/v1/payments')!.body).toEqual({
      customerId: 'c1', amount: 60_000, currency: 'EUR', receivedOn: '2025-06-14', method: 'bank_transfer', allocations: [{ invoiceId: 'i1', amount: 59_500 }],
    });
  });

  it('sends an issued invoice to the contact chosen, once per opening of the dialog, and says where it went', async () => {
    const open = { ...base, status: 'open', number: 'INV-00007', billingContactId: 'k2' };
    const { calls } = renderApp(<InvoicePage />, { path: '/invoices/i1', route: '/invoices/:id', api: api(open) });
    fireEvent.click(await screen.findByRole('button', { name: 'Send' }));
    const dialog = await screen.findByRole('dialog', { name: 'Send invoice INV-00007' });
    const to = within(dialog).getByLabelText('Send to') as HTMLSelectElement;
    expect(to.value).toBe('k2');
    expect([...to.options].map((o) => o.textContent)).toEqual(['Ana <ana@alpha.example>', 'Radu <radu@alpha.example>']);
    fireEvent.change(to, { target: { value: 'k1' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Send invoice' }));
    expect((await screen.findByRole('status')).textContent).toBe('Invoice INV-00007 queued to ana@alpha.example.');
    expect(screen.queryByRole('dialog')).toBeNull();
    const sends = calls.filter((c) => c.method === 'POST' && c.path === '/api/v1/invoices/i1/send');
    expect(sends.map((c) => c.body)).toEqual([{ contactId: 'k1' }]);
    expect(sends[0]!.headers['idempotency-key']).toMatch(/^[0-9a-f]{32}$/);
  });

  it('offers Send only on an issued invoice that is owed, to those who may change invoices', async () => {
    renderApp(<InvoicePage />, { path: '/invoices/i1', route: '/invoices/:id', api: api(base) });
    await screen.findByRole('button', { name: 'Issue invoice' });
    expect(screen.queryByRole('button', { name: 'Send' })).toBeNull();
    cleanup();
    renderApp(<InvoicePage />, { path: '/invoices/i1', route: '/invoices/:id', api: api({ ...base, status: 'open', number: 'INV-00007' }), role: 'collector' });
    await screen.findByText('Invoice INV-00007');
    expect(screen.queryByRole('button', { name: 'Send' })).toBeNull();
  });
});

describe('the e-invoice download', () => {
  const open = { ...base, status: 'open', number: 'INV-00007' };
  const xml = (profile: string) => new Response(`<Invoice profile="${profile}"/>`, { status: 200, headers: { 'content-type': 'application/xml', 'content-disposition': 'attachment; filename="INV-00007.xml"' } });

  it('downloads Peppol BIS by default, as the server does, and CIUS-RO when chosen, under the server’s file name', async () => {
    const saved: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    const { calls } = renderApp(<InvoicePage />, { path: '/invoices/i1', route: '/invoices/:id', api: { ...api(open), 'GET /api/v1/invoices/i1/ubl': (_body, url) => xml(url.searchParams.get('profile') ?? '') } });
    const profile = (await screen.findByLabelText('E-invoice profile')) as HTMLSelectElement;
    expect([...profile.options].map((o) => [o.value, o.text])).toEqual([['peppol', 'Peppol BIS Billing 3.0'], ['cius-ro', 'CIUS-RO (Romania, e-Factura)']]);
    expect(profile.value).toBe('peppol');
    fireEvent.click(screen.getByRole('button', { name: 'E-invoice (UBL)' }));
    await waitFor(() => expect(saved).toEqual(['INV-00007.xml']));
    fireEvent.change(profile, { target: { value: 'cius-ro' } });
    fireEvent.click(screen.getByRole('button', { name: 'E-invoice (UBL)' }));
    await waitFor(() => expect(saved).toHaveLength(2));
    const fetched = (vi.mocked(fetch).mock.calls as [string][]).map(([url]) => url).filter((u) => u.includes('/ubl'));
    expect(fetched).toEqual(['/api/v1/invoices/i1/ubl?profile=peppol', '/api/v1/invoices/i1/ubl?profile=cius-ro']);
    expect(calls.filter((c) => c.path.endsWith('/ubl')).every((c) => c.method === 'GET')).toBe(true);
    expect(screen.queryByRole('alert')).toBeNull();
    click.mockRestore();
  });

  it('shows a refusal in the page, with the way to the setting it names, and saves no file', async () => {
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click');
    const refusals: Record<string, Response> = {
      peppol: apiError(422, 'ELECTRONIC_ADDRESS_REQUIRED', "A Peppol e-invoice needs the buyer's electronic address (Peppol participant identifier)", 'customer.electronicAddress'),
      'cius-ro': apiError(422, 'VAT_IN_RON_REQUIRED', 'CIUS-RO needs the VAT of a EUR invoice in RON as well', 'currency'),
    };
    renderApp(<InvoicePage />, { path: '/invoices/i1', route: '/invoices/:id', api: { ...api(open), 'GET /api/v1/invoices/i1/ubl': (_body, url) => refusals[url.searchParams.get('profile')!]! } });
    fireEvent.click(await screen.findByRole('button', { name: 'E-invoice (UBL)' }));
    expect((await screen.findByRole('alert')).textContent).toContain("A Peppol e-invoice needs the buyer's electronic address");
    expect(screen.getByRole('link', { name: 'Complete the customer’s details' }).getAttribute('href')).toBe('/customers/c1');
    fireEvent.change(screen.getByLabelText('E-invoice profile'), { target: { value: 'cius-ro' } });
    fireEvent.click(screen.getByRole('button', { name: 'E-invoice (UBL)' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('CIUS-RO needs the VAT of a EUR invoice in RON'));
    expect(screen.queryByRole('link', { name: 'Complete the customer’s details' })).toBeNull();
    expect(click).not.toHaveBeenCalled();
    click.mockRestore();
  });

  it('names the profiles in the team’s language', async () => {
    renderApp(<InvoicePage />, { path: '/invoices/i1', route: '/invoices/:id', api: api(open), locale: 'ro' });
    const profile = (await screen.findByLabelText('Profil factură electronică')) as HTMLSelectElement;
    expect([...profile.options].map((o) => o.text)).toEqual(['Peppol BIS Billing 3.0', 'CIUS-RO (România, e-Factura)']);
    expect(screen.getByRole('button', { name: 'Factură electronică (UBL)' })).toBeTruthy();
  });
});

import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, errorOf, renderApp } from '../test/render.tsx';
import { CustomerPage } from './customer.tsx';

const invoice = (id: string, number: string, balance: number, daysOverdue: number) => ({
  id, kind: 'invoice', number, series: 'INV', status: 'open', customerId: 'c1', issueDate: '2025-05-01', dueDate: '2025-05-31', paymentTerms: 'net_30', poNumber: null, currency: 'EUR',
  subtotal: balance, discountTotal: 0, taxTotal: 0, total: balance, amountPaid: 0, amountCredited: 0, balance, daysOverdue, notes: null, originalInvoiceId: null, statusReason: null, billingContactId: null, createdAt: '2025-05-01T09:00:00Z',
});
const invoices = [invoice('i1', 'INV-00001', 40_000, 16), invoice('i2', 'INV-00002', 6_000, 7), invoice('i3', 'INV-00003', 7_000, 0)];
const overview = { id: 'c1', name: 'Sao Mai SRL', currency: 'EUR', status: 'active', creditLimit: null, tags: [], balances: [{ currency: 'EUR', balance: 53_000, overdue: 46_000 }], behaviour: null, risk: { level: 'high', score: 60, reasons: [] }, effectiveRisk: { level: 'high', source: 'manual', manualLevel: 'high', computed: { level: 'medium', score: 40, reasons: [{ code: 'SHARE_PAID_LATE', value: 5_000, points: 13 }], computedAt: '2025-06-15T01:30:00Z' } }, work: {} };
const handoff = {
  id: 'h1', customerId: 'c1', invoiceIds: ['i1'], agency: 'Recuperări SA', note: 'Call after 10.', createdBy: { type: 'user', id: 'u1' }, createdAt: '2025-06-16T06:30:00Z',
  invoices: [{ id: 'i1', number: 'INV-00001', currency: 'EUR', issueDate: '2025-05-01', dueDate: '2025-05-31', daysOverdue: 16, total: 40_000, balance: 40_000 }],
  pack: { fileName: 'Sao-Mai-SRL-collections-2025-06-16.zip', sha256: 'ab'.repeat(32), size: 54_321, url: '/api/v1/collection-handoffs/h1/pack.zip' },
};

/** The API of one customer, before and after the hand-off the test makes. */
function api() {
  let handedOver = false;
  return {
    'GET /api/v1/customers/c1': () => ({ id: 'c1', name: 'Sao Mai SRL', externalRef: 'C-042', legalName: null, taxId: null, electronicAddress: null, currency: 'EUR', paymentTerms: 'net_30', creditLimit: null, status: handedOver ? 'in_collections' : 'active', contacts: [], credit: [] }),
    'GET /api/v1/insight/customers/c1': () => overview,
    'GET /api/v1/invoices': () => ({ data: invoices, nextCursor: null }),
    'GET /api/v1/insight/predictions': () => ({ asOf: '2025-06-16', data: [] }),
    'GET /api/v1/insight/customers/c1/timeline': () => ({
      data: handedOver ? [{ kind: 'event', id: 'e1', at: '2025-06-16T06:30:00.000000Z', entityType: 'customer', entityId: 'c1', action: 'collections.handed_over', actorType: 'user', actorName: 'Ana', before: null, after: { agency: 'Recuperări SA', note: 'Call after 10.', invoices: [{ number: 'INV-00001' }] }, invoiceNumber: null, currency: null, channel: null, status: null, subject: null, body: null, recipient: null, views: null }] : [],
      nextCursor: null,
    }),
    'GET /api/v1/customers/c1/collections-handoffs': () => ({ data: handedOver ? [handoff] : [], nextCursor: null }),
    'GET /api/v1/customers/c1/dunning': () => ({ policyId: null, excluded: false, collectorId: null, riskLevel: null }),
    'GET /api/v1/dunning/policies': () => ({ data: [{ id: 'default', name: 'Standard reminders', builtIn: true, isDefault: true, steps: [] }] }),
    'GET /api/v1/dunning/settings': () => ({ defaultPolicyId: 'default', excluded: false }),
    'GET /api/v1/users': () => ({ data: [] }),
    'POST /api/v1/customers/c1/collections-handoff': () => {
      handedOver = true;
      return { ...handoff, remindersCancelled: 2 };
    },
  };
}

describe('handing a customer over to a collection agency', () => {
  it('preselects every overdue invoice, sends the ones kept with the agency and the note, then shows the status, the pack and the timeline entry', async () => {
    const { calls } = renderApp(<CustomerPage />, { path: '/customers/c1', route: '/customers/:id', api: api() });
    fireEvent.click(await screen.findByRole('button', { name: 'Hand over to an agency' }));
    const dialog = screen.getByRole('dialog');
    const boxes = within(within(dialog).getByRole('group', { name: 'Overdue invoices to hand over' })).getAllByRole('checkbox') as HTMLInputElement[];
    // The invoice not yet overdue is not offered.
    expect(boxes.map((b) => [b.parentElement!.textContent, b.checked])).toEqual([
      ['INV-00001 · €400.00 · 16 days overdue', true],
      ['INV-00002 · €60.00 · 7 days overdue', true],
    ]);
    fireEvent.click(boxes[1]!);
    fireEvent.change(within(dialog).getByLabelText('Agency'), { target: { value: ' Recuperări SA ' } });
    fireEvent.change(within(dialog).getByLabelText('Note for the agency'), { target: { value: 'Call after 10.' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Hand over' }));

    const done = await screen.findByText('1 invoice handed over.');
    expect(calls.find((c) => c.method === 'POST')).toMatchObject({ path: '/api/v1/customers/c1/collections-handoff', body: { invoiceIds: ['i1'], agency: 'Recuperări SA', note: 'Call after 10.' } });
    expect(within(done.closest('[role="status"]') as HTMLElement).getByRole('link', { name: 'Download the pack (ZIP)' }).getAttribute('href')).toBe('/api/v1/collection-handoffs/h1/pack.zip');
    expect(await screen.findByText('In collections')).toBeTruthy();
    expect(await screen.findByText('Handed over to a collection agency')).toBeTruthy();
    expect(screen.getByText('With a collection agency')).toBeTruthy();
    expect(screen.getByText('Reminders follow “Standard reminders”, decided by the organization’s default.')).toBeTruthy();
    // INV-00001 is with the agency now: only INV-00002 is left to hand over.
    fireEvent.click(screen.getByRole('button', { name: 'Hand over to an agency' }));
    expect(within(screen.getByRole('dialog')).getAllByRole('checkbox').map((b) => b.parentElement!.textContent)).toEqual(['INV-00002 · €60.00 · 7 days overdue']);
  });

  it('will not hand over nothing, and offers a viewer no button', async () => {
    const { calls, unmount } = renderApp(<CustomerPage />, { path: '/customers/c1', route: '/customers/:id', api: api() });
    fireEvent.click(await screen.findByRole('button', { name: 'Hand over to an agency' }));
    const dialog = screen.getByRole('dialog');
    for (const box of within(dialog).getAllByRole('checkbox')) fireEvent.click(box);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Hand over' }));
    expect(await within(dialog).findByText('Choose at least one invoice.')).toBeTruthy();
    expect(calls.some((c) => c.method === 'POST')).toBe(false);
    unmount();
    cleanup();
    renderApp(<CustomerPage />, { path: '/customers/c1', route: '/customers/:id', api: api(), role: 'viewer' });
    await screen.findByText('Sao Mai SRL');
    await waitFor(() => expect(screen.getByText('INV-00001')).toBeTruthy());
    expect(screen.queryByRole('button', { name: 'Hand over to an agency' })).toBeNull();
  });
});

/** The customer API with an e-invoicing address; a GLN with a wrong check digit is refused at its field, as the server does. */
function eInvoicingApi() {
  let address: { scheme: string; value: string } | null = { scheme: '9947', value: 'RO12345674' };
  const base = api();
  return {
    ...base,
    'GET /api/v1/customers/c1': () => ({ ...(base['GET /api/v1/customers/c1']() as object), electronicAddress: address }),
    'PATCH /api/v1/customers/c1': (body: unknown) => {
      const patch = body as { electronicAddress: { scheme: string; value: string } | null };
      if (patch.electronicAddress?.value === '5790000435976') return apiError(400, 'INVALID_ELECTRONIC_ADDRESS', 'Not a valid identifier for scheme 0088 (check the digits)', 'electronicAddress.value');
      address = patch.electronicAddress;
      return { id: 'c1', electronicAddress: address };
    },
  };
}

async function eInvoicingCard() {
  const heading = await screen.findByRole('heading', { name: 'E-invoicing address' });
  return within(heading.closest('form')!);
}

describe('the customer’s e-invoicing address', () => {
  it('shows the saved address, refuses a wrong check digit at the identifier, saves a corrected one and removes it', async () => {
    const { calls } = renderApp(<CustomerPage />, { path: '/customers/c1', route: '/customers/:id', api: eInvoicingApi() });
    const card = await eInvoicingCard();
    const scheme = card.getByLabelText('Scheme (EAS)') as HTMLSelectElement;
    const identifier = card.getByLabelText('Identifier') as HTMLInputElement;
    expect([scheme.value, identifier.value]).toEqual(['9947', 'RO12345674']);
    expect((card.getByRole('button', { name: 'Save' }) as HTMLButtonElement).disabled).toBe(true);

    fireEvent.change(scheme, { target: { value: '0088' } });
    fireEvent.change(identifier, { target: { value: ' 5790000435976 ' } });
    fireEvent.click(card.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(errorOf(identifier)).toBe('Not a valid identifier for scheme 0088 (check the digits)'));

    fireEvent.change(identifier, { target: { value: '5790000435975' } });
    fireEvent.click(card.getByRole('button', { name: 'Save' }));
    expect(await card.findByText('Saved.')).toBeTruthy();
    expect(errorOf(identifier)).toBeNull();

    fireEvent.change(scheme, { target: { value: '' } });
    expect(identifier.disabled).toBe(true);
    fireEvent.click(card.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(calls.filter((c) => c.method === 'PATCH')).toHaveLength(3));
    expect(calls.filter((c) => c.method === 'PATCH').map((c) => [c.path, c.body])).toEqual([
      ['/api/v1/customers/c1', { electronicAddress: { scheme: '0088', value: '5790000435976' } }],
      ['/api/v1/customers/c1', { electronicAddress: { scheme: '0088', value: '5790000435975' } }],
      ['/api/v1/customers/c1', { electronicAddress: null }],
    ]);
  });

  it('is read-only for a viewer, here in Romanian', async () => {
    renderApp(<CustomerPage />, { path: '/customers/c1', route: '/customers/:id', api: eInvoicingApi(), role: 'viewer', locale: 'ro' });
    const heading = await screen.findByRole('heading', { name: 'Adresă pentru facturi electronice' });
    const card = within(heading.closest('form')!);
    expect(card.getByText(/^Identificatorul Peppol al clientului/)).toBeTruthy();
    expect((card.getByLabelText('Schemă (EAS)') as HTMLSelectElement).disabled).toBe(true);
    expect(card.queryByRole('button', { name: 'Salvează' })).toBeNull();
  });
});

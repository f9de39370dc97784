import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../test/render.tsx';
import { InvoiceEditorPage } from './invoice-editor.tsx';

const line = (id: string, extra: Record<string, unknown>) => ({ id, position: 1, quantity: '1.0000', unitPrice: 100_000, discountBp: 0, netAmount: 100_000, taxExemptionCode: null, taxExemptionReason: null, ...extra });

const DRAFT = {
  id: 'i1',
  kind: 'invoice',
  status: 'draft',
  number: null,
  customerId: 'c1',
  currency: 'EUR',
  issueDate: '2025-06-10',
  dueDate: '2025-07-10',
  poNumber: null,
  notes: null,
  total: 319_000,
  lines: [
    line('l1', { description: 'Consultanță', taxRateBp: 0, taxCategory: 'AE', taxExemptionCode: 'VATEX-EU-AE', taxExemptionReason: 'Art. 196 Directive 2006/112/EC' }),
    line('l2', { description: 'Pâine', taxRateBp: 1900, taxCategory: 'S' }),
  ],
};

function editorApi() {
  return {
    'GET /api/v1/invoices/i1': () => DRAFT,
    'GET /api/v1/customers': () => ({ data: [] }),
    'PATCH /api/v1/invoices/i1': () => DRAFT,
  };
}

const linesSent = (calls: { method: string; body: unknown }[]) => (calls.find((c) => c.method === 'PATCH')!.body as { lines: Record<string, unknown>[] }).lines;

describe('Invoice editor → VAT category of a line', () => {
  it('keeps a reverse-charge line as it was, with its reason and VATEX code, and a taxed line as its rate says', async () => {
    const { calls } = renderApp(<InvoiceEditorPage />, { path: '/invoices/i1/edit', route: '/invoices/:id/edit', api: editorApi() });
    // The draft's lines replace the blank one once loaded.
    await waitFor(() => expect((screen.getByLabelText('VAT category 1') as HTMLSelectElement).value).toBe('AE'));
    expect((screen.getByLabelText('Tax % 1') as HTMLInputElement).disabled).toBe(true);
    expect((screen.getByLabelText('Why no VAT (legal reason) 1') as HTMLInputElement).value).toBe('Art. 196 Directive 2006/112/EC');
    expect((screen.getByLabelText('VAT category 2') as HTMLSelectElement).value).toBe('');
    fireEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    const [reverse, taxed] = linesSent(calls);
    expect(reverse).toMatchObject({ taxRateBp: 0, taxCategory: 'AE', taxExemptionCode: 'VATEX-EU-AE', taxExemptionReason: 'Art. 196 Directive 2006/112/EC' });
    expect(taxed).toMatchObject({ taxRateBp: 1900 });
    expect(taxed).not.toHaveProperty('taxCategory');
  });

  it('makes a line exempt: rate 0, the reason asked for, the old code dropped', async () => {
    const { calls } = renderApp(<InvoiceEditorPage />, { path: '/invoices/i1/edit', route: '/invoices/:id/edit', api: editorApi() });
    const category = (await screen.findByLabelText('VAT category 2')) as HTMLSelectElement;
    await waitFor(() => expect((screen.getByLabelText('VAT category 1') as HTMLSelectElement).value).toBe('AE'));
    fireEvent.change(category, { target: { value: 'E' } });
    expect((screen.getByLabelText('Tax % 2') as HTMLInputElement).value).toBe('0');
    fireEvent.change(screen.getByLabelText('Why no VAT (legal reason) 2'), { target: { value: 'Art. 292 alin. (2) lit. a) Cod fiscal' } });
    fireEvent.change(screen.getByLabelText('VAT category 1'), { target: { value: 'K' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save draft' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    const [supply, exempt] = linesSent(calls);
    expect(supply).toMatchObject({ taxCategory: 'K', taxRateBp: 0 });
    expect(supply).not.toHaveProperty('taxExemptionCode');
    expect(exempt).toMatchObject({ taxCategory: 'E', taxRateBp: 0, taxExemptionReason: 'Art. 292 alin. (2) lit. a) Cod fiscal' });
  });
});

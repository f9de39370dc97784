import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderApp } from '../test/render.tsx';
import { WorklistPage } from './worklist.tsx';

const task = {
  id: 't1',
  customerId: 'c1',
  kind: 'call',
  title: 'Call Warsaw Foods about an overdue invoice',
  invoiceIds: ['i1'],
  phone: '+48501234567',
  contactName: 'Piotr Nowak',
  dueOn: '2025-06-15',
  reason: 'DUNNING_STEP',
  amountAtRisk: 271_584,
  daysOverdue: 24,
  details: { totals: [{ currency: 'EUR', amountMinor: 271_584 }] },
};
const invoice = { id: 'i1', currency: 'EUR', balance: 271_584, number: 'INV-00042' };

const api = () => ({
  'GET /api/v1/tasks': () => ({ data: [task] }),
  'GET /api/v1/insight/customers': () => ({ asOf: '2025-06-15', data: [{ id: 'c1', name: 'Warsaw Foods', currency: 'EUR', balances: [], risk: { level: 'high', score: 60, reasons: [] }, work: {} }] }),
  'GET /api/v1/invoices/i1': () => invoice,
  'POST /api/v1/tasks/t1/complete': () => ({ task: { ...task, status: 'done' }, created: {} }),
});


describe('the collector’s worklist', () => {
  it('logs a reached call with its reason in two clicks, sending the CSRF token', async () => {
    const { calls } = renderApp(<WorklistPage />, { api: api() });
    expect(await screen.findByText('Warsaw Foods')).toBeTruthy();
    expect(screen.getByText('€2,715.84')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Reached' }));
    fireEvent.click(screen.getByRole('button', { name: 'Cash-flow trouble' }));
    await screen.findByRole('status');
    const done = calls.find((c) => c.method === 'POST');
    expect(done).toMatchObject({ path: '/api/v1/tasks/t1/complete', body: { outcome: 'reached', reasonCode: 'cash_flow' } });
    expect(done!.headers['x-csrf-token']).toBe('csrf-123');
  });

  it('records the promise heard on the call, for the invoice’s balance by default', async () => {
    const { calls } = renderApp(<WorklistPage />, { api: api() });
    fireEvent.click(await screen.findByRole('button', { name: 'Reached' }));
    fireEvent.click(screen.getByLabelText('Promised to pay'));
    await waitFor(() => expect((screen.getByLabelText('Amount (EUR)') as HTMLInputElement).value).toBe('2715.84'));
    fireEvent.change(screen.getByLabelText('By'), { target: { value: '2030-01-10' } });
    fireEvent.click(screen.getByRole('button', { name: 'Payment in process' }));
    await screen.findByRole('status');
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({
      outcome: 'reached',
      reasonCode: 'payment_in_process',
      promise: { invoiceId: 'i1', promisedDate: '2030-01-10', amount: 271_584, promisedBy: 'Piotr Nowak', channel: 'phone' },
    });
  });

  it('records a payment plan agreed on the call', async () => {
    const { calls } = renderApp(<WorklistPage />, { api: api() });
    fireEvent.click(await screen.findByRole('button', { name: 'Reached' }));
    fireEvent.click(screen.getByLabelText('Agreed a payment plan'));
    fireEvent.change(screen.getByLabelText('Monthly installments'), { target: { value: '4' } });
    fireEvent.change(screen.getByLabelText('First due'), { target: { value: '2030-02-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Cash-flow trouble' }));
    await screen.findByRole('status');
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ outcome: 'reached', reasonCode: 'cash_flow', paymentPlan: { invoiceId: 'i1', firstDueDate: '2030-02-01', count: 4 } });
  });

  it('logs an unanswered call in one click, and hides the buttons from a viewer', async () => {
    const { calls, unmount } = renderApp(<WorklistPage />, { api: api() });
    fireEvent.click(await screen.findByRole('button', { name: 'No answer' }));
    await screen.findByRole('status');
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ outcome: 'no_answer' });
    unmount();
    vi.unstubAllGlobals();
    renderApp(<WorklistPage />, { api: api(), role: 'viewer' });
    await screen.findByText('Warsaw Foods');
    expect(screen.queryByRole('button', { name: 'Reached' })).toBeNull();
  });
});

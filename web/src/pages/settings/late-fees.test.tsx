import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, errorOf, renderApp } from '../../test/render.tsx';
import { LateFees } from './late-fees.tsx';

const STATUTORY = {
  charge: { kind: 'statutory_interest', jurisdiction: 'DE', dayCount: 'actual/360' },
  compensation: { kind: 'fixed', amount: { amount: 4_000, currency: 'EUR' } },
  graceDays: 5,
  minimumOverdue: { EUR: 10_000 },
  caps: { absolute: {}, percentOfInvoiceBp: 2_500 },
  chargeMode: 'once',
};

/** The organization's late-fee policy; an empty one is refused as the domain refuses it. */
function feesApi(initial: unknown = null) {
  let policy = initial;
  return {
    'GET /api/v1/late-fee-policies': () => ({ organization: policy ? { customerId: null, policy, updatedAt: '2025-06-01T08:00:00Z' } : null, customers: [{ customerId: 'c1' }] }),
    'PUT /api/v1/late-fee-policies/organization': (body: unknown) => {
      const p = body as { charge: unknown; compensation: unknown };
      if (p.charge === null && p.compensation === null) return apiError(422, 'POLICY_EMPTY', 'A late-fee policy needs a charge, a compensation or both', 'charge');
      policy = body;
      return { customerId: null, policy, updatedAt: '2025-06-02T08:00:00Z' };
    },
    'DELETE /api/v1/late-fee-policies/organization': () => {
      const gone = policy;
      policy = null;
      return { customerId: null, policy: gone, updatedAt: '2025-06-02T08:00:00Z' };
    },
  };
}

const puts = (calls: { method: string; body: unknown }[]) => calls.filter((c) => c.method === 'PUT');

describe('Settings → Late fees and interest', () => {
  it('shows the server’s refusal of an empty policy at the charge, then saves a percentage typed with a comma', async () => {
    const { calls } = renderApp(<LateFees />, { api: feesApi() });
    const charge = await screen.findByLabelText('Charge');
    expect(screen.getByText('1 customer has its own policy, which comes before this one.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(errorOf(charge)).toBe('A late-fee policy needs a charge, a compensation or both'));

    fireEvent.change(charge, { target: { value: 'percent' } });
    expect(errorOf(charge)).toBeNull();
    fireEvent.change(screen.getByLabelText('Percentage (%)'), { target: { value: '1,5' } });
    fireEvent.change(screen.getByLabelText('Grace period (days)'), { target: { value: '10' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(puts(calls).at(-1)!.body).toEqual({
      charge: { kind: 'percent', rateBp: 150 },
      compensation: null,
      graceDays: 10,
      minimumOverdue: {},
      caps: { absolute: {}, percentOfInvoiceBp: null },
      chargeMode: 'once',
    });
  });

  it('says in the browser what it can check itself, at the field or the currency row concerned, before sending anything', async () => {
    const { calls } = renderApp(<LateFees />, { api: feesApi() });
    fireEvent.change(await screen.findByLabelText('Charge'), { target: { value: 'interest' } });
    const rate = screen.getByLabelText('Annual rate (%)');
    fireEvent.change(rate, { target: { value: '9.125' } });
    const grace = screen.getByLabelText('Grace period (days)');
    fireEvent.change(grace, { target: { value: '400' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(errorOf(rate)).toBe('Write a percentage such as 8.5 (at most two decimals).');
    expect(errorOf(grace)).toBe('Whole days from 0 to 365.');
    expect(puts(calls)).toEqual([]);

    fireEvent.change(rate, { target: { value: '9.12' } });
    fireEvent.change(grace, { target: { value: '0' } });
    const minimum = screen.getByRole('group', { name: 'Only when at least this much is overdue' });
    fireEvent.click(within(minimum).getByRole('button', { name: 'Add currency' }));
    fireEvent.change(within(minimum).getByLabelText('Currency 1'), { target: { value: 'xyz' } });
    fireEvent.change(within(minimum).getByLabelText('Amount 1'), { target: { value: '50' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    // XYZ has no minor-unit digits to read the amount by, so the browser already knows.
    expect(within(minimum).getByText('Not an amount in this currency')).toBeTruthy();

    fireEvent.change(within(minimum).getByLabelText('Currency 1'), { target: { value: 'EUR' } });
    fireEvent.click(within(minimum).getByRole('button', { name: 'Add currency' }));
    fireEvent.change(within(minimum).getByLabelText('Currency 2'), { target: { value: 'RON' } });
    fireEvent.change(within(minimum).getByLabelText('Amount 2'), { target: { value: '250' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved.')).toBeTruthy();
    expect(puts(calls).at(-1)!.body).toMatchObject({ charge: { kind: 'interest', annualRateBp: 912, dayCount: 'actual/365' }, minimumOverdue: { EUR: 5_000, RON: 25_000 } });
  });

  it('shows a saved statutory policy as it is, and removes it', async () => {
    const { calls } = renderApp(<LateFees />, { api: feesApi(STATUTORY) });
    expect(((await screen.findByLabelText('Charge')) as HTMLSelectElement).value).toBe('statutory_interest');
    expect((screen.getByLabelText('Law') as HTMLSelectElement).selectedOptions[0]!.textContent).toBe('Germany: base rate + 9 points');
    expect((screen.getByLabelText('Day count') as HTMLSelectElement).value).toBe('actual/360');
    expect((screen.getByLabelText('Compensation amount') as HTMLInputElement).value).toBe('40.00');
    expect((screen.getByLabelText('Cap (% of the invoice)') as HTMLInputElement).value).toBe('25');
    expect((within(screen.getByRole('group', { name: 'Only when at least this much is overdue' })).getByLabelText('Amount 1') as HTMLInputElement).value).toBe('100.00');

    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await screen.findByText('Saved.');
    // Saved unchanged, it is the same policy.
    expect(puts(calls)[0]!.body).toEqual(STATUTORY);

    fireEvent.click(screen.getByRole('button', { name: 'Remove late fees' }));
    await waitFor(() => expect((screen.getByLabelText('Charge') as HTMLSelectElement).value).toBe('none'));
    expect(screen.queryByRole('button', { name: 'Remove late fees' })).toBeNull();
  });

  it('shows an accountant the policy without letting them change it', async () => {
    renderApp(<LateFees />, { api: feesApi(STATUTORY), role: 'accountant' });
    expect(((await screen.findByLabelText('Charge')) as HTMLSelectElement).disabled).toBe(true);
    expect((screen.getByLabelText('Grace period (days)') as HTMLInputElement).disabled).toBe(true);
    expect(screen.queryAllByRole('button')).toEqual([]);
  });
});

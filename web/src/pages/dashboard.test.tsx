import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../test/render.tsx';
import { DashboardPage } from './dashboard.tsx';

const dso = { asOf: '2025-06-15', method: 'countback', receivables: 9_000_000, currentReceivables: 5_000_000, dsoTenths: 580, bestPossibleTenths: 150, averageDaysDelinquentTenths: 430 };
const summary = {
  asOf: '2025-06-15',
  collections: { promisesDueToday: 2, brokenPromises: 1, openDisputes: 3 },
  currencies: [
    { currency: 'EUR', receivables: 9_000_000, overdue: 4_000_000, dso, collectedThisMonth: 1_234_567, paymentsThisMonth: 4 },
    { currency: 'RON', receivables: 50_000, overdue: 0, dso: null, collectedThisMonth: 0, paymentsThisMonth: 0 },
  ],
};
const aging = {
  asOf: '2025-06-15',
  currencies: [
    {
      currency: 'EUR',
      buckets: [{ key: 'current', fromDay: null, toDay: 0 }, { key: '1-30', fromDay: 1, toDay: 30 }, { key: '31+', fromDay: 31, toDay: null }],
      bucketTotals: [5_000_000, 3_000_000, 1_000_000],
      total: 9_000_000,
      customers: [
        { customerId: 'c1', customerName: 'Beta GmbH', amounts: [5_000_000, 0, 1_000_000], total: 6_000_000 },
        { customerId: 'c2', customerName: 'Alpha SRL', amounts: [0, 3_000_000, 0], total: 3_000_000 },
      ],
    },
  ],
};


describe('the dashboard', () => {
  it('shows the API’s figures for the base currency, formatted for the chosen language', async () => {
    renderApp(<DashboardPage />, {
      locale: 'ro',
      api: {
        'GET /api/v1/insight/summary': () => summary,
        'GET /api/v1/insight/aging': () => aging,
        'GET /api/v1/insight/dso': () => ({ asOf: '2025-06-15', method: 'countback', currencies: [] }),
        'GET /api/v1/insight/forecast': () => ({ asOf: '2025-06-15', currencies: [] }),
      },
    });
    const figures = await screen.findByRole('region', { name: 'Panou' });
    const text = figures.textContent!.replace(/[\u00a0\u202f]/g, ' ');
    expect(text).toContain('Total de încasat90.000,00 EUR');
    expect(text).toContain('Restant40.000,00 EUR');
    expect(text).toContain('44,4 % din creanțe');
    expect(text).toContain('58,0 zile');
    expect(text).toContain('12.345,67 EUR');
    expect(text).toContain('4 plăți');
    const collections = screen.getByRole('region', { name: 'Sarcini' });
    expect(collections.textContent).toContain('Promisiuni scadente azi2');
    expect(collections.textContent).toContain('Dispute deschise3');
    // Largest overdue first, without the not-yet-due money.
    const rows = within(screen.getByRole('table')).getAllByRole('row').map((r) => r.textContent!.replace(/[\u00a0\u202f]/g, ' '));
    expect(rows).toEqual(['Alpha SRL30.000,00 EUR', 'Beta GmbH10.000,00 EUR']);
    // One currency at a time, never added together.
    expect(screen.getByRole('button', { name: 'RON' }).getAttribute('aria-pressed')).toBe('false');
    expect(screen.getByRole('button', { name: 'EUR' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('invites a first invoice when there are no figures yet', async () => {
    renderApp(<DashboardPage />, {
      api: {
        'GET /api/v1/insight/summary': () => ({ ...summary, currencies: [] }),
        'GET /api/v1/insight/aging': () => ({ asOf: '2025-06-15', currencies: [] }),
        'GET /api/v1/insight/dso': () => ({ asOf: '2025-06-15', method: 'countback', currencies: [] }),
        'GET /api/v1/insight/forecast': () => ({ asOf: '2025-06-15', currencies: [] }),
      },
    });
    expect(await screen.findByText(/No invoices yet/)).toBeTruthy();
  });
});

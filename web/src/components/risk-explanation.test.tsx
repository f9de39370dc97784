import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CustomerOverview } from '../api/types.ts';
import { renderApp } from '../test/render.tsx';
import { RiskExplanation } from './risk-explanation.tsx';

const computed = {
  level: 'high' as const,
  score: 55,
  reasons: [
    { code: 'AVG_DAYS_LATE' as const, value: 350, points: 30 },
    { code: 'SHARE_PAID_LATE' as const, value: 10_000, points: 25 },
  ],
  computedAt: '2025-06-15T01:30:00Z',
};
const customer = (effectiveRisk: CustomerOverview['effectiveRisk']): CustomerOverview => ({
  id: 'c1', name: 'Late GmbH', currency: 'EUR', status: 'active', creditLimit: null, tags: [], balances: [], behaviour: null,
  risk: { level: 'medium', score: 0, reasons: [{ code: 'NO_HISTORY', value: 0, points: 0 }] },
  effectiveRisk,
  work: { collectorName: null, nextTask: null, nextReminderCheck: null },
});
const text = async () => (await screen.findByRole('heading')).closest('section')!.textContent!.replace(/[\u00a0\u202f]/g, ' ');

afterEach(cleanup);

describe('the risk explanation on the customer page', () => {
  it('shows the computed level, when it was computed, and its reasons in words', async () => {
    renderApp(<RiskExplanation customer={customer({ level: 'high', source: 'computed', manualLevel: null, computed })} />, { api: {} });
    expect(await screen.findByText('High risk')).toBeTruthy();
    expect(await text()).toMatch(/Computed from payment behaviour on .*2025.*; reminders and deposits follow it\./);
    expect(await text()).toContain('Score 55 of 100');
    expect(await text()).toContain('Pays on average 35.0 days late (weighted by amount).+30');
    expect(await text()).toContain('100% of paid invoices were paid after their due date.+25');
  });

  it('puts a level set by hand first and the computed one beside it', async () => {
    renderApp(<RiskExplanation customer={customer({ level: 'low', source: 'manual', manualLevel: 'low', computed })} />, { api: {} });
    expect(await screen.findByText('Low risk')).toBeTruthy();
    expect(await text()).toMatch(/Set by hand: reminders and deposits follow this level\. Computed from payment behaviour on .*: High risk\./);
    expect(await text()).toContain('Score 55 of 100');
  });

  it("before the first refresh says the customer counts as medium and explains today's figures", async () => {
    renderApp(<RiskExplanation customer={customer({ level: 'medium', source: 'default', manualLevel: null, computed: null })} />, { api: {} });
    expect(await screen.findByText('Medium risk')).toBeTruthy();
    expect(await text()).toContain('Not computed yet: reminders and deposits count the customer as medium risk until the nightly refresh.');
    expect(await text()).toContain('No paid invoice yet, so there is no payment history to judge by.');
  });

  it('says it in the chosen language', async () => {
    renderApp(<RiskExplanation customer={customer({ level: 'low', source: 'manual', manualLevel: 'low', computed: null })} />, { api: {}, locale: 'ro' });
    expect(await text()).toContain('Setat manual: notificările și avansul urmează acest nivel.');
    expect(await text()).toContain('Nicio factură plătită încă, deci nu există istoric de plăți pe care să ne bazăm.');
  });
});

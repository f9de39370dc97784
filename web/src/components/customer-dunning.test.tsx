import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CustomerOverview } from '../api/types.ts';
import { apiError, errorOf, renderApp } from '../test/render.tsx';
import { CustomerDunning } from './customer-dunning.tsx';

const customer: CustomerOverview = {
  id: 'c1', name: 'Sao Mai SRL', currency: 'EUR', status: 'active', creditLimit: null, tags: [], balances: [], behaviour: null,
  risk: { level: 'high', score: 60, reasons: [] }, work: { collectorName: 'Bogdan', nextTask: null, nextReminderCheck: null },
  effectiveRisk: { level: 'high', source: 'computed', manualLevel: null, computed: { level: 'high', score: 60, reasons: [], computedAt: '2025-06-15T01:30:00Z' } },
};
const POLICIES = [
  { id: 'default', name: 'Standard reminders', builtIn: true, isDefault: true, steps: [] },
  { id: 'p2', name: 'Gentle', builtIn: false, isDefault: false, steps: [] },
];

/** The customer's dunning settings as stored; a policy the server no longer has is refused as the server refuses it. */
function dunningApi(initial: Record<string, unknown> = {}, org = { defaultPolicyId: 'default', excluded: false }, existing = POLICIES.map((p) => p.id)) {
  let saved: Record<string, unknown> = { policyId: null, excluded: false, collectorId: null, riskLevel: null, ...initial };
  return {
    'GET /api/v1/customers/c1/dunning': () => saved,
    'PATCH /api/v1/customers/c1/dunning': (body: unknown) => {
      const change = body as Record<string, unknown> & { policyId?: string | null };
      if (change.policyId && !existing.includes(change.policyId)) return apiError(404, 'POLICY_NOT_FOUND', 'No such dunning policy', 'policyId');
      saved = { ...saved, ...change };
      return saved;
    },
    'GET /api/v1/dunning/policies': () => ({ data: POLICIES }),
    'GET /api/v1/dunning/settings': () => ({ ...org, windowStart: '09:00', windowEnd: '17:00', workingDays: [1, 2, 3, 4, 5], nonWorkingDates: [], replyTo: null }),
    'GET /api/v1/users': () => ({ data: [{ id: 'u1', name: 'Ana', status: 'active' }, { id: 'u2', name: 'Bogdan', status: 'active' }, { id: 'u3', name: 'Old hand', status: 'deactivated' }] }),
  };
}

const options = (label: string) => [...(screen.getByLabelText(label) as HTMLSelectElement).options].map((o) => o.textContent);

describe('customer page → reminders for this customer', () => {
  it('says which level decides, sends only what changed, and then names the customer as the deciding level', async () => {
    const { calls } = renderApp(<CustomerDunning customer={customer} />, { api: dunningApi() });
    expect(await screen.findByText('Reminders follow “Standard reminders”, decided by the organization’s default.')).toBeTruthy();
    expect(options('Policy')).toEqual(['Organization default (Standard reminders)', 'Standard reminders', 'Gentle']);
    // Whoever manages users picks from the active team.
    await waitFor(() => expect(options('Collector')).toEqual(['Team queue', 'Ana', 'Bogdan']));
    expect(options('Risk level')).toEqual(['As computed (High risk)', 'Low risk', 'Medium risk', 'High risk']);
    expect(screen.getByText(/^Reminder steps aimed at a risk level, and the deposit rule/)).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Policy'), { target: { value: 'p2' } });
    fireEvent.change(screen.getByLabelText('Collector'), { target: { value: 'u2' } });
    fireEvent.change(screen.getByLabelText('Risk level'), { target: { value: 'high' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Reminders follow “Gentle”, decided by the customer’s settings.')).toBeTruthy();
    expect(calls.find((c) => c.method === 'PATCH')!.body).toEqual({ policyId: 'p2', collectorId: 'u2', riskLevel: 'high' });

    fireEvent.click(screen.getByLabelText('No automated reminders for this customer'));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('No automated reminders, decided by the customer’s settings.')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'PATCH').at(-1)!.body).toEqual({ excluded: true });
  });

  it('shows the server’s refusal at the policy it concerns', async () => {
    // Someone deleted "Gentle" after this page listed it.
    renderApp(<CustomerDunning customer={customer} />, { api: dunningApi({}, undefined, ['default']) });
    const policy = await screen.findByLabelText('Policy');
    fireEvent.change(policy, { target: { value: 'p2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(errorOf(policy)).toBe('No such dunning policy'));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('follows the organization when it switched reminders off', async () => {
    renderApp(<CustomerDunning customer={customer} />, { api: dunningApi({}, { defaultPolicyId: 'default', excluded: true }) });
    expect(await screen.findByText('No automated reminders, decided by the organization’s default.')).toBeTruthy();
    expect(options('Policy')[0]).toBe('Organization setting (no reminders)');
  });

  it('lets a collector take the customer on without listing the team, and shows a viewer the settings without a way to change them', async () => {
    const collector = renderApp(<CustomerDunning customer={customer} />, { api: dunningApi({ collectorId: 'u2' }), role: 'collector' });
    await screen.findByText(/decided by the organization’s default/);
    // Collectors may not list users: they see the current collector, themselves and the team queue.
    expect(options('Collector')).toEqual(['Team queue', 'Bogdan', 'Ana']);
    expect(collector.calls.some((c) => c.path === '/api/v1/users' || c.path === '/api/v1/dunning/settings')).toBe(false);
    expect(screen.getByRole('button', { name: 'Save' })).toBeTruthy();
    collector.unmount();

    renderApp(<CustomerDunning customer={customer} />, { api: dunningApi(), role: 'viewer' });
    expect(((await screen.findByLabelText('Policy')) as HTMLSelectElement).disabled).toBe(true);
    expect((screen.getByLabelText('No automated reminders for this customer') as HTMLInputElement).disabled).toBe(true);
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
  });
});

import { addDays, date, type PlainDate } from '../dates.ts';
import type { DoneStep } from './actions.ts';
import type { CustomerFacts, DunningInput, InvoiceFacts } from './plan-dunning.ts';
import type { DunningPolicy } from './policy.ts';

// Shared by the dunning tests: a realistic policy and facts that tests override one field at a time.

export const DUE = date('2025-03-31');

export const STANDARD_POLICY: DunningPolicy = {
  id: 'standard',
  name: 'Standard',
  steps: [
    { id: 'before', offsetDays: -5, channel: 'email', tone: 'friendly', templateKey: 'upcoming' },
    { id: 'due', offsetDays: 0, channel: 'email', tone: 'friendly', templateKey: 'due_today' },
    { id: 'after1', offsetDays: 1, channel: 'email', tone: 'friendly', templateKey: 'overdue_1' },
    { id: 'after7', offsetDays: 7, channel: 'email', tone: 'firm', templateKey: 'overdue_7' },
    { id: 'after14', offsetDays: 14, channel: 'sms', tone: 'firm', templateKey: 'overdue_14', actions: ['apply_late_fee'] },
    {
      id: 'after30',
      offsetDays: 30,
      channel: 'letter',
      tone: 'final',
      templateKey: 'final_notice',
      repeatEveryDays: 14,
      maxRepeats: 3,
      actions: ['put_on_hold'],
    },
  ],
};

export function invoiceFacts(overrides: Partial<InvoiceFacts> = {}): InvoiceFacts {
  return {
    id: 'inv-1',
    customerId: 'cus-1',
    currency: 'EUR',
    issuedOn: date('2025-03-01'),
    dueDate: DUE,
    balanceMinor: 100_000,
    status: 'open',
    dunningPaused: false,
    ...overrides,
  };
}

export const ACTIVE_CUSTOMER: CustomerFacts = { status: 'active', excluded: false, tags: [], riskLevel: 'medium' };

export function dunningInput(today: PlainDate, overrides: Partial<DunningInput> = {}): DunningInput {
  return { invoice: invoiceFacts(), customer: ACTIVE_CUSTOMER, policy: STANDARD_POLICY, history: [], today, ...overrides };
}

/** Days relative to the due date, as policies count them. */
export function dueDay(offset: number): PlainDate {
  return addDays(DUE, offset);
}

export function done(stepId: string, on: PlainDate, occurrence = 1, installment: number | null = null): DoneStep {
  return { stepId, occurrence, installment, on };
}

/** The history of a tick that ran every day: each standard step done on its own day, up to `offset` included. */
export function doneThrough(offset: number): DoneStep[] {
  return STANDARD_POLICY.steps.filter((s) => s.offsetDays <= offset).map((s) => done(s.id, dueDay(s.offsetDays)));
}

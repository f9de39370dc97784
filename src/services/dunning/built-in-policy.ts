import type { DunningPolicy } from '../../domain/dunning/index.ts';

export const BUILT_IN_POLICY_ID = 'default';

/**
 * The policy of an organization that has not chosen one: a friendly note before the due date, two friendly
 * then firm emails, a text message, a collector's call, and a final notice that also asks for the late fee
 * (the fee itself comes from the organization's late-fee terms). Step ids are stable: history refers to them.
 */
export const BUILT_IN_POLICY: DunningPolicy = {
  id: BUILT_IN_POLICY_ID,
  name: 'Standard reminders',
  steps: [
    { id: 'before_due', offsetDays: -3, channel: 'email', tone: 'friendly', templateKey: 'upcoming' },
    { id: 'overdue_1', offsetDays: 1, channel: 'email', tone: 'friendly', templateKey: 'overdue' },
    { id: 'overdue_7', offsetDays: 7, channel: 'email', tone: 'firm', templateKey: 'overdue' },
    { id: 'overdue_14_sms', offsetDays: 14, channel: 'sms', tone: 'firm', templateKey: 'overdue' },
    { id: 'overdue_21_call', offsetDays: 21, channel: 'call_task', tone: 'firm', templateKey: 'call' },
    { id: 'final_30', offsetDays: 30, channel: 'email', tone: 'final', templateKey: 'final_notice', actions: ['apply_late_fee'] },
  ],
};

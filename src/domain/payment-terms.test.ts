import { describe, expect, it } from 'vitest';
import { date, parseDate } from './dates.ts';
import { dueDate } from './payment-terms.ts';

describe('due dates', () => {
  it('net N counts calendar days', () => {
    expect(dueDate(date('2025-01-31'), { kind: 'net', days: 30 }).toString()).toBe('2025-03-02');
    expect(dueDate(date('2024-01-31'), { kind: 'net', days: 30 }).toString()).toBe('2024-03-01');
  });

  it('end of month + N starts from the last day of the issue month, leap years included', () => {
    expect(dueDate(date('2024-02-10'), { kind: 'end_of_month', days: 0 }).toString()).toBe('2024-02-29');
    expect(dueDate(date('2025-02-10'), { kind: 'end_of_month', days: 0 }).toString()).toBe('2025-02-28');
    expect(dueDate(date('2025-01-31'), { kind: 'end_of_month', days: 10 }).toString()).toBe('2025-02-10');
    expect(dueDate(date('2025-12-05'), { kind: 'end_of_month', days: 30 }).toString()).toBe('2026-01-30');
  });

  it('due on receipt and fixed date', () => {
    expect(dueDate(date('2025-06-15'), { kind: 'due_on_receipt' }).toString()).toBe('2025-06-15');
    expect(dueDate(date('2025-06-15'), { kind: 'fixed_date', date: '2025-07-01' }).toString()).toBe('2025-07-01');
  });

  it('parses strictly', () => {
    expect(parseDate('2025-02-30')).toBeNull();
    expect(parseDate('2024-02-29')?.toString()).toBe('2024-02-29');
    expect(parseDate('2025-2-3')).toBeNull();
    expect(parseDate('2025-02-03T00:00')).toBeNull();
  });
});

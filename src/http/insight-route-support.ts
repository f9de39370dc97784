import { Type } from 'typebox';
import { parseDate, type PlainDate } from '../domain/dates.ts';
import { formatAmount } from '../domain/money.ts';
import { failure, type Result, success } from '../domain/result.ts';
import { ErrorSchema } from './views.ts';

// What the insight routes share: query shapes, the report permission, and how figures are written in CSV
// (amounts as decimals, days and percentages as plain numbers).
export const tags = ['insight'];
export const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD; default today' });
export const Currency = Type.String({ pattern: '^[A-Z]{3}$' });
export const CustomerId = Type.String({ format: 'uuid' });
export const errors = { 400: ErrorSchema, 404: ErrorSchema, 422: ErrorSchema };
export const config = { permission: 'reports:read' } as const;

export function optionalDate(text: string | undefined, field: string): Result<PlainDate | undefined> {
  if (text === undefined) return success(undefined);
  const parsed = parseDate(text);
  return parsed ? success(parsed) : failure('INVALID_DATE', 'Not a calendar date', field);
}

/** "30,60,90" → [30, 60, 90]; the domain checks that they make sense. */
export function edgesOf(text: string | undefined): number[] | undefined {
  return text === undefined ? undefined : text.split(',').map(Number);
}

export const decimal = (amount: number, currency: string) => formatAmount(amount, currency);
export const days = (tenths: number | null | undefined) => (tenths === null || tenths === undefined ? null : tenths / 10);
export const percent = (bp: number | null | undefined) => (bp === null || bp === undefined ? null : bp / 100);

import { isCurrencyCode } from '../currency.ts';
import { success } from '../result.ts';
import type { Compensation } from './compensation.ts';
import { fail, type FeesFailure, type FeesResult } from './failure.ts';
import { DAY_COUNT_BASES, type DayCountBasis } from './interest.ts';
import { isJurisdiction, type Jurisdiction } from './statutory-rate.ts';

/** Amounts keyed by ISO 4217 code, in that currency's minor units. A currency not listed has no entry. */
export type PerCurrency = Readonly<Record<string, number>>;

export type LateFeeCharge =
  | { readonly kind: 'fixed'; readonly amounts: PerCurrency }
  | { readonly kind: 'percent'; readonly rateBp: number }
  | { readonly kind: 'interest'; readonly annualRateBp: number; readonly dayCount?: DayCountBasis }
  | { readonly kind: 'statutory_interest'; readonly jurisdiction: Jurisdiction; readonly dayCount?: DayCountBasis };

/** once: the charge is posted at the first eligible dunning step only. each_step: at every step. */
export type ChargeMode = 'once' | 'each_step';

export interface LateFeeCaps {
  /** Most that fees and interest may add up to on one invoice, per currency (none for a currency not listed). */
  readonly absolute: PerCurrency;
  /** Most that fees and interest may add up to, as basis points of the invoice total. */
  readonly percentOfInvoiceBp: number | null;
}

/**
 * What a contract (or the law) lets the business charge on a late invoice. Caps bound the charge (fees and
 * interest); the fixed compensation is a separate statutory entitlement and is not capped. The minimum
 * overdue balance and the grace period gate every component.
 */
export interface LateFeePolicy {
  readonly charge: LateFeeCharge | null;
  readonly compensation: Compensation | null;
  readonly graceDays: number;
  readonly minimumOverdue: PerCurrency;
  readonly caps: LateFeeCaps;
  readonly chargeMode: ChargeMode;
}

export const MAX_GRACE_DAYS = 365;
/** 1 000 % a year: beyond any lawful contractual rate we know of, so larger values are typos. */
export const MAX_ANNUAL_RATE_BP = 100_000;

const isIntIn = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= min && v <= max;

/** Check a policy from an organization's settings; returns it unchanged when every field is usable. */
export function validateLateFeePolicy(policy: LateFeePolicy): FeesResult<LateFeePolicy> {
  const problem =
    checkCharge(policy.charge) ??
    checkCompensation(policy.compensation) ??
    (isIntIn(policy.graceDays, 0, MAX_GRACE_DAYS) ? null : fail('GRACE_DAYS_INVALID', 'graceDays', `graceDays must be an integer from 0 to ${MAX_GRACE_DAYS}`)) ??
    checkPerCurrency(policy.minimumOverdue, 'minimumOverdue', 0) ??
    checkPerCurrency(policy.caps.absolute, 'caps.absolute', 0) ??
    (policy.caps.percentOfInvoiceBp === null || isIntIn(policy.caps.percentOfInvoiceBp, 0, MAX_ANNUAL_RATE_BP)
      ? null
      : fail('RATE_INVALID', 'caps.percentOfInvoiceBp', `percentOfInvoiceBp must be null or an integer from 0 to ${MAX_ANNUAL_RATE_BP}`)) ??
    (policy.chargeMode === 'once' || policy.chargeMode === 'each_step' ? null : fail('CHARGE_MODE_UNKNOWN', 'chargeMode', 'chargeMode must be once or each_step')) ??
    (policy.charge === null && policy.compensation === null ? fail('POLICY_EMPTY', 'charge', 'A late-fee policy needs a charge, a compensation or both') : null);
  return problem ?? success(policy);
}

function checkCharge(charge: LateFeeCharge | null): FeesFailure | null {
  if (charge === null) return null;
  switch (charge.kind) {
    case 'fixed':
      return checkPerCurrency(charge.amounts, 'charge.amounts', 1);
    case 'percent':
      return isIntIn(charge.rateBp, 1, 10_000) ? null : fail('RATE_INVALID', 'charge.rateBp', 'rateBp must be an integer from 1 to 10000');
    case 'interest':
      if (!isIntIn(charge.annualRateBp, 1, MAX_ANNUAL_RATE_BP))
        return fail('RATE_INVALID', 'charge.annualRateBp', `annualRateBp must be an integer from 1 to ${MAX_ANNUAL_RATE_BP}`);
      return checkDayCount(charge.dayCount);
    case 'statutory_interest':
      if (!isJurisdiction(charge.jurisdiction)) return fail('JURISDICTION_UNKNOWN', 'charge.jurisdiction', 'Unknown statutory-interest jurisdiction');
      return checkDayCount(charge.dayCount);
    default:
      return fail('CHARGE_KIND_UNKNOWN', 'charge.kind', 'charge.kind must be fixed, percent, interest or statutory_interest');
  }
}

function checkDayCount(dayCount: DayCountBasis | undefined): FeesFailure | null {
  return dayCount === undefined || DAY_COUNT_BASES.includes(dayCount) ? null : fail('DAY_COUNT_UNKNOWN', 'charge.dayCount', 'dayCount must be actual/365 or actual/360');
}

function checkCompensation(compensation: Compensation | null): FeesFailure | null {
  if (compensation === null) return null;
  switch (compensation.kind) {
    case 'uk_bands':
      return null;
    case 'fixed':
      if (!isCurrencyCode(compensation.amount.currency)) return fail('CURRENCY_UNKNOWN', 'compensation.amount.currency', 'Unknown currency');
      return isIntIn(compensation.amount.amount, 1, Number.MAX_SAFE_INTEGER) ? null : fail('AMOUNT_INVALID', 'compensation.amount.amount', 'Compensation must be a positive amount');
    default:
      return fail('COMPENSATION_KIND_UNKNOWN', 'compensation.kind', 'compensation.kind must be fixed or uk_bands');
  }
}

function checkPerCurrency(amounts: PerCurrency, field: string, min: number): FeesFailure | null {
  if (typeof amounts !== 'object' || amounts === null || Array.isArray(amounts)) return fail('AMOUNT_INVALID', field, 'Expected amounts keyed by currency code');
  for (const [code, amount] of Object.entries(amounts)) {
    const at = `${field}.${code.slice(0, 8)}`;
    if (!isCurrencyCode(code)) return fail('CURRENCY_UNKNOWN', at, 'Unknown currency code');
    if (!isIntIn(amount, min, Number.MAX_SAFE_INTEGER)) return fail('AMOUNT_INVALID', at, `Amounts must be integers of at least ${min} minor units`);
  }
  return null;
}

/** An own-property lookup, so a currency code can never reach Object.prototype. */
export function amountFor(amounts: PerCurrency, currency: string): number | null {
  return Object.hasOwn(amounts, currency) ? (amounts[currency] ?? null) : null;
}

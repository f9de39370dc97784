import {
  DEFAULT_REFERENCE_RATES,
  parseReferenceRateTable,
  validateLateFeePolicy,
  type LateFeePolicy,
  type ReferenceRateTable,
} from '../../domain/fees/index.ts';
import { failure, type Result, success } from '../../domain/result.ts';
import { inOrgResult, type Db } from '../../db/connection.ts';
import { findCustomer } from '../../db/repositories/customers.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import {
  deleteLateFeePolicy,
  deleteTermsSetting,
  findLateFeePolicy,
  findTermsSetting,
  saveLateFeePolicy,
  saveTermsSetting,
  type LateFeePolicyRow,
} from '../../db/repositories/late-fees.ts';
import { newId } from '../../db/ids.ts';
import { nowDate, type Ctx } from '../context.ts';
import type { LateFeePolicyInput } from './inputs.ts';

/** Fill the optional parts of a policy the way a contract without them reads: no grace, no minimum, no cap, once. */
export function policyFromInput(input: LateFeePolicyInput): LateFeePolicy {
  return {
    charge: input.charge,
    compensation: input.compensation ?? null,
    graceDays: input.graceDays ?? 0,
    minimumOverdue: input.minimumOverdue ?? {},
    caps: { absolute: input.caps?.absolute ?? {}, percentOfInvoiceBp: input.caps?.percentOfInvoiceBp ?? null },
    chargeMode: input.chargeMode ?? 'once',
  };
}

const target = (customerId: string | null) =>
  customerId === null ? { entityType: 'organization', action: 'late_fee_policy' } : { entityType: 'customer', action: 'customer.late_fee_policy' };

/** Save the organization's default policy (customerId null) or a customer's override. */
export async function saveLateFeePolicyFor(ctx: Ctx, customerId: string | null, input: LateFeePolicyInput): Promise<Result<LateFeePolicyRow>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    if (customerId !== null && !(await findCustomer(tx, ctx.orgId, customerId))) return failure('CUSTOMER_NOT_FOUND', 'No such customer', 'customerId');
    const policy = validateLateFeePolicy(policyFromInput(input));
    if (!policy.ok) return policy;
    const at = nowDate(ctx);
    const before = await findLateFeePolicy(tx, ctx.orgId, customerId);
    const saved = await saveLateFeePolicy(tx, { orgId: ctx.orgId, id: before?.id ?? newId(), customerId, policy: policy.value, createdAt: at, updatedAt: at });
    const { entityType, action } = target(customerId);
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [{ entityType, entityId: customerId ?? ctx.orgId, action: `${action}.saved`, before: before?.policy ?? null, after: saved.policy }]);
    return success(saved);
  });
}

export async function removeLateFeePolicy(ctx: Ctx, customerId: string | null): Promise<Result<LateFeePolicyRow>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const removed = await deleteLateFeePolicy(tx, ctx.orgId, customerId);
    if (!removed) return failure('LATE_FEE_POLICY_NOT_FOUND', customerId ? 'This customer has no late-fee policy of its own' : 'The organization has no late-fee policy', customerId ? 'customerId' : 'policy');
    const { entityType, action } = target(customerId);
    await appendEvents(tx, ctx.orgId, ctx.actor, nowDate(ctx), [{ entityType, entityId: customerId ?? ctx.orgId, action: `${action}.removed`, before: removed.policy }]);
    return success(removed);
  });
}

export interface EffectivePolicy {
  readonly policy: LateFeePolicy;
  readonly source: 'customer' | 'organization';
}

/** The customer's own policy when it has one, else the organization's default; null when neither exists. */
export async function effectiveLateFeePolicy(db: Db, orgId: string, customerId: string): Promise<EffectivePolicy | null> {
  const own = await findLateFeePolicy(db, orgId, customerId);
  if (own) return { policy: own.policy, source: 'customer' };
  const org = await findLateFeePolicy(db, orgId, null);
  return org ? { policy: org.policy, source: 'organization' } : null;
}

/** The organization's own reference-rate table as saved (JSON), or null when it uses the shipped one. */
export async function savedReferenceRates(db: Db, orgId: string): Promise<unknown> {
  return (await findTermsSetting(db, orgId, 'reference_rates')) ?? null;
}

/**
 * The table interest is computed with: the shipped rates, with each series the organization supplied
 * replacing the shipped series of the same name (so extending one series does not drop the others).
 */
export async function referenceRatesFor(db: Db, orgId: string): Promise<ReferenceRateTable> {
  const saved = await findTermsSetting(db, orgId, 'reference_rates');
  if (saved === undefined) return DEFAULT_REFERENCE_RATES;
  const parsed = parseReferenceRateTable(saved);
  if (!parsed.ok) throw new Error(`Stored reference-rate table of ${orgId} no longer parses: ${parsed.message}`);
  return { ...DEFAULT_REFERENCE_RATES, ...parsed.value };
}

export async function saveReferenceRates(ctx: Ctx, raw: unknown): Promise<Result<unknown>> {
  const parsed = parseReferenceRateTable(raw);
  if (!parsed.ok) return failure(parsed.code, parsed.message, parsed.field ? `referenceRates.${parsed.field}` : 'referenceRates');
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const at = nowDate(ctx);
    const before = await findTermsSetting(tx, ctx.orgId, 'reference_rates');
    await saveTermsSetting(tx, ctx.orgId, 'reference_rates', raw, at);
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [{ entityType: 'organization', entityId: ctx.orgId, action: 'reference_rates.saved', before: before ?? null, after: raw }]);
    return success(raw);
  });
}

export async function removeReferenceRates(ctx: Ctx): Promise<Result<null>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const before = await findTermsSetting(tx, ctx.orgId, 'reference_rates');
    if (!(await deleteTermsSetting(tx, ctx.orgId, 'reference_rates')))
      return failure('REFERENCE_RATES_NOT_FOUND', 'The organization uses the shipped reference rates', 'referenceRates');
    await appendEvents(tx, ctx.orgId, ctx.actor, nowDate(ctx), [{ entityType: 'organization', entityId: ctx.orgId, action: 'reference_rates.removed', before }]);
    return success(null);
  });
}

import { validatePolicy, type DunningPolicy } from '../../domain/dunning/index.ts';
import { failure, type Result, success } from '../../domain/result.ts';
import { inOrg, inOrgResult, type Db } from '../../db/connection.ts';
import { newId } from '../../db/ids.ts';
import { deletePolicy, findDunningSettings, findPolicy, forgetOrganizationStates, insertPolicy, listPolicies, policyUsage, updatePolicy } from '../../db/repositories/dunning.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import { nowDate, type Ctx } from '../context.ts';
import { BUILT_IN_POLICY, BUILT_IN_POLICY_ID } from './built-in-policy.ts';
import type { PolicyInput } from './inputs.ts';
import { orgDunning } from './org-settings.ts';

export interface PolicyView extends DunningPolicy {
  readonly builtIn: boolean;
  /** The organization's default: used by every customer and invoice that does not choose another. */
  readonly isDefault: boolean;
}

const notFound = () => failure('POLICY_NOT_FOUND', 'No such dunning policy', 'id');

/** The built-in policy first, then the organization's own. */
export async function listDunningPolicies(ctx: Ctx): Promise<PolicyView[]> {
  return inOrg(ctx.db, ctx.orgId, async (tx) => {
    const defaultId = orgDunning(await findDunningSettings(tx, ctx.orgId)).defaultPolicyId;
    const own = (await listPolicies(tx, ctx.orgId)).map((r) => ({ id: r.id, name: r.name, steps: r.steps, builtIn: false, isDefault: r.id === defaultId }));
    return [{ ...BUILT_IN_POLICY, builtIn: true, isDefault: defaultId === BUILT_IN_POLICY_ID }, ...own];
  });
}

export async function getDunningPolicy(ctx: Ctx, id: string): Promise<Result<PolicyView>> {
  const found = (await listDunningPolicies(ctx)).find((p) => p.id === id);
  return found ? success(found) : notFound();
}

/** Whether a policy id names a policy the organization can use. */
export async function policyExists(tx: Db, orgId: string, id: string): Promise<boolean> {
  return id === BUILT_IN_POLICY_ID || (isUuid(id) && (await findPolicy(tx, orgId, id)) !== undefined);
}

export function isUuid(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id);
}

export async function createDunningPolicy(ctx: Ctx, input: PolicyInput): Promise<Result<PolicyView>> {
  const checked = validatePolicy({ id: newId(), name: input.name, steps: input.steps });
  if (!checked.ok) return checked;
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const at = nowDate(ctx);
    const policy = checked.value;
    await insertPolicy(tx, { orgId: ctx.orgId, id: policy.id, name: policy.name, steps: [...policy.steps], createdAt: at, updatedAt: at });
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [{ entityType: 'dunning_policy', entityId: policy.id, action: 'dunning_policy.created', after: policy }]);
    return success({ ...policy, builtIn: false, isDefault: false });
  });
}

/**
 * Replace a policy's name and steps. Step ids carry the history: keep a step's id to keep its place (an
 * invoice that already had it will not get it again), give a new id for a new step. Every open invoice is
 * looked at again on the next tick.
 */
export async function updateDunningPolicy(ctx: Ctx, id: string, input: PolicyInput): Promise<Result<PolicyView>> {
  if (id === BUILT_IN_POLICY_ID) return failure('POLICY_BUILT_IN', 'The built-in policy cannot be changed; create your own and make it the default', 'id');
  if (!isUuid(id)) return notFound();
  const checked = validatePolicy({ id, name: input.name, steps: input.steps });
  if (!checked.ok) return checked;
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const before = await findPolicy(tx, ctx.orgId, id);
    if (!before) return notFound();
    const at = nowDate(ctx);
    const policy = checked.value;
    await updatePolicy(tx, ctx.orgId, id, { name: policy.name, steps: [...policy.steps], updatedAt: at });
    await forgetOrganizationStates(tx, ctx.orgId);
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [
      { entityType: 'dunning_policy', entityId: id, action: 'dunning_policy.updated', before: { name: before.name, steps: before.steps }, after: policy },
    ]);
    const defaultId = orgDunning(await findDunningSettings(tx, ctx.orgId)).defaultPolicyId;
    return success({ ...policy, builtIn: false, isDefault: defaultId === id });
  });
}

/** Delete a policy nobody uses (the organization default, a customer or an invoice would be left without one). */
export async function deleteDunningPolicy(ctx: Ctx, id: string): Promise<Result<{ id: string }>> {
  if (id === BUILT_IN_POLICY_ID) return failure('POLICY_BUILT_IN', 'The built-in policy cannot be deleted', 'id');
  if (!isUuid(id)) return notFound();
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const before = await findPolicy(tx, ctx.orgId, id);
    if (!before) return notFound();
    const uses = await policyUsage(tx, ctx.orgId, id);
    if (uses > 0) return failure('POLICY_IN_USE', `The policy is chosen in ${uses} place(s); choose another policy there first`, 'id');
    await deletePolicy(tx, ctx.orgId, id);
    await appendEvents(tx, ctx.orgId, ctx.actor, nowDate(ctx), [{ entityType: 'dunning_policy', entityId: id, action: 'dunning_policy.deleted', before: { name: before.name, steps: before.steps } }]);
    return success({ id });
  });
}

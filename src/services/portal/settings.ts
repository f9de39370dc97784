import { Type, type Static } from 'typebox';
import { failure, success, type Result } from '../../domain/result.ts';
import { inOrgResult, type Db } from '../../db/connection.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import { findPortalSettings, savePortalSettings } from '../../db/repositories/portal.ts';
import { nowDate, type Ctx } from '../context.ts';

export interface PortalSettings {
  /** How long a new portal link works. */
  readonly linkValidDays: number;
  /** A payment plan the customer proposes with at most this many installments… */
  readonly planMaxInstallments: number;
  /** …the last one due at most this many days from today, is agreed at once. */
  readonly planMaxDays: number;
  /** Whether a proposal beyond those limits may be sent to the team for approval. */
  readonly planApprovalRequests: boolean;
}

export const DEFAULT_PORTAL_SETTINGS: PortalSettings = { linkValidDays: 30, planMaxInstallments: 3, planMaxDays: 90, planApprovalRequests: true };

export const PortalSettingsInput = Type.Object(
  {
    linkValidDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
    planMaxInstallments: Type.Optional(Type.Integer({ minimum: 0, maximum: 24, description: '0: no plan is agreed automatically' })),
    planMaxDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 730 })),
    planApprovalRequests: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type PortalSettingsInput = Static<typeof PortalSettingsInput>;

export async function loadPortalSettings(db: Db, orgId: string): Promise<PortalSettings> {
  const row = await findPortalSettings(db, orgId);
  if (!row) return DEFAULT_PORTAL_SETTINGS;
  return { linkValidDays: row.linkValidDays, planMaxInstallments: row.planMaxInstallments, planMaxDays: row.planMaxDays, planApprovalRequests: row.planApprovalRequests };
}

function inRange(value: number | undefined, min: number, max: number): boolean {
  return value === undefined || (Number.isInteger(value) && value >= min && value <= max);
}

export async function updatePortalSettings(ctx: Ctx, input: PortalSettingsInput): Promise<Result<PortalSettings>> {
  if (!inRange(input.linkValidDays, 1, 365)) return failure('VALIDATION_FAILED', 'Links work for 1 to 365 days', 'linkValidDays');
  if (!inRange(input.planMaxInstallments, 0, 24)) return failure('VALIDATION_FAILED', 'At most 24 installments', 'planMaxInstallments');
  if (!inRange(input.planMaxDays, 0, 730)) return failure('VALIDATION_FAILED', 'At most 730 days', 'planMaxDays');
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const before = await loadPortalSettings(tx, ctx.orgId);
    const after: PortalSettings = { ...before, ...input };
    const at = nowDate(ctx);
    await savePortalSettings(tx, { orgId: ctx.orgId, ...after, updatedAt: at });
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [{ entityType: 'organization', entityId: ctx.orgId, action: 'portal.settings_updated', before, after }]);
    return success(after);
  });
}

import { createHash } from 'node:crypto';
import { isCurrencyCode } from '../../domain/currency.ts';
import { checkElectronicAddress, type ElectronicAddress } from '../../domain/electronic-address.ts';
import { isTimeZone, LOCALES } from '../../domain/customer-rules.ts';
import { parseTermsCode } from '../../domain/payment-terms.ts';
import { failure, type Failure, type Result, success } from '../../domain/result.ts';
import { inOrgResult } from '../../db/connection.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import type { OrganizationRow } from '../../db/repositories/organizations.ts';
import {
  deleteLogo,
  highestNumberUsed,
  lockNumberSeries,
  lockOrganization,
  saveLogo,
  updateNumberSeries,
  updateOrganization,
  type NumberSeriesRow,
  type OrganizationPatch,
} from '../../db/repositories/settings.ts';
import type { Address } from '../../db/schema/index.ts';
import { nowDate, type Ctx } from '../context.ts';
import { sniffImageType } from './image-type.ts';

export interface SettingsPatch {
  readonly name?: string;
  readonly legalName?: string | null;
  readonly taxId?: string | null;
  readonly address?: Address;
  readonly baseCurrency?: string;
  readonly locale?: string;
  readonly timeZone?: string;
  readonly country?: string | null;
  readonly defaultPaymentTerms?: string;
  /** Where e-invoices reach the organization (BT-34); null removes it. */
  readonly electronicAddress?: ElectronicAddress | null;
}

function checkSettings(p: SettingsPatch): Failure | null {
  if (p.name !== undefined && !p.name.trim()) return failure('INVALID_NAME', 'The organization needs a name', 'name');
  if (p.baseCurrency !== undefined && !isCurrencyCode(p.baseCurrency)) return failure('INVALID_CURRENCY', `Unknown currency code ${p.baseCurrency}`, 'baseCurrency');
  if (p.locale !== undefined && !(LOCALES as readonly string[]).includes(p.locale)) return failure('INVALID_LOCALE', `Locale must be one of ${LOCALES.join(', ')}`, 'locale');
  if (p.timeZone !== undefined && !isTimeZone(p.timeZone)) return failure('INVALID_TIME_ZONE', `Unknown time zone ${p.timeZone}`, 'timeZone');
  if (p.country != null && !/^[A-Z]{2}$/.test(p.country)) return failure('INVALID_COUNTRY', 'Country is an ISO 3166 two-letter code such as RO or VN', 'country');
  // A fixed calendar date cannot be every invoice's default.
  if (p.defaultPaymentTerms !== undefined && (parseTermsCode(p.defaultPaymentTerms)?.kind ?? 'fixed_date') === 'fixed_date')
    return failure('INVALID_PAYMENT_TERMS', 'Default terms are net_N, eom_N or due_on_receipt', 'defaultPaymentTerms');
  return p.electronicAddress ? checkElectronicAddress(p.electronicAddress) : null;
}

export async function updateSettings(ctx: Ctx, patch: SettingsPatch): Promise<Result<OrganizationRow>> {
  const bad = checkSettings(patch);
  if (bad) return bad;
  const cleaned: OrganizationPatch = { ...patch, ...(patch.name === undefined ? {} : { name: patch.name.trim() }) };
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const before = await lockOrganization(tx, ctx.orgId);
    if (!before) return failure('ORGANIZATION_NOT_FOUND', 'No such organization');
    const after = await updateOrganization(tx, ctx.orgId, cleaned);
    const keys = Object.keys(cleaned) as (keyof OrganizationPatch)[];
    await appendEvents(tx, ctx.orgId, ctx.actor, nowDate(ctx), [
      { entityType: 'organization', entityId: ctx.orgId, action: 'organization.updated', before: pick(before, keys), after: pick(after, keys) },
    ]);
    return success(after);
  });
}

function pick(row: OrganizationRow, keys: readonly (keyof OrganizationPatch)[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, row[k]]));
}

export interface SeriesInput {
  readonly prefix: string;
  readonly padding: number;
  readonly nextNumber: number;
}

/**
 * Sets how a series numbers documents. The next number may move back only as far as no number already
 * given out under the prefix would be given again.
 */
export async function setNumberSeries(ctx: Ctx, series: string, input: SeriesInput): Promise<Result<NumberSeriesRow>> {
  if (/[\p{Cc}\p{Cf}]/u.test(input.prefix)) return failure('VALIDATION_FAILED', 'The prefix may not hold control characters', 'prefix');
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const before = await lockNumberSeries(tx, ctx.orgId, series);
    const used = await highestNumberUsed(tx, ctx.orgId, series, input.prefix);
    if (input.nextNumber <= used)
      return failure('NUMBER_ALREADY_USED', `Number ${used} is already used in series ${series} with prefix "${input.prefix}": the next number must be above it`, 'nextNumber');
    const after = await updateNumberSeries(tx, ctx.orgId, series, input);
    const view = (r: NumberSeriesRow) => ({ series, prefix: r.prefix, padding: r.padding, nextNumber: r.nextNumber });
    await appendEvents(tx, ctx.orgId, ctx.actor, nowDate(ctx), [
      { entityType: 'organization', entityId: ctx.orgId, action: 'organization.number_series_changed', before: view(before), after: view(after) },
    ]);
    return success(after);
  });
}

export const MAX_LOGO_BYTES = 512 * 1024;

/** Stores the logo printed on invoices: a PNG or JPEG of at most 512 KB, recognised by its bytes. */
export async function setLogo(ctx: Ctx, bytes: Buffer, declaredType: string): Promise<Result<{ contentType: string; size: number }>> {
  if (bytes.length > MAX_LOGO_BYTES) return failure('PAYLOAD_TOO_LARGE', 'The logo may be at most 512 KB');
  const contentType = sniffImageType(bytes);
  if (!contentType || contentType !== declaredType) return failure('INVALID_IMAGE', 'Send a PNG or JPEG image, with Content-Type image/png or image/jpeg matching the file');
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const at = nowDate(ctx);
    await saveLogo(tx, { orgId: ctx.orgId, contentType, data: bytes, updatedAt: at });
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [{ entityType: 'organization', entityId: ctx.orgId, action: 'organization.logo_changed', after: { contentType, size: bytes.length, sha256 } }]);
    return success({ contentType, size: bytes.length });
  });
}

export async function removeLogo(ctx: Ctx): Promise<Result<void>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    if (!(await deleteLogo(tx, ctx.orgId))) return failure('LOGO_NOT_FOUND', 'There is no logo');
    await appendEvents(tx, ctx.orgId, ctx.actor, nowDate(ctx), [{ entityType: 'organization', entityId: ctx.orgId, action: 'organization.logo_removed' }]);
    return success(undefined);
  });
}

import { isEmail } from '../../domain/customer-rules.ts';
import { parseDate } from '../../domain/dates.ts';
import { failure, type Result, success } from '../../domain/result.ts';
import { inOrg, inOrgResult, type Db } from '../../db/connection.ts';
import { findCustomer } from '../../db/repositories/customers.ts';
import { findUser } from '../../db/repositories/users.ts';
import {
  findCustomerDunning,
  findDunningSettings,
  findInvoiceDunning,
  forgetCustomerStates,
  forgetInvoiceStates,
  forgetOrganizationStates,
  upsertCustomerDunning,
  upsertDunningSettings,
  upsertInvoiceDunning,
  type CustomerDunningRow,
  type InvoiceDunningRow,
} from '../../db/repositories/dunning.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import { findInvoice, type InvoiceRow } from '../../db/repositories/invoices.ts';
import { nowDate, type Ctx } from '../context.ts';
import type { CustomerDunningInput, InvoiceDunningInput, SettingsInput } from './inputs.ts';
import { DEFAULT_WINDOW, orgDunning } from './org-settings.ts';
import { policyExists } from './policies.ts';
import { cancelPendingReminders, stopPendingDunning } from './stop-reminders.ts';

export interface SettingsView {
  readonly defaultPolicyId: string;
  readonly excluded: boolean;
  readonly windowStart: string;
  readonly windowEnd: string;
  readonly workingDays: readonly number[];
  readonly nonWorkingDates: readonly string[];
  readonly replyTo: string | null;
}

function settingsView(row: Awaited<ReturnType<typeof findDunningSettings>>): SettingsView {
  const s = orgDunning(row);
  return {
    defaultPolicyId: s.defaultPolicyId,
    excluded: s.excluded,
    windowStart: row?.windowStart ?? DEFAULT_WINDOW.start,
    windowEnd: row?.windowEnd ?? DEFAULT_WINDOW.end,
    workingDays: s.window.workingDays ?? DEFAULT_WINDOW.workingDays,
    nonWorkingDates: row?.nonWorkingDates ?? [],
    replyTo: s.replyTo,
  };
}

export async function getDunningSettings(ctx: Ctx): Promise<SettingsView> {
  return inOrg(ctx.db, ctx.orgId, async (tx) => settingsView(await findDunningSettings(tx, ctx.orgId)));
}

const policyMissing = (field: string) => failure('POLICY_NOT_FOUND', 'No such dunning policy', field);

/** Change the organization's default policy, business hours or reply address; fields not given stay. */
export async function updateDunningSettings(ctx: Ctx, input: SettingsInput): Promise<Result<SettingsView>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const beforeRow = await findDunningSettings(tx, ctx.orgId);
    const before = settingsView(beforeRow);
    const next = { ...before, ...input };
    if (input.defaultPolicyId !== undefined && !(await policyExists(tx, ctx.orgId, input.defaultPolicyId))) return policyMissing('defaultPolicyId');
    if (next.windowStart >= next.windowEnd) return failure('SEND_WINDOW_INVALID', 'The window must open before it closes on the same day', 'windowEnd');
    const badDate = (input.nonWorkingDates ?? []).findIndex((d) => !parseDate(d));
    if (badDate >= 0) return failure('INVALID_DATE', 'Not a calendar date', `nonWorkingDates[${badDate}]`);
    if (next.replyTo !== null && !isEmail(next.replyTo)) return failure('INVALID_EMAIL', 'The reply address is not an email address', 'replyTo');
    const at = nowDate(ctx);
    const row = await upsertDunningSettings(tx, {
      orgId: ctx.orgId,
      defaultPolicyId: next.defaultPolicyId,
      excluded: next.excluded,
      windowStart: next.windowStart,
      windowEnd: next.windowEnd,
      workingDays: [...next.workingDays].sort((a, b) => a - b),
      nonWorkingDates: [...next.nonWorkingDates].sort(),
      replyTo: next.replyTo,
      updatedAt: at,
    });
    if (next.defaultPolicyId !== before.defaultPolicyId || next.excluded !== before.excluded) await forgetOrganizationStates(tx, ctx.orgId);
    const after = settingsView(row);
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [{ entityType: 'organization', entityId: ctx.orgId, action: 'dunning.settings_updated', before, after }]);
    return success(after);
  });
}

export function customerDunningView(row: CustomerDunningRow | undefined) {
  return { policyId: row?.policyId ?? null, excluded: row?.excluded ?? false, collectorId: row?.collectorId ?? null, riskLevel: row?.riskLevel ?? null };
}

export async function getCustomerDunning(ctx: Ctx, customerId: string): Promise<Result<ReturnType<typeof customerDunningView>>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    if (!(await findCustomer(tx, ctx.orgId, customerId))) return failure('CUSTOMER_NOT_FOUND', 'No such customer', 'customerId');
    return success(customerDunningView(await findCustomerDunning(tx, ctx.orgId, customerId)));
  });
}

/**
 * A customer's own policy or exclusion, collector and risk level. Excluding a customer cancels its pending
 * reminders at once; any change makes the next tick look at its invoices again.
 */
export async function setCustomerDunning(ctx: Ctx, customerId: string, input: CustomerDunningInput): Promise<Result<ReturnType<typeof customerDunningView>>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    if (!(await findCustomer(tx, ctx.orgId, customerId, true))) return failure('CUSTOMER_NOT_FOUND', 'No such customer', 'customerId');
    if (input.policyId && !(await policyExists(tx, ctx.orgId, input.policyId))) return policyMissing('policyId');
    // Call tasks go to the collector: a member of this organization (invited or active), never a stranger's id.
    if (input.collectorId && ((await findUser(tx, ctx.orgId, input.collectorId))?.status ?? 'deactivated') === 'deactivated') {
      return failure('USER_NOT_FOUND', 'The collector must be a user of this organization who has not been deactivated', 'collectorId');
    }
    const before = customerDunningView(await findCustomerDunning(tx, ctx.orgId, customerId));
    const next = { ...before, ...input };
    const at = nowDate(ctx);
    const row = await upsertCustomerDunning(tx, { orgId: ctx.orgId, customerId, ...next, updatedAt: at });
    await forgetCustomerStates(tx, ctx.orgId, customerId);
    if (next.excluded && !before.excluded) await cancelPendingReminders(tx, ctx.orgId, ctx.actor, at, { customerIds: [customerId] }, 'CUSTOMER_EXCLUDED');
    const after = customerDunningView(row);
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [{ entityType: 'customer', entityId: customerId, action: 'dunning.customer_settings_updated', before, after }]);
    return success(after);
  });
}

export function invoiceDunningView(row: InvoiceDunningRow | undefined) {
  return { policyId: row?.policyId ?? null, excluded: row?.excluded ?? false, paused: row?.paused ?? false };
}

/** An issued invoice, for a dunning change; drafts, credit notes and other organizations' ids are not found. */
export async function dunnedInvoice(tx: Db, orgId: string, invoiceId: string): Promise<Result<InvoiceRow>> {
  const invoice = await findInvoice(tx, orgId, invoiceId);
  if (!invoice || invoice.kind !== 'invoice' || invoice.status === 'draft') return failure('INVOICE_NOT_FOUND', 'No such issued invoice', 'invoiceId');
  // The customer's row lock orders this change with payments and the tick, like every money movement.
  await findCustomer(tx, orgId, invoice.customerId, true);
  return success((await findInvoice(tx, orgId, invoiceId))!);
}

async function changeInvoiceDunning(
  ctx: Ctx,
  invoiceId: string,
  change: (before: ReturnType<typeof invoiceDunningView>) => Partial<ReturnType<typeof invoiceDunningView>>,
  action: string,
  stopReason: (before: ReturnType<typeof invoiceDunningView>, after: ReturnType<typeof invoiceDunningView>) => string | null,
): Promise<Result<ReturnType<typeof invoiceDunningView>>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const invoice = await dunnedInvoice(tx, ctx.orgId, invoiceId);
    if (!invoice.ok) return invoice;
    const before = invoiceDunningView(await findInvoiceDunning(tx, ctx.orgId, invoiceId));
    const next = { ...before, ...change(before) };
    if (next.policyId && next.policyId !== before.policyId && !(await policyExists(tx, ctx.orgId, next.policyId))) return policyMissing('policyId');
    const at = nowDate(ctx);
    const row = await upsertInvoiceDunning(tx, { orgId: ctx.orgId, invoiceId, customerId: invoice.value.customerId, ...next, updatedAt: at });
    const after = invoiceDunningView(row);
    const reason = stopReason(before, after);
    const target = [{ id: invoiceId, customerId: invoice.value.customerId }];
    if (reason) await stopPendingDunning(tx, ctx.orgId, ctx.actor, at, target, reason);
    else await forgetInvoiceStates(tx, ctx.orgId, [invoiceId]);
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [{ entityType: 'invoice', entityId: invoiceId, action, before, after }]);
    return success(after);
  });
}

export async function setInvoiceDunning(ctx: Ctx, invoiceId: string, input: InvoiceDunningInput) {
  return changeInvoiceDunning(ctx, invoiceId, () => input, 'dunning.invoice_settings_updated', (b, a) => (a.excluded && !b.excluded ? 'INVOICE_EXCLUDED' : null));
}

export async function pauseInvoiceDunning(ctx: Ctx, invoiceId: string) {
  return changeInvoiceDunning(ctx, invoiceId, () => ({ paused: true }), 'dunning.paused', (b) => (b.paused ? null : 'INVOICE_PAUSED'));
}

export async function resumeInvoiceDunning(ctx: Ctx, invoiceId: string) {
  return changeInvoiceDunning(ctx, invoiceId, () => ({ paused: false }), 'dunning.resumed', () => null);
}

export async function getInvoiceDunning(ctx: Ctx, invoiceId: string): Promise<Result<ReturnType<typeof invoiceDunningView>>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const invoice = await findInvoice(tx, ctx.orgId, invoiceId);
    if (!invoice || invoice.kind !== 'invoice') return failure('INVOICE_NOT_FOUND', 'No such invoice', 'invoiceId');
    return success(invoiceDunningView(await findInvoiceDunning(tx, ctx.orgId, invoiceId)));
  });
}

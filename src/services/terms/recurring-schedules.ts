import { addDays, compareDates, parseDate, type PlainDate } from '../../domain/dates.ts';
import { dueDate, parseTermsCode } from '../../domain/payment-terms.ts';
import { formatQuantity, parseQuantity } from '../../domain/quantity.ts';
import { failure, type Result, success } from '../../domain/result.ts';
import { inOrgResult, type Db } from '../../db/connection.ts';
import { newId } from '../../db/ids.ts';
import { findCustomer, type CustomerRow } from '../../db/repositories/customers.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import {
  findRecurringSchedule,
  insertRecurringRuns,
  insertRecurringSchedule,
  updateRecurringSchedule,
  type RecurringScheduleRow,
} from '../../db/repositories/recurring.ts';
import type { RecurringTemplate } from '../../db/schema/index.ts';
import { checkCurrency, priceLines } from '../build-invoice.ts';
import { nowDate, todayIn, type Ctx } from '../context.ts';
import { loadOrganization } from '../create-customer.ts';
import { earlyPaymentColumns } from './early-payment.ts';
import type { CreateScheduleInput, UpdateScheduleInput } from './inputs.ts';
import { nextOccurrence, occurrencesBetween, parseRecurrenceRule, type Recurrence } from './recurrence.ts';

const scheduleNotFound = () => failure('SCHEDULE_NOT_FOUND', 'No such recurring invoice', 'id');

export function recurrenceOf(s: Pick<RecurringScheduleRow, 'frequency' | 'rrule' | 'startDate' | 'endDate'>): Recurrence {
  return { frequency: s.frequency as Recurrence['frequency'], rrule: s.rrule, start: parseDate(s.startDate)!, end: s.endDate ? parseDate(s.endDate)! : null };
}

type ScheduleFields = Pick<CreateScheduleInput, 'frequency' | 'rrule' | 'startDate' | 'endDate'>;

function checkRecurrence(input: ScheduleFields): Result<Recurrence> {
  const start = parseDate(input.startDate);
  if (!start) return failure('INVALID_DATE', 'Not a calendar date', 'startDate');
  const end = input.endDate ? parseDate(input.endDate) : null;
  if (input.endDate && !end) return failure('INVALID_DATE', 'Not a calendar date', 'endDate');
  if (end && compareDates(end, start) < 0) return failure('END_BEFORE_START', 'The end date is before the start date', 'endDate');
  if (input.frequency !== 'rrule') {
    if (input.rrule) return failure('RRULE_NOT_EXPECTED', "Give an rrule only with frequency 'rrule'", 'rrule');
    return success({ frequency: input.frequency, rrule: null, start, end });
  }
  if (!input.rrule) return failure('RRULE_REQUIRED', "Frequency 'rrule' needs an rrule such as FREQ=MONTHLY;BYMONTHDAY=1", 'rrule');
  const rule = parseRecurrenceRule(input.rrule, start);
  return rule.ok ? success({ frequency: 'rrule', rrule: rule.value, start, end }) : rule;
}

/** Check a template once with the same rules an invoice is created with, and store it in canonical form. */
function checkTemplate(input: CreateScheduleInput['template'], customer: CustomerRow, start: PlainDate): Result<RecurringTemplate> {
  const currency = checkCurrency(input.currency ?? customer.currency, 'template.currency');
  if (!currency.ok) return currency;
  const paymentTerms = input.paymentTerms ?? customer.paymentTerms;
  const terms = parseTermsCode(paymentTerms);
  if (!terms || terms.kind === 'fixed_date')
    return failure('INVALID_PAYMENT_TERMS', 'Payment terms of a recurring invoice must be net_N, eom_N or due_on_receipt', 'template.paymentTerms');
  const priced = priceLines(input.lines, 'template.');
  if (!priced.ok) return priced;
  const early = earlyPaymentColumns(input.earlyPayment, null, { issueDate: start, dueDate: dueDate(start, terms) }, 'template.earlyPayment');
  if (!early.ok) return early;
  const { earlyPaymentDiscountBp: percentBp, earlyPaymentDays: days } = early.value;
  return success({
    currency: currency.value,
    series: input.series ?? 'INV',
    paymentTerms,
    lines: input.lines.map((l) => ({
      description: l.description,
      quantity: formatQuantity(parseQuantity(String(l.quantity))!),
      unitPrice: l.unitPrice,
      ...(l.taxRateBp !== undefined ? { taxRateBp: l.taxRateBp } : {}),
      ...(l.taxCategory !== undefined ? { taxCategory: l.taxCategory } : {}),
      ...(l.taxExemptionCode ? { taxExemptionCode: l.taxExemptionCode } : {}),
      ...(l.taxExemptionReason ? { taxExemptionReason: l.taxExemptionReason } : {}),
      ...(l.discountBp !== undefined ? { discountBp: l.discountBp } : {}),
    })),
    poNumber: input.poNumber ?? null,
    notes: input.notes ?? null,
    termsText: input.termsText ?? null,
    earlyPayment: percentBp === null ? null : { percentBp, days: days ?? 0 },
  });
}

export async function createSchedule(ctx: Ctx, input: CreateScheduleInput): Promise<Result<RecurringScheduleRow>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const customer = await findCustomer(tx, ctx.orgId, input.customerId);
    if (!customer) return failure('CUSTOMER_NOT_FOUND', 'No such customer', 'customerId');
    const recurrence = checkRecurrence(input);
    if (!recurrence.ok) return recurrence;
    const template = checkTemplate(input.template, customer, recurrence.value.start);
    if (!template.ok) return template;
    const at = nowDate(ctx);
    const next = nextOccurrence(recurrence.value, null);
    const row = await insertRecurringSchedule(tx, {
      orgId: ctx.orgId,
      id: newId(),
      customerId: customer.id,
      name: input.name,
      frequency: recurrence.value.frequency,
      rrule: recurrence.value.rrule,
      startDate: recurrence.value.start.toString(),
      endDate: recurrence.value.end?.toString() ?? null,
      nextRunDate: next?.toString() ?? null,
      status: next ? 'active' : 'ended',
      catchUp: input.catchUp ?? 'latest',
      sendEmail: input.sendEmail ?? true,
      autopay: input.autopay ?? false,
      template: template.value,
      createdAt: at,
      updatedAt: at,
    });
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [{ entityType: 'recurring_schedule', entityId: row.id, action: 'recurring_schedule.created', after: row }]);
    return success(row);
  });
}

export async function updateSchedule(ctx: Ctx, id: string, input: UpdateScheduleInput): Promise<Result<RecurringScheduleRow>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const before = await findRecurringSchedule(tx, ctx.orgId, id, true);
    if (!before) return scheduleNotFound();
    if (before.status === 'ended') return failure('SCHEDULE_ENDED', 'This recurring invoice has ended; create a new one', 'id');
    const customer = (await findCustomer(tx, ctx.orgId, before.customerId))!;
    const recurrence = checkRecurrence({
      frequency: input.frequency ?? (before.frequency as Recurrence['frequency']),
      rrule: input.frequency !== undefined && input.frequency !== 'rrule' && input.rrule === undefined ? null : input.rrule !== undefined ? input.rrule : before.rrule,
      startDate: input.startDate ?? before.startDate,
      endDate: input.endDate !== undefined ? input.endDate : before.endDate,
    });
    if (!recurrence.ok) return recurrence;
    let template = before.template;
    if (input.template) {
      const checked = checkTemplate(input.template, customer, recurrence.value.start);
      if (!checked.ok) return checked;
      template = checked.value;
    }
    const next = nextOccurrence(recurrence.value, before.lastPeriod ? parseDate(before.lastPeriod)! : null);
    const at = nowDate(ctx);
    const after = await updateRecurringSchedule(tx, ctx.orgId, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.catchUp !== undefined ? { catchUp: input.catchUp } : {}),
      ...(input.sendEmail !== undefined ? { sendEmail: input.sendEmail } : {}),
      ...(input.autopay !== undefined ? { autopay: input.autopay } : {}),
      frequency: recurrence.value.frequency,
      rrule: recurrence.value.rrule,
      startDate: recurrence.value.start.toString(),
      endDate: recurrence.value.end?.toString() ?? null,
      nextRunDate: next?.toString() ?? null,
      ...(next ? {} : { status: 'ended' }),
      template,
      updatedAt: at,
    });
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [{ entityType: 'recurring_schedule', entityId: id, action: 'recurring_schedule.updated', before, after }]);
    return success(after);
  });
}

/**
 * Pause, resume or end a schedule. Occurrences that fell while it was paused are not billed: resuming records
 * them as skipped runs, so the runner starts again with the next occurrence from today.
 */
export async function changeScheduleStatus(ctx: Ctx, id: string, to: 'paused' | 'active' | 'ended'): Promise<Result<RecurringScheduleRow>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const before = await findRecurringSchedule(tx, ctx.orgId, id, true);
    if (!before) return scheduleNotFound();
    if (before.status === 'ended') return failure('SCHEDULE_ENDED', 'This recurring invoice has ended', 'id');
    if (to === 'paused' && before.status === 'paused') return failure('SCHEDULE_ALREADY_PAUSED', 'This recurring invoice is already paused', 'id');
    if (to === 'active' && before.status === 'active') return failure('SCHEDULE_NOT_PAUSED', 'This recurring invoice is not paused', 'id');
    const at = nowDate(ctx);
    let patch: Parameters<typeof updateRecurringSchedule>[3] = { status: to, statusReason: null, updatedAt: at, ...(to === 'ended' ? { nextRunDate: null } : {}) };
    if (to === 'active') patch = { ...patch, ...(await skipPausedPeriods(tx, ctx, before, at)) };
    const after = await updateRecurringSchedule(tx, ctx.orgId, id, patch);
    const action = to === 'paused' ? 'paused' : to === 'active' ? 'resumed' : 'ended';
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [
      { entityType: 'recurring_schedule', entityId: id, action: `recurring_schedule.${action}`, before: { status: before.status, nextRunDate: before.nextRunDate }, after: { status: after.status, nextRunDate: after.nextRunDate } },
    ]);
    return success(after);
  });
}

async function skipPausedPeriods(tx: Db, ctx: Ctx, s: RecurringScheduleRow, at: Date): Promise<Partial<RecurringScheduleRow>> {
  const org = await loadOrganization(tx, ctx.orgId);
  const yesterday = addDays(todayIn(ctx, org.timeZone), -1);
  const recurrence = recurrenceOf(s);
  const last = s.lastPeriod ? parseDate(s.lastPeriod)! : null;
  if (last && compareDates(last, yesterday) >= 0) return {};
  const missed = occurrencesBetween(recurrence, last, yesterday);
  await insertRecurringRuns(tx, missed.map((period) => ({ orgId: ctx.orgId, id: newId(), scheduleId: s.id, period: period.toString(), outcome: 'skipped', createdAt: at })));
  await appendEvents(
    tx,
    ctx.orgId,
    ctx.actor,
    at,
    missed.map((period) => ({ entityType: 'recurring_schedule', entityId: s.id, action: 'recurring_schedule.period_skipped', after: { period: period.toString(), reason: 'PAUSED' } })),
  );
  const next = nextOccurrence(recurrence, yesterday);
  return { lastPeriod: yesterday.toString(), nextRunDate: next?.toString() ?? null, ...(next ? {} : { status: 'ended' }) };
}

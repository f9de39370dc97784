import { addDays, parseDate, type PlainDate } from '../../domain/dates.ts';
import { failure, type Result, success } from '../../domain/result.ts';
import { inOrgResult, type Db } from '../../db/connection.ts';
import { newId } from '../../db/ids.ts';
import { findCustomer } from '../../db/repositories/customers.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import type { InvoiceRow } from '../../db/repositories/invoices.ts';
import { findOrganization } from '../../db/repositories/organizations.ts';
import { dueRecurringSchedules, insertRecurringRuns, lockRecurringSchedule, updateRecurringSchedule, type RecurringScheduleRow } from '../../db/repositories/recurring.ts';
import { formatDate } from '../../documents/templates/index.ts';
import { nowDate, todayIn, type Clock, type Ctx } from '../context.ts';
import { createInvoice } from '../invoices.ts';
import { queueInvoiceEmail } from './invoice-email.ts';
import { documentLocale } from '../documents/parties.ts';
import { fillText, RECURRING_PERIOD } from './notice-texts.ts';
import { nextOccurrence, occurrencesBetween } from './recurrence.ts';
import { recurrenceOf } from './recurring-schedules.ts';

/** Called after an autopay schedule's invoice is committed; the customer portal charges the saved method. */
export type AutoChargeHook = (ctx: Ctx, invoice: InvoiceRow) => Promise<void>;

export interface RecurringRunOptions {
  readonly autoCharge?: AutoChargeHook;
}

export interface RecurringRunSummary {
  readonly issued: number;
  readonly skipped: number;
  readonly paused: number;
}

const ACTOR = { type: 'system', id: 'recurring-invoices' } as const;
/** With catch-up 'all', at most this many periods are billed per schedule per run; the rest follow next run. */
const MAX_PERIODS_PER_RUN = 50;
const BATCH = 200;
/** Occurrences looked at after downtime: years of daily billing, so 'latest' really is the latest. */
const MAX_CATCH_UP = 100_000;

interface Ran {
  readonly issued: InvoiceRow[];
  readonly skipped: number;
  readonly autopay: boolean;
}

/**
 * Issue every recurring invoice that is due, in every organization, and queue it for sending. Each schedule
 * runs in its own transaction holding its row lock; a second runner skips a locked schedule and, once it is
 * free, finds nothing left to do. The unique (schedule, period) key in recurring_runs is the last guard
 * against billing a period twice.
 *
 * After downtime, catch-up 'latest' issues only the most recent missed occurrence and records the older ones
 * as skipped (a customer should not receive a pile of invoices at once); catch-up 'all' bills every missed
 * period, each on its own invoice. A schedule whose invoice cannot be issued (e.g. the template no longer
 * fits the customer) is paused with the reason, for someone to fix and resume.
 */
export async function runRecurringInvoices(db: Db, clock: Clock, options: RecurringRunOptions = {}): Promise<RecurringRunSummary> {
  // Organizations east of UTC are already a day ahead: take schedules due through tomorrow (UTC) and let
  // each one compare with its own organization's today.
  const through = addDays(clock.now().toZonedDateTimeISO('UTC').toPlainDate(), 1).toString();
  const seen = new Set<string>();
  const summary = { issued: 0, skipped: 0, paused: 0 };
  for (;;) {
    const batch = (await dueRecurringSchedules(db, through, BATCH + seen.size)).filter((s) => !seen.has(s.id));
    if (batch.length === 0) return summary;
    for (const { orgId, id } of batch) {
      seen.add(id);
      const ctx: Ctx = { db, orgId, actor: ACTOR, clock };
      const ran = await runSchedule(ctx, id);
      if (!ran.ok) {
        await pauseSchedule(ctx, id, ran);
        summary.paused++;
        continue;
      }
      summary.issued += ran.value.issued.length;
      summary.skipped += ran.value.skipped;
      if (ran.value.autopay && options.autoCharge) for (const invoice of ran.value.issued) await options.autoCharge(ctx, invoice);
    }
  }
}

async function runSchedule(ctx: Ctx, id: string): Promise<Result<Ran>> {
  return inOrgResult<Ran>(ctx.db, ctx.orgId, async (tx) => {
    const s = await lockRecurringSchedule(tx, ctx.orgId, id);
    const nothing = success({ issued: [], skipped: 0, autopay: false });
    if (!s || s.status !== 'active' || !s.nextRunDate) return nothing;
    const org = (await findOrganization(tx, ctx.orgId))!;
    const today = todayIn(ctx, org.timeZone);
    if (s.nextRunDate > today.toString()) return nothing;
    const recurrence = recurrenceOf(s);
    const last = s.lastPeriod ? parseDate(s.lastPeriod)! : null;
    const due = occurrencesBetween(recurrence, last, today, MAX_CATCH_UP);
    const toIssue = s.catchUp === 'all' ? due.slice(0, MAX_PERIODS_PER_RUN) : due.slice(-1);
    const toSkip = s.catchUp === 'all' ? [] : due.slice(0, -1);
    const at = nowDate(ctx);
    const inTx: Ctx = { ...ctx, db: tx };

    await insertRecurringRuns(tx, toSkip.map((p) => ({ orgId: ctx.orgId, id: newId(), scheduleId: s.id, period: p.toString(), outcome: 'skipped', createdAt: at })));
    await appendEvents(
      tx,
      ctx.orgId,
      ctx.actor,
      at,
      toSkip.map((p) => ({ entityType: 'recurring_schedule', entityId: s.id, action: 'recurring_schedule.period_skipped', after: { period: p.toString(), reason: 'CAUGHT_UP' } })),
    );
    const issued: InvoiceRow[] = [];
    for (const period of toIssue) {
      const invoice = await issueFor(inTx, s, period, today);
      if (!invoice.ok) return invoice;
      await insertRecurringRuns(tx, [{ orgId: ctx.orgId, id: newId(), scheduleId: s.id, period: period.toString(), outcome: 'issued', invoiceId: invoice.value.id, createdAt: at }]);
      const email = s.sendEmail ? await queueInvoiceEmail(tx, inTx, invoice.value, { idempotencyKey: `invoice:${invoice.value.id}:issued` }) : undefined;
      await appendEvents(tx, ctx.orgId, ctx.actor, at, [
        {
          entityType: 'recurring_schedule',
          entityId: s.id,
          action: 'recurring_schedule.invoice_issued',
          after: { period: period.toString(), invoiceId: invoice.value.id, number: invoice.value.number, outboxId: email?.message.id ?? null, autopay: s.autopay },
        },
      ]);
      issued.push(invoice.value);
    }
    const handled = toIssue.at(-1) ?? due.at(-1) ?? last;
    const next = nextOccurrence(recurrence, handled ?? today);
    await updateRecurringSchedule(tx, ctx.orgId, s.id, {
      lastPeriod: handled?.toString() ?? s.lastPeriod,
      nextRunDate: next?.toString() ?? null,
      ...(next ? {} : { status: 'ended' }),
      updatedAt: at,
    });
    return success({ issued, skipped: toSkip.length, autopay: s.autopay });
  });
}

async function issueFor(ctx: Ctx, s: RecurringScheduleRow, period: PlainDate, today: PlainDate): Promise<Result<InvoiceRow>> {
  const customer = await findCustomer(ctx.db, ctx.orgId, s.customerId);
  if (!customer) return failure('CUSTOMER_NOT_FOUND', 'The customer of this recurring invoice no longer exists', 'customerId');
  const t = s.template;
  const locale = documentLocale(customer);
  const periodNote = fillText(RECURRING_PERIOD, locale, { period: formatDate(period, locale) });
  return createInvoice(ctx, {
    customerId: s.customerId,
    currency: t.currency,
    series: t.series,
    issueDate: today.toString(),
    paymentTerms: t.paymentTerms,
    lines: t.lines,
    poNumber: t.poNumber,
    notes: t.notes ? `${t.notes}\n\n${periodNote}` : periodNote,
    termsText: t.termsText,
    earlyPayment: t.earlyPayment,
    issue: true,
  });
}

/** A schedule whose invoice could not be issued stops until someone fixes it; the reason is on its timeline. */
async function pauseSchedule(ctx: Ctx, id: string, reason: { code: string; message: string; field?: string }): Promise<void> {
  await inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const at = nowDate(ctx);
    const statusReason = `${reason.code}: ${reason.message}`.slice(0, 1000);
    await updateRecurringSchedule(tx, ctx.orgId, id, { status: 'paused', statusReason, updatedAt: at });
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [
      { entityType: 'recurring_schedule', entityId: id, action: 'recurring_schedule.paused', after: { reason: reason.code, message: reason.message, field: reason.field ?? null } },
    ]);
    return success(null);
  });
}

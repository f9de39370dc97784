import { date, type PlainDate } from '../../domain/dates.ts';
import { buildLedger, type LedgerInvoice, reminderEffectiveness, type StepEffectiveness } from '../../domain/metrics/index.ts';
import { type Result, success } from '../../domain/result.ts';
import { remindedInvoices, reminderSends } from '../../db/repositories/insight-reminders.ts';
import type { Ctx } from '../context.ts';
import { withInsightScope } from './scope.ts';

export interface CurrencyReminderEffectiveness {
  readonly currency: string;
  readonly steps: readonly StepEffectiveness[];
}

/**
 * For each dunning step, the share of reminded invoices paid in full within `windowDays` of the reminder, per
 * currency, by the domain's reminderEffectiveness. Only reminded invoices are read; a settled one stands in as
 * one payment of what was paid on the day it was settled, which is all the measure reads of it.
 */
export async function reminderEffectivenessReport(ctx: Ctx, windowDays: number): Promise<Result<{ asOf: PlainDate; windowDays: number; currencies: CurrencyReminderEffectiveness[] }>> {
  return withInsightScope(ctx, async (scope) => {
    const invoices = await remindedInvoices(scope.tx, scope.orgId, scope.today.toString(), scope.timeZone);
    const sends = (await reminderSends(scope.tx, scope.orgId)).map((s) => ({ invoiceId: s.invoiceId, stepId: s.stepId, sentOn: date(s.sentOn) }));
    const byCurrency = new Map<string, LedgerInvoice[]>();
    for (const i of invoices) {
      const list = byCurrency.get(i.currency) ?? [];
      list.push({
        id: i.id,
        customerId: i.customerId,
        currency: i.currency,
        issueDate: date(i.issueDate),
        dueDate: date(i.dueDate),
        total: i.settlement ? i.settlement.amountPaid : i.total,
        allocations: i.settlement ? [{ kind: 'payment', date: date(i.settlement.paidOn), amount: i.settlement.amountPaid }] : [],
      });
      byCurrency.set(i.currency, list);
    }
    const currencies: CurrencyReminderEffectiveness[] = [];
    for (const currency of [...byCurrency.keys()].sort()) {
      const ledger = buildLedger(currency, byCurrency.get(currency) ?? []);
      if (!ledger.ok) throw new Error(`Reminded invoices in ${currency}: ${ledger.message}`);
      const steps = reminderEffectiveness(ledger.value, sends, scope.today, windowDays);
      if (!steps.ok) return steps;
      currencies.push({ currency, steps: steps.value });
    }
    return success({ asOf: scope.today, windowDays, currencies });
  });
}

import { parseDate, type PlainDate } from '../../domain/dates.ts';
import {
  applyPaidToInstallments,
  type ActivePaymentPlan,
  type DoneStep,
  type DunningPolicy,
  type OpenDispute,
  type OpenPromise,
  type PaymentClaim,
  type RiskLevel,
} from '../../domain/dunning/index.ts';
import type { InvoiceStatus } from '../../domain/invoice-status.ts';
import type { ContactRow } from '../../db/repositories/customers.ts';
import type { ClaimRow, DisputeRow, InstallmentRow, PlanRow, PromiseRow } from '../../db/repositories/collections.ts';
import type { OpenInvoiceFacts, TickCustomerRow } from '../../db/repositories/dunning.ts';
import type { Sender } from './compose-message.ts';
import type { OrgDunning } from './org-settings.ts';

/** Everything the tick knows about one organization for the whole run. */
export interface TickOrganization {
  readonly orgId: string;
  readonly name: string;
  readonly locale: string;
  readonly settings: OrgDunning;
  /** The organization's policies and the built-in one, by id. */
  readonly policies: ReadonlyMap<string, DunningPolicy>;
  readonly sender: Sender;
  readonly webhookUrl: string | null;
  /** How long the portal links in reminders work (the organization's portal settings). */
  readonly portalLinkValidDays: number;
}

/** One customer's facts as loaded for a tick. */
export interface CustomerFacts {
  readonly customer: TickCustomerRow;
  readonly contacts: readonly ContactRow[];
  /** The open invoices the tick may plan for this customer; only candidates are planned. */
  readonly invoices: readonly OpenInvoiceFacts[];
  readonly history: ReadonlyMap<string, readonly DoneStep[]>;
  readonly disputes: ReadonlyMap<string, readonly DisputeRow[]>;
  readonly promises: ReadonlyMap<string, readonly PromiseRow[]>;
  readonly claims: ReadonlyMap<string, readonly ClaimRow[]>;
  readonly plans: ReadonlyMap<string, { readonly row: PlanRow; readonly installments: readonly InstallmentRow[] }>;
  /** Channel and day pairs on which this customer already got a message (`${channel}|${YYYY-MM-DD}`). */
  readonly messaged: ReadonlySet<string>;
}

export function day(text: string): PlainDate {
  const parsed = parseDate(text);
  if (!parsed) throw new Error(`Stored date ${text} does not parse`);
  return parsed;
}

export function riskLevel(value: string | null): RiskLevel {
  return value === 'low' || value === 'high' ? value : 'medium';
}

export function invoiceStatus(value: string): InvoiceStatus {
  return value as InvoiceStatus;
}

export function openDisputes(rows: readonly DisputeRow[] | undefined): OpenDispute[] {
  return (rows ?? []).map((d) => ({ id: d.id }));
}

/** What was paid since a promise was made is how far the balance fell since. */
export function openPromises(rows: readonly PromiseRow[] | undefined, balance: number): OpenPromise[] {
  return (rows ?? []).map((p) => ({ id: p.id, promisedDate: day(p.promisedDate), amountMinor: p.amount, paidMinor: Math.max(0, p.balanceAtPromise - balance) }));
}

export function paymentClaims(rows: readonly ClaimRow[] | undefined): PaymentClaim[] {
  return (rows ?? []).map((c) => ({ id: c.id, until: day(c.until) }));
}

/** The plan with what was paid since it was agreed spread over its installments, earliest first. */
export function activePlan(plan: { readonly row: PlanRow; readonly installments: readonly InstallmentRow[] } | undefined, balance: number): ActivePaymentPlan | null {
  if (!plan) return null;
  const installments = plan.installments.map((i) => ({ number: i.number, dueDate: day(i.dueDate), amountMinor: i.amount, paidMinor: 0 }));
  return {
    id: plan.row.id,
    agreedOn: day(plan.row.agreedOn),
    graceDays: plan.row.graceDays,
    reminderSteps: plan.row.reminderSteps,
    installments: applyPaidToInstallments(installments, Math.max(0, plan.row.balanceAtAgreement - balance)),
  };
}

export function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return map;
}

import type { PlainDate, Temporal } from '../../domain/dates.ts';
import {
  batchReminders,
  DUNNING_CHANNELS,
  localDate,
  planDunning,
  resolvePolicy,
  sendInstant,
  type ApplyLateFeeAction,
  type DoneStep,
  type DunningChannel,
  type DunningInput,
  type DunningPlan,
  type PolicyResolution,
  type ReminderMessage,
  type SendAction,
  type SkipAction,
} from '../../domain/dunning/index.ts';
import { isLocale, type Locale } from '../../documents/templates/index.ts';
import type { NewTaskRow } from '../../db/repositories/collections.ts';
import type { NewHistoryRow, OpenInvoiceFacts } from '../../db/repositories/dunning.ts';
import { newId } from '../../db/ids.ts';
import { composeReminder, type ComposedContent, type MessageInvoiceFacts } from './compose-message.ts';
import { nextCheckOn } from './next-check.ts';
import { levelSetting, organizationSetting } from './org-settings.ts';
import { pickContact, recipientFor, type Recipient } from './recipients.ts';
import { activePlan, day, invoiceStatus, openDisputes, openPromises, paymentClaims, riskLevel, type CustomerFacts, type TickOrganization } from './tick-facts.ts';

export interface InvoiceDecision {
  readonly invoiceId: string;
  readonly number: string | null;
  readonly resolution: PolicyResolution;
  /** Null when the invoice is excluded from dunning. */
  readonly plan: DunningPlan | null;
  readonly nextCheckOn: string | null;
}

export interface QueuedMessage {
  readonly message: ReminderMessage;
  readonly recipient: Recipient;
  readonly content: ComposedContent;
  readonly sendAt: Date;
  /** Why each item goes out (DUE_TODAY or DUE_EARLIER), in item order. */
  readonly reasons: readonly string[];
  /** The portal link in the message, stored with it. */
  readonly portalToken: string | null;
}

export type SkipMessageReason = 'NO_RECIPIENT' | 'SMS_TOO_LONG';

export interface SkippedMessage {
  readonly message: ReminderMessage;
  readonly reason: SkipMessageReason;
  readonly content: ComposedContent | null;
}

export interface PlannedTask {
  readonly row: NewTaskRow;
  readonly message: ReminderMessage | null;
}

export interface CustomerDecision {
  readonly customerId: string;
  readonly customerName: string;
  readonly today: PlainDate;
  /** Why nothing was decided for this customer in this tick, when nothing was. */
  readonly notDecided: 'NOT_A_SENDING_TIME' | 'NO_SENDING_DAY' | null;
  readonly invoices: readonly InvoiceDecision[];
  readonly queued: readonly QueuedMessage[];
  readonly skippedMessages: readonly SkippedMessage[];
  readonly tasks: readonly PlannedTask[];
  readonly skips: readonly { readonly invoiceId: string; readonly action: SkipAction }[];
  readonly deferred: readonly SendAction[];
  readonly history: readonly NewHistoryRow[];
  readonly promisesBroken: readonly { readonly promiseId: string; readonly invoiceId: string }[];
  readonly promisesKept: readonly { readonly promiseId: string; readonly invoiceId: string }[];
  readonly plansBroken: readonly { readonly planId: string; readonly invoiceId: string; readonly installment: number }[];
  readonly lateFees: readonly { readonly invoiceId: string; readonly action: ApplyLateFeeAction }[];
  readonly statusChange: { readonly from: string; readonly status: 'on_hold' | 'in_collections'; readonly invoiceId: string; readonly stepId: string } | null;
}

export interface DecideOptions {
  readonly now: Temporal.Instant;
  /** Decide as of this local date for every customer (preview, or an operator's catch-up) instead of today. */
  readonly date: PlainDate | null;
  /** The instant rows are stamped with. */
  readonly at: Date;
  /** Makes a customer's own portal link for an email or text; absent (a dry run), messages show the plain portal address. */
  readonly portalLink?: () => PortalLinkToken;
}

/** A fresh portal link: the token the message carries (only its hash is stored) and the address it makes. */
export interface PortalLinkToken {
  readonly token: string;
  readonly url: string;
}

type ReminderChannel = Exclude<DunningChannel, 'call_task'>;

function empty(facts: CustomerFacts, today: PlainDate, notDecided: CustomerDecision['notDecided']): CustomerDecision {
  return {
    customerId: facts.customer.id,
    customerName: facts.customer.name,
    today,
    notDecided,
    invoices: [],
    queued: [],
    skippedMessages: [],
    tasks: [],
    skips: [],
    deferred: [],
    history: [],
    promisesBroken: [],
    promisesKept: [],
    plansBroken: [],
    lateFees: [],
    statusChange: null,
  };
}

/**
 * Everything one tick decides for one customer, without touching the database: plan each candidate invoice,
 * gather the sends into one message per channel (a batch when several invoices are due), pick recipients,
 * render content and the send time, and say which history rows, tasks and state changes to store.
 * Decisions happen only on the customer's sending days, while the window is still open: a reminder decided
 * after hours would go out with tomorrow's, breaking the one-message-a-day rule.
 */
export function decideCustomer(org: TickOrganization, facts: CustomerFacts, options: DecideOptions): CustomerDecision {
  const { customer } = facts;
  const today = options.date ?? localDate(options.now, customer.timeZone);
  const window = sendInstant({ day: today, timeZone: customer.timeZone, window: org.settings.window, now: options.date ? undefined : options.now });
  if (!window.ok) return empty(facts, today, 'NO_SENDING_DAY');
  if (!window.value.toPlainDate().equals(today)) return empty(facts, today, 'NOT_A_SENDING_TIME');
  const sendAt = new Date(window.value.epochMilliseconds);

  const decisions: { invoice: OpenInvoiceFacts; decision: InvoiceDecision; input: DunningInput | null }[] = [];
  for (const invoice of facts.invoices) {
    if (!invoice.candidate) continue;
    const { resolution, input } = dunningInputFor(org, facts, invoice, today);
    const plan = input ? planDunning(input) : null;
    decisions.push({ invoice, input, decision: { invoiceId: invoice.id, number: invoice.number, resolution, plan, nextCheckOn: null } });
  }

  const policyOf = new Map(decisions.map((d) => [d.invoice.id, d.decision.resolution.kind === 'policy' ? d.decision.resolution.policyId : '']));
  const planIdOf = (invoiceId: string, installment: number | null) => (installment === null ? null : (facts.plans.get(invoiceId)?.row.id ?? null));
  const historyRow = (invoiceId: string, ref: SkipAction | SendAction, outcome: 'sent' | 'skipped', reason: string, channel: string | null, messageKey: string | null): NewHistoryRow => ({
    orgId: org.orgId,
    id: newId(),
    invoiceId,
    customerId: customer.id,
    policyId: policyOf.get(invoiceId) ?? '',
    planId: planIdOf(invoiceId, ref.installment),
    stepId: ref.stepId,
    occurrence: ref.occurrence,
    installment: ref.installment,
    on: today.toString(),
    outcome,
    reason,
    channel,
    messageKey,
    createdAt: options.at,
  });

  const sends: SendAction[] = [];
  const skips: { invoiceId: string; action: SkipAction }[] = [];
  const lateFees: { invoiceId: string; action: ApplyLateFeeAction }[] = [];
  const promisesBroken: { promiseId: string; invoiceId: string }[] = [];
  const promisesKept: { promiseId: string; invoiceId: string }[] = [];
  const plansBroken: { planId: string; invoiceId: string; installment: number }[] = [];
  const followUps: PlannedTask[] = [];
  let statusChange: CustomerDecision['statusChange'] = null;
  const history: NewHistoryRow[] = [];

  for (const { invoice, decision } of decisions) {
    for (const action of decision.plan?.actions ?? []) {
      switch (action.kind) {
        case 'send':
          sends.push(action);
          break;
        case 'skip':
          skips.push({ invoiceId: invoice.id, action });
          history.push(historyRow(invoice.id, action, 'skipped', action.reason, null, null));
          break;
        case 'apply_late_fee':
          lateFees.push({ invoiceId: invoice.id, action });
          break;
        case 'mark_promise_broken':
          promisesBroken.push({ promiseId: action.promiseId, invoiceId: invoice.id });
          break;
        case 'mark_promise_kept':
          promisesKept.push({ promiseId: action.promiseId, invoiceId: invoice.id });
          break;
        case 'break_plan':
          plansBroken.push({ planId: action.planId, invoiceId: invoice.id, installment: action.installment });
          break;
        case 'create_task':
          followUps.push({ message: null, row: followUpTask(org, facts, invoice, action.task, action.refId, action.reason, today, options.at) });
          break;
        case 'put_on_hold':
          if (statusChange === null && customer.status === 'active') statusChange = { from: customer.status, status: 'on_hold', invoiceId: invoice.id, stepId: action.stepId };
          break;
        case 'hand_to_collections':
          if (statusChange?.status !== 'in_collections') statusChange = { from: customer.status, status: 'in_collections', invoiceId: invoice.id, stepId: action.stepId };
          break;
      }
    }
  }

  const messagedToday = DUNNING_CHANNELS.filter((channel) => facts.messaged.has(`${channel}|${today.toString()}`));
  const batching = batchReminders(sends, today, messagedToday.map((channel) => ({ customerId: customer.id, channel })));
  const sendOf = new Map(sends.map((s) => [`${s.invoiceId}|${s.stepId}|${s.occurrence}|${s.installment}`, s]));
  const reasonsOf = (m: ReminderMessage) => m.items.map((i) => sendOf.get(`${i.invoiceId}|${i.stepId}|${i.occurrence}|${i.installment}`)?.reason ?? 'DUE_TODAY');
  const record = (m: ReminderMessage, outcome: 'sent' | 'skipped', reasons: readonly string[], messageKey: string | null) =>
    m.items.forEach((item, k) => {
      const send = sendOf.get(`${item.invoiceId}|${item.stepId}|${item.occurrence}|${item.installment}`)!;
      history.push(historyRow(item.invoiceId, send, outcome, reasons[k]!, m.channel, messageKey));
    });

  const invoiceFacts = messageInvoices(facts);
  const locale: Locale = isLocale(customer.locale) ? customer.locale : isLocale(org.locale) ? org.locale : 'en';
  const queued: QueuedMessage[] = [];
  const skippedMessages: SkippedMessage[] = [];
  const tasks: PlannedTask[] = [];
  for (const message of batching.messages) {
    if (message.channel === 'call_task') {
      tasks.push({ message, row: callTask(org, facts, message, today, options.at) });
      record(message, 'sent', reasonsOf(message), message.idempotencyKey);
      continue;
    }
    const lead = facts.invoices.find((i) => i.id === message.items[0]?.invoiceId);
    const recipient = recipientFor(message.channel as ReminderChannel, {
      contacts: facts.contacts,
      customerName: customer.legalName ?? customer.name,
      billingAddress: customer.billingAddress,
      webhookUrl: org.webhookUrl,
      invoiceContactId: message.kind === 'single' ? (lead?.billingContactId ?? null) : null,
    });
    // A printed letter outlives any link: it shows the portal's address, where a fresh link can be asked for.
    let link = recipient && message.channel !== 'letter' && message.channel !== 'webhook' ? (options.portalLink?.() ?? null) : null;
    const compose = (portalUrl: string) =>
      composeReminder({
        message,
        sender: { ...org.sender, portalUrl },
        locale,
        customer: { id: customer.id, name: customer.name, externalRef: customer.externalRef },
        contactName: recipient?.contactName ?? null,
        invoices: invoiceFacts,
      });
    let composed = compose(link?.url ?? org.sender.portalUrl);
    // A text that the longer personal link pushes past its limit still goes, with the plain address.
    if (!composed.ok && link) {
      link = null;
      composed = compose(org.sender.portalUrl);
    }
    if (!recipient || !composed.ok) {
      const reason: SkipMessageReason = !recipient ? 'NO_RECIPIENT' : 'SMS_TOO_LONG';
      skippedMessages.push({ message, reason, content: composed.ok ? composed.value : null });
      record(message, 'skipped', message.items.map(() => reason), null);
      continue;
    }
    const reasons = reasonsOf(message);
    queued.push({ message, recipient, content: composed.value, sendAt, reasons, portalToken: link?.token ?? null });
    record(message, 'sent', reasons, message.idempotencyKey);
  }
  tasks.push(...followUps);

  const deferredInvoices = new Set(batching.deferred.map((s) => s.invoiceId));
  const invoices = decisions.map(({ invoice, decision, input }): InvoiceDecision => {
    if (!input || !decision.plan) return decision;
    const recorded: DoneStep[] = history.filter((h) => h.invoiceId === invoice.id).map((h) => ({ stepId: h.stepId, occurrence: h.occurrence, installment: h.installment ?? null, on: today }));
    const brokenNow = plansBroken.some((p) => p.invoiceId === invoice.id);
    const after = brokenNow ? { ...input, paymentPlan: null } : input;
    const next = nextCheckOn(decision.plan, after, [...input.history, ...recorded], deferredInvoices.has(invoice.id));
    return { ...decision, nextCheckOn: next?.toString() ?? null };
  });

  return {
    customerId: customer.id,
    customerName: customer.name,
    today,
    notDecided: null,
    invoices,
    queued,
    skippedMessages,
    tasks,
    skips,
    deferred: batching.deferred,
    history,
    promisesBroken,
    promisesKept,
    plansBroken,
    lateFees,
    statusChange,
  };
}

/** The policy that applies to an invoice and the planner's input for it, or no input when it is excluded. */
export function dunningInputFor(org: TickOrganization, facts: CustomerFacts, invoice: OpenInvoiceFacts, today: PlainDate): { resolution: PolicyResolution; input: DunningInput | null } {
  const { customer } = facts;
  const resolution = resolvePolicy({ organization: organizationSetting(org.settings), customer: levelSetting(customer), invoice: levelSetting(invoice) });
  if (resolution.kind === 'excluded') return { resolution, input: null };
  const policy = org.policies.get(resolution.policyId);
  if (!policy) throw new Error(`Policy ${resolution.policyId} is set but does not exist`);
  return {
    resolution,
    input: {
      invoice: {
        id: invoice.id,
        customerId: customer.id,
        currency: invoice.currency,
        issuedOn: day(invoice.issueDate),
        dueDate: day(invoice.dueDate),
        balanceMinor: invoice.balance,
        status: invoiceStatus(invoice.status),
        dunningPaused: invoice.paused ?? false,
      },
      customer: { status: customer.status as DunningInput['customer']['status'], excluded: false, tags: customer.tags, riskLevel: riskLevel(customer.riskLevel) },
      policy,
      history: facts.history.get(invoice.id) ?? [],
      today,
      disputes: openDisputes(facts.disputes.get(invoice.id)),
      promises: openPromises(facts.promises.get(invoice.id), invoice.balance),
      paymentClaims: paymentClaims(facts.claims.get(invoice.id)),
      paymentPlan: activePlan(facts.plans.get(invoice.id), invoice.balance),
    },
  };
}

function messageInvoices(facts: CustomerFacts): Map<string, MessageInvoiceFacts> {
  return new Map(
    facts.invoices.map((i) => [i.id, { number: i.number, issueDate: day(i.issueDate), installments: facts.plans.get(i.id)?.installments.length ?? 0 }]),
  );
}

function callTask(org: TickOrganization, facts: CustomerFacts, message: ReminderMessage, today: PlainDate, at: Date): NewTaskRow {
  const phone = pickContact(facts.contacts, 'sms', null);
  const count = new Set(message.items.map((i) => i.invoiceId)).size;
  return {
    orgId: org.orgId,
    id: newId(),
    customerId: facts.customer.id,
    kind: 'call',
    sourceKey: message.idempotencyKey,
    title: `Call ${facts.customer.name} about ${count === 1 ? 'an overdue invoice' : `${count} overdue invoices`}`,
    invoiceIds: [...new Set(message.items.map((i) => i.invoiceId))],
    phone: phone?.address ?? null,
    contactName: phone?.contactName ?? null,
    assigneeId: facts.customer.collectorId,
    dueOn: today.toString(),
    reason: 'DUNNING_STEP',
    details: {
      tone: message.tone,
      steps: message.items.map((i) => ({ invoiceId: i.invoiceId, stepId: i.stepId, occurrence: i.occurrence, installment: i.installment, amountMinor: i.amountMinor, currency: i.currency })),
      totals: message.totals,
    },
    createdAt: at,
  };
}

function followUpTask(
  org: TickOrganization,
  facts: CustomerFacts,
  invoice: OpenInvoiceFacts,
  kind: 'call_about_broken_promise' | 'call_about_broken_plan',
  refId: string,
  reason: string,
  today: PlainDate,
  at: Date,
): NewTaskRow {
  const phone = pickContact(facts.contacts, 'sms', null);
  const what = kind === 'call_about_broken_promise' ? 'promise' : 'plan';
  return {
    orgId: org.orgId,
    id: newId(),
    customerId: facts.customer.id,
    kind,
    sourceKey: `task/${what}/${refId}`,
    title: `Call ${facts.customer.name}: ${kind === 'call_about_broken_promise' ? 'promise to pay broken' : 'payment plan broken'} on ${invoice.number ?? 'an invoice'}`,
    invoiceIds: [invoice.id],
    phone: phone?.address ?? null,
    contactName: phone?.contactName ?? null,
    assigneeId: facts.customer.collectorId,
    dueOn: today.toString(),
    reason,
    details: { [`${what}Id`]: refId },
    createdAt: at,
  };
}


import { type PlainDate, type Temporal } from '../../domain/dates.ts';
import type { DoneStep, DunningPolicy } from '../../domain/dunning/index.ts';
import type { TemplateOverrides } from '../../documents/templates/index.ts';
import type { Db } from '../../db/connection.ts';
import { activePlansOfCustomers, installmentsOf, openClaimsOfCustomers, openDisputesOfCustomers, openPromisesOfCustomers } from '../../db/repositories/collections.ts';
import { listContacts } from '../../db/repositories/customers.ts';
import {
  activeHistoryOf,
  customersForTick,
  findDunningSettings,
  listPolicies,
  messagedBetween,
  messageSettings,
  openInvoicesByIds,
  type CandidateWindow,
} from '../../db/repositories/dunning.ts';
import { findOrganization } from '../../db/repositories/organizations.ts';
import { portalUrl } from '../documents/portal-link.ts';
import { loadPortalSettings } from '../portal/settings.ts';
import { BUILT_IN_POLICY } from './built-in-policy.ts';
import { orgDunning } from './org-settings.ts';
import { day, groupBy, type CustomerFacts, type TickOrganization } from './tick-facts.ts';

/** The policies an organization can use: its own and the built-in one. */
export async function policiesOf(db: Db, orgId: string): Promise<Map<string, DunningPolicy>> {
  const rows = await listPolicies(db, orgId);
  return new Map<string, DunningPolicy>([[BUILT_IN_POLICY.id, BUILT_IN_POLICY], ...rows.map((r) => [r.id, { id: r.id, name: r.name, steps: r.steps }] as const)]);
}

type BankAccount = Awaited<ReturnType<typeof messageSettings>>['accounts'][number];

function bankDetailsText(account: BankAccount, holder: string): string {
  const number = account.iban ?? [account.accountNumber, account.bankCode].filter(Boolean).join(' / ');
  return [account.accountHolder ?? holder, account.bankName, number, account.bic ? `BIC ${account.bic}` : null].filter((line) => line?.trim()).join('\n');
}

export async function loadOrganization(db: Db, orgId: string): Promise<TickOrganization | null> {
  const org = await findOrganization(db, orgId);
  if (!org) return null;
  const [settingsRow, policies, message] = [await findDunningSettings(db, orgId), await policiesOf(db, orgId), await messageSettings(db, orgId)];
  const settings = orgDunning(settingsRow);
  const overrides = new Map<string, Record<string, string>>();
  for (const o of message.overrides) overrides.set(o.locale, { ...(overrides.get(o.locale) ?? {}), [o.key]: o.source });
  const bankDetails = new Map<string, string>();
  for (const account of message.accounts) {
    if (!bankDetails.has(account.currency)) bankDetails.set(account.currency, bankDetailsText(account, org.legalName ?? org.name));
  }
  return {
    orgId,
    name: org.name,
    locale: org.locale,
    settings,
    policies,
    sender: {
      organizationName: org.name,
      replyTo: settings.replyTo ?? org.name,
      portalUrl: portalUrl(),
      overrides: overrides as Map<string, TemplateOverrides>,
      bankDetails,
    },
    webhookUrl: message.webhookUrl,
    portalLinkValidDays: (await loadPortalSettings(db, orgId)).linkValidDays,
  };
}

/**
 * Which invoices a tick looks at. Customers live in every time zone, so "today" spans two or three calendar
 * dates at any instant: invoices due to be looked at on the latest of them are taken, and each is then judged
 * on its own customer's date.
 */
export function candidateWindow(now: Temporal.Instant, date: PlainDate | null): { window: CandidateWindow; earliest: PlainDate } {
  const latest = date ?? now.add({ hours: 14 }).toZonedDateTimeISO('UTC').toPlainDate();
  const earliest = date ?? now.subtract({ hours: 12 }).toZonedDateTimeISO('UTC').toPlainDate();
  return { window: { maxToday: latest.toString() }, earliest };
}

/**
 * Everything the tick needs about these customers and the invoices it may plan for them, in one query per kind
 * of fact. Only those invoices are read (a call task's list of all open invoices is read for the customers
 * that get one, see task-invoices.ts): a customer has about ten open invoices for each one due a look.
 */
export async function loadCustomerFacts(
  db: Db,
  orgId: string,
  customerIds: readonly string[],
  invoiceIds: readonly string[],
  window: CandidateWindow,
  earliest: PlainDate,
): Promise<CustomerFacts[]> {
  const customers = await customersForTick(db, orgId, customerIds);
  const invoices = await openInvoicesByIds(db, orgId, invoiceIds, window);
  const candidates = invoices.filter((i) => i.candidate).map((i) => i.id);
  const [contacts, history, disputes, promises, claims, plans, messaged] = [
    await listContacts(db, orgId, customerIds),
    await activeHistoryOf(db, orgId, candidates),
    await openDisputesOfCustomers(db, orgId, customerIds),
    await openPromisesOfCustomers(db, orgId, customerIds),
    await openClaimsOfCustomers(db, orgId, customerIds, earliest.toString()),
    await activePlansOfCustomers(db, orgId, customerIds),
    await messagedBetween(db, orgId, customerIds, earliest.toString(), window.maxToday),
  ];
  const installments = groupBy(await installmentsOf(db, orgId, plans.map((p) => p.id)), (i) => i.planId);
  const historyByInvoice = new Map<string, DoneStep[]>();
  for (const h of history) {
    const done: DoneStep = { stepId: h.stepId, occurrence: h.occurrence, installment: h.installment, on: day(h.on) };
    const list = historyByInvoice.get(h.invoiceId);
    if (list) list.push(done);
    else historyByInvoice.set(h.invoiceId, [done]);
  }
  const by = {
    contacts: groupBy(contacts, (c) => c.customerId),
    invoices: groupBy(invoices, (i) => i.customerId),
    disputes: groupBy(disputes, (d) => d.invoiceId),
    promises: groupBy(promises, (p) => p.invoiceId),
    claims: groupBy(claims, (c) => c.invoiceId),
    messaged: groupBy(messaged, (m) => m.customerId),
  };
  const plansByInvoice = new Map(plans.map((p) => [p.invoiceId, { row: p, installments: installments.get(p.id) ?? [] }]));
  return customers.map((customer) => ({
    customer,
    contacts: by.contacts.get(customer.id) ?? [],
    invoices: by.invoices.get(customer.id) ?? [],
    history: historyByInvoice,
    disputes: by.disputes,
    promises: by.promises,
    claims: by.claims,
    plans: plansByInvoice,
    messaged: new Set((by.messaged.get(customer.id) ?? []).map((m) => `${m.channel}|${m.on}`)),
  }));
}


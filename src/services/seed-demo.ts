import { Temporal } from 'temporal-polyfill';
import { addDays, compareDates, parseDate } from '../domain/dates.ts';
import type { Db } from '../db/connection.ts';
import { findOrganization } from '../db/repositories/organizations.ts';
import { fixedClock, type Clock, type Ctx } from './context.ts';
import { createCustomer } from './create-customer.ts';
import { createCreditNote } from './credit-notes.ts';
import { createBankAccount } from './documents/bank-accounts.ts';
import { DEMO_BANK_ACCOUNTS, DEMO_CUSTOMERS, DEMO_ORGANIZATION, DEMO_RATES, DEMO_SERVICES, demoLineVat, type DemoCustomer } from './demo-data.ts';
import { createInvoice, decideInvoice } from './invoices.ts';
import { seedDemoUser } from './auth/demo-user.ts';
import { updateSettings } from './auth/settings.ts';
import { createApiKey, createOrganization, formatApiKey } from './organizations.ts';
import { refreshCustomerRisk } from './insight/customer-risk.ts';
import { recordPayment } from './payments.ts';

export const DEMO_ORG_ID = '00000000-0000-4000-8000-00000000d0e0';
// Printed in the README and the start banner. It exists only in demo mode, never in production.
const DEMO_API_SECRET = 'demo-key-for-local-use-only';
const DEMO_API_KEY_ID = '00000000-0000-4000-8000-00000000d0e1';

export function demoApiKey(): string {
  return formatApiKey(DEMO_API_KEY_ID, DEMO_API_SECRET);
}

/** A small deterministic generator (mulberry32), so every demo database tells the same story. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]! };
}

/** Whole units of the currency that are worth `usd`, rounded to what people invoice in that currency. */
function price(usd: number, currency: string): number {
  const minor = usd * (DEMO_RATES[currency] ?? 100);
  const step = currency === 'VND' ? 10_000 : currency === 'IDR' ? 100_000 : currency === 'RUB' ? 10_000 : 100;
  return Math.max(step, Math.round(minor / step) * step);
}

const LATE_DAYS: Record<DemoCustomer['habit'], [number, number]> = { prompt: [-5, 2], late: [5, 25], very_late: [30, 75], partial: [0, 20] };

export async function demoExists(db: Db): Promise<boolean> {
  return (await findOrganization(db, DEMO_ORG_ID)) !== undefined;
}

/**
 * Seed the demo organization: 30 customers in six currencies and about 200 invoices over the last six
 * months, paid the way each customer habitually pays, so the lists, balances and overdue views have life.
 */
export async function seedDemo(db: Db, clock: Clock): Promise<{ orgId: string; apiKey: string; invoices: number }> {
  const today = clock.now().toZonedDateTimeISO('Europe/Bucharest').toPlainDate();
  const start = today.subtract({ months: 6 });
  const at = fixedClock(start.toZonedDateTime({ timeZone: 'Europe/Bucharest', plainTime: '09:00' }).toInstant());
  const { name, legalName, taxId, country, address, electronicAddress } = DEMO_ORGANIZATION;
  const org = await createOrganization(db, at, { name, legalName, taxId, baseCurrency: 'EUR', locale: 'en', timeZone: 'Europe/Bucharest', country }, DEMO_ORG_ID);
  if (!org.ok) throw new Error(`Demo organization: ${org.message}`);
  const { key } = await createApiKey(db, at, DEMO_ORG_ID, 'Demo key', 'owner', { id: DEMO_API_KEY_ID, secret: DEMO_API_SECRET });
  await seedDemoUser(db, at, DEMO_ORG_ID);
  const ctx: Ctx = { db, orgId: DEMO_ORG_ID, actor: { type: 'system', id: 'seed' }, clock: at };
  // The address and e-invoicing address a new organization fills in under Settings, so Peppol and CIUS-RO exports work.
  const settings = await updateSettings(ctx, { address, electronicAddress });
  if (!settings.ok) throw new Error(`Demo settings: ${settings.message}`);
  for (const account of DEMO_BANK_ACCOUNTS) {
    const created = await createBankAccount(ctx, account);
    if (!created.ok) throw new Error(`Demo ${account.currency} account: ${created.message}`);
  }
  const rnd = random(20251123);
  const customerIds = new Map<string, string>();
  for (const d of DEMO_CUSTOMERS) {
    const created = await createCustomer(ctx, {
      externalRef: d.ref,
      name: d.name,
      legalName: d.legalName,
      taxId: d.taxId,
      billingAddress: d.address,
      electronicAddress: d.electronicAddress,
      locale: d.locale,
      timeZone: d.timeZone,
      currency: d.currency,
      paymentTerms: d.terms,
      creditLimit: price(rnd.pick([5000, 10000, 20000]), d.currency),
      tags: [...d.tags],
      contacts: [{ name: d.contact, email: d.email, phone: d.phone, role: 'accounts_payable' }],
    });
    if (!created.ok) throw new Error(`Demo customer ${d.ref}: ${created.message}`);
    customerIds.set(d.ref, created.value.customer.id);
  }

  const span = start.until(today, { largestUnit: 'day' }).days;
  const plans = Array.from({ length: 200 }, () => ({ customer: rnd.pick(DEMO_CUSTOMERS), issueOffset: rnd.int(0, span - 3), draft: false }))
    .sort((a, b) => a.issueOffset - b.issueOffset);
  for (const p of plans.slice(-5)) p.draft = true;
  const payments: { on: Temporal.PlainDate; customer: DemoCustomer; invoiceId: string; amount: number }[] = [];
  type Issued = { id: string; customer: DemoCustomer; total: number };
  const issued: Issued[] = [];
  for (const p of plans) {
    const issueDate = start.add({ days: p.issueOffset });
    at.set(issueDate.toZonedDateTime({ timeZone: 'Europe/Bucharest', plainTime: '10:00' }).toInstant());
    const lines = Array.from({ length: rnd.int(1, 3) }, () => {
      const s = rnd.pick(DEMO_SERVICES);
      return { description: `${s.description} (${s.unit})`, quantity: String(rnd.int(1, s.unit === 'hour' ? 20 : 3)), unitPrice: price(s.usd, p.customer.currency), ...demoLineVat(p.customer, s) };
    });
    const created = await createInvoice(ctx, { customerId: customerIds.get(p.customer.ref)!, issueDate: issueDate.toString(), poNumber: rnd.next() < 0.4 ? `PO-${rnd.int(1000, 9999)}` : null, lines, issue: !p.draft });
    if (!created.ok) throw new Error(`Demo invoice: ${created.message}`);
    if (p.draft) continue;
    const inv = created.value;
    issued.push({ id: inv.id, customer: p.customer, total: inv.total });
    const [lo, hi] = LATE_DAYS[p.customer.habit];
    const paidOn = addDays(parseDate(inv.dueDate)!, rnd.int(lo, hi));
    if (compareDates(paidOn, today) >= 0 || rnd.next() < 0.12) continue;
    const share = p.customer.habit === 'partial' && rnd.next() < 0.6 ? rnd.pick([0.3, 0.5, 0.7]) : 1;
    const amount = share === 1 ? inv.total : Math.round(inv.total * share);
    payments.push({ on: compareDates(paidOn, issueDate) < 0 ? issueDate : paidOn, customer: p.customer, invoiceId: inv.id, amount });
  }

  payments.sort((a, b) => compareDates(a.on, b.on));
  for (const [i, pay] of payments.entries()) {
    at.set(pay.on.toZonedDateTime({ timeZone: 'Europe/Bucharest', plainTime: '14:00' }).toInstant());
    // A few customers round up their transfer: the excess stays with them as credit.
    const extra = i % 37 === 5 ? price(20, pay.customer.currency) : 0;
    const result = await recordPayment(ctx, {
      customerId: customerIds.get(pay.customer.ref)!,
      amount: pay.amount + extra,
      currency: pay.customer.currency,
      receivedOn: pay.on.toString(),
      method: rnd.pick(['bank_transfer', 'bank_transfer', 'bank_transfer', 'card', 'e_wallet'] as const),
      reference: `Payment ${i + 1}`,
      allocations: [{ invoiceId: pay.invoiceId, amount: pay.amount }],
    });
    if (!result.ok) throw new Error(`Demo payment: ${result.message}`);
  }

  at.set(today.toZonedDateTime({ timeZone: 'Europe/Bucharest', plainTime: '08:00' }).toInstant());
  const paidIds = new Set(payments.map((p) => p.invoiceId));
  const [toVoid, toCredit, toWriteOff] = issued.filter((i) => !paidIds.has(i.id)) as [Issued, Issued, Issued];
  await decideInvoice(ctx, toVoid.id, 'void', 'Issued twice by mistake').then((r) => r.ok || Promise.reject(new Error(r.message)));
  await createCreditNote(ctx, toCredit.id, { reason: 'Discount agreed after late delivery', amount: Math.round(toCredit.total / 10) }).then((r) => r.ok || Promise.reject(new Error(r.message)));
  await decideInvoice(ctx, toWriteOff.id, 'written_off', 'Customer ceased trading').then((r) => r.ok || Promise.reject(new Error(r.message)));
  // As the daily refresh would: every demo customer shows a computed risk from the start.
  await refreshCustomerRisk(db, at, DEMO_ORG_ID);
  return { orgId: DEMO_ORG_ID, apiKey: key, invoices: plans.length };
}

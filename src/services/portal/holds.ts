import type { Db } from '../../db/connection.ts';
import { activePlansOfCustomers, openClaimsOfCustomers, openDisputesOfCustomers, openPromisesOfCustomers } from '../../db/repositories/collections.ts';

/** What the customer already told us about an invoice, which is why reminders wait. */
export type Hold =
  | { readonly kind: 'dispute'; readonly since: string }
  | { readonly kind: 'promise'; readonly date: string; readonly amount: number }
  | { readonly kind: 'claim'; readonly until: string }
  | { readonly kind: 'plan'; readonly since: string };

/** Open disputes, promises, "already paid" claims and active payment plans of one customer, by invoice. */
export async function holdsOfCustomer(db: Db, orgId: string, customerId: string, today: string): Promise<Map<string, Hold[]>> {
  const [disputes, promises, claims, plans] = [
    await openDisputesOfCustomers(db, orgId, [customerId]),
    await openPromisesOfCustomers(db, orgId, [customerId]),
    await openClaimsOfCustomers(db, orgId, [customerId], today),
    await activePlansOfCustomers(db, orgId, [customerId]),
  ];
  const byInvoice = new Map<string, Hold[]>();
  const add = (invoiceId: string, hold: Hold) => byInvoice.set(invoiceId, [...(byInvoice.get(invoiceId) ?? []), hold]);
  for (const d of disputes) add(d.invoiceId, { kind: 'dispute', since: d.openedAt.toISOString() });
  for (const p of promises) add(p.invoiceId, { kind: 'promise', date: p.promisedDate, amount: p.amount });
  for (const c of claims) add(c.invoiceId, { kind: 'claim', until: c.until });
  for (const p of plans) add(p.invoiceId, { kind: 'plan', since: p.agreedOn });
  return byInvoice;
}

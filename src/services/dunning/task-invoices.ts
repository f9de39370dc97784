import type { Db } from '../../db/connection.ts';
import { openInvoiceLists } from '../../db/repositories/dunning.ts';
import type { CustomerDecision } from './decide-customer.ts';
import { groupBy } from './tick-facts.ts';

/**
 * Call tasks list every open invoice of their customer, so the collector has the whole account in front of
 * them. The tick reads only the invoices it may plan; the lists are read here, in the chunk's transaction,
 * once its decisions show which customers get a task.
 */
export async function withOpenInvoiceLists(db: Db, orgId: string, decisions: readonly CustomerDecision[]): Promise<CustomerDecision[]> {
  const lists = groupBy(await openInvoiceLists(db, orgId, decisions.filter((d) => d.tasks.length > 0).map((d) => d.customerId)), (i) => i.customerId);
  return decisions.map((d) => {
    if (d.tasks.length === 0) return d;
    const openInvoices = (lists.get(d.customerId) ?? []).map(({ customerId: _customer, ...line }) => line);
    return { ...d, tasks: d.tasks.map((t) => ({ ...t, row: { ...t.row, details: { ...t.row.details, openInvoices } } })) };
  });
}

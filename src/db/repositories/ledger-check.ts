import { sql } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { queryRows } from '../raw.ts';

export interface LedgerBreach {
  readonly kind: string;
  readonly id: string;
  readonly detail: string;
}

/**
 * The money invariants of an organization, checked from the raw rows: every invoice's paid and credited
 * amounts, and the days of its latest payment and allocation, agree with its active allocations, every payment's amount equals its allocations + refunds + credit,
 * and every credit note's applied amount equals its allocations. Used by tests and by operators after a crash.
 */
export async function ledgerBreaches(db: Db, orgId: string): Promise<LedgerBreach[]> {
  return queryRows<LedgerBreach>(
    db,
    sql`
    select 'invoice' as kind, i.id::text as id,
           format('paid %s/%s credited %s/%s last payment %s/%s last allocation %s/%s', i.amount_paid, coalesce(p.s, 0), i.amount_credited, coalesce(c.s, 0),
                  i.last_payment_on, p.last_on, i.last_allocated_on, greatest(p.last_on, c.last_on)) as detail
      from invoices i
      left join (select invoice_id, sum(amount) s, max(allocated_on) last_on from allocations where org_id = ${orgId} and reversed_at is null and payment_id is not null group by invoice_id) p on p.invoice_id = i.id
      left join (select invoice_id, sum(amount) s, max(allocated_on) last_on from allocations where org_id = ${orgId} and reversed_at is null and credit_note_id is not null group by invoice_id) c on c.invoice_id = i.id
     where i.org_id = ${orgId} and i.kind = 'invoice'
       and (i.amount_paid <> coalesce(p.s, 0) or i.amount_credited <> coalesce(c.s, 0)
         or i.last_payment_on is distinct from p.last_on or i.last_allocated_on is distinct from greatest(p.last_on, c.last_on))
    union all
    select 'payment', p.id::text, format('amount %s allocated %s refunded %s unallocated %s', p.amount, coalesce(a.s, 0), p.refunded, p.unallocated)
      from payments p
      left join (select payment_id, sum(amount) s from allocations where org_id = ${orgId} and reversed_at is null and payment_id is not null group by payment_id) a on a.payment_id = p.id
     where p.org_id = ${orgId}
       and ((p.status = 'recorded' and p.amount <> coalesce(a.s, 0) + p.refunded + p.unallocated)
         or (p.status = 'reversed' and (coalesce(a.s, 0) <> 0 or p.unallocated <> 0)))
    union all
    select 'credit_note', n.id::text, format('applied %s allocated %s', n.amount_credited, coalesce(a.s, 0))
      from invoices n
      left join (select credit_note_id, sum(amount) s from allocations where org_id = ${orgId} and reversed_at is null and credit_note_id is not null group by credit_note_id) a on a.credit_note_id = n.id
     where n.org_id = ${orgId} and n.kind = 'credit_note' and n.amount_credited <> coalesce(a.s, 0)`,
  );
}

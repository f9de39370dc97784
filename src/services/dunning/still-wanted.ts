import { sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.ts';
import { queryRows } from '../../db/raw.ts';
import type { OutboxRow } from '../../db/repositories/outbox.ts';

export type Blocker = 'INVOICE_NOT_FOUND' | 'INVOICE_SETTLED' | 'DISPUTE_OPEN' | 'PROMISE_TO_PAY' | 'PAYMENT_CLAIMED' | 'DUNNING_PAUSED' | 'DUNNING_EXCLUDED' | 'CUSTOMER_IN_COLLECTIONS';

interface Facts {
  id: string;
  receivable: boolean;
  disputed: boolean;
  promised: boolean;
  claimed: boolean;
  paused: boolean;
  excluded: boolean;
  in_collections: boolean;
}

/**
 * Why a queued reminder must not go out now, per invoice it mentions (empty: it may go). Checked against the
 * facts as committed: the invoice still owes money, has no open dispute, no open promise to pay, no "already
 * paid" claim still running, dunning is neither paused nor excluded for it (invoice, customer, organization
 * cascade) and its customer is not with a collection agency, unless this very message announced the hand-off.
 * `at` is the instant the customer's "today" is read at (the database clock when absent).
 */
export async function reminderBlockers(tx: Db, orgId: string, row: Pick<OutboxRow, 'invoiceIds' | 'payload'>, at?: Date): Promise<{ invoiceId: string; blocker: Blocker }[]> {
  if (row.invoiceIds.length === 0) return [];
  const now = at ? sql`${at.toISOString()}::timestamptz` : sql`now()`;
  const facts = await queryRows<Facts>(
    tx,
    sql`select i.id,
               (i.kind = 'invoice' and i.status in ('open', 'partially_paid') and i.balance > 0) as receivable,
               exists (select 1 from disputes d where d.org_id = i.org_id and d.invoice_id = i.id and d.status = 'open') as disputed,
               exists (select 1 from payment_promises p where p.org_id = i.org_id and p.invoice_id = i.id and p.status = 'open') as promised,
               exists (select 1 from payment_claims pc where pc.org_id = i.org_id and pc.invoice_id = i.id and pc.status = 'open'
                         and pc.until >= (${now} at time zone c.time_zone)::date) as claimed,
               coalesce(s.paused, false) as paused,
               case when s.excluded then true when s.policy_id is not null then false
                    when cs.excluded then true when cs.policy_id is not null then false
                    else coalesce(ds.excluded, false) end as excluded,
               c.status = 'in_collections' as in_collections
          from invoices i
          join customers c on c.org_id = i.org_id and c.id = i.customer_id
          left join dunning_invoice_settings s on s.org_id = i.org_id and s.invoice_id = i.id
          left join dunning_customer_settings cs on cs.org_id = i.org_id and cs.customer_id = i.customer_id
          left join dunning_settings ds on ds.org_id = i.org_id
         where i.org_id = ${orgId} and i.id = any(${sql.param([...row.invoiceIds])}::uuid[])`,
  );
  const handedOver = row.payload.handedToCollections === true;
  const byId = new Map(facts.map((f) => [f.id, f]));
  return row.invoiceIds.flatMap((invoiceId) => {
    const f = byId.get(invoiceId);
    const blocker: Blocker | null = !f
      ? 'INVOICE_NOT_FOUND'
      : !f.receivable
        ? 'INVOICE_SETTLED'
        : f.disputed
          ? 'DISPUTE_OPEN'
          : f.promised
            ? 'PROMISE_TO_PAY'
            : f.claimed
              ? 'PAYMENT_CLAIMED'
              : f.paused
                ? 'DUNNING_PAUSED'
                : f.excluded
                  ? 'DUNNING_EXCLUDED'
                  : f.in_collections && !handedOver
                    ? 'CUSTOMER_IN_COLLECTIONS'
                    : null;
    return blocker ? [{ invoiceId, blocker }] : [];
  });
}

/**
 * For the delivery worker, inside its claiming transaction: whether a queued reminder may still go out.
 * A batch goes only if every invoice it lists is still owed and free to be reminded about. Messages that are
 * not reminders are always wanted.
 */
export async function reminderStillWanted(tx: Db, orgId: string, row: OutboxRow, at?: Date): Promise<boolean> {
  if (row.kind !== 'reminder') return true;
  return (await reminderBlockers(tx, orgId, row, at)).length === 0;
}

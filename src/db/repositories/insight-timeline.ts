import { sql } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { queryRows } from '../raw.ts';

export interface TimelineRow {
  readonly kind: 'event' | 'message' | 'portal_view';
  readonly id: string;
  /** UTC, to the microsecond, so it can serve as a cursor. */
  readonly at: string;
  readonly entityType: string | null;
  readonly entityId: string | null;
  readonly action: string | null;
  readonly actorType: string | null;
  readonly actorName: string | null;
  readonly before: unknown;
  readonly after: unknown;
  readonly invoiceNumber: string | null;
  /** Of the invoice or payment the entry is about. */
  readonly currency: string | null;
  readonly channel: string | null;
  readonly status: string | null;
  readonly subject: string | null;
  readonly body: string | null;
  readonly recipient: string | null;
  readonly views: number | null;
}

/**
 * Everything that happened with one customer, newest first: its own events and those of its invoices and
 * payments (a fact logged on both the customer and its invoices shows once), every message to it with its
 * content, and its views of invoices in the portal. Keyset-paged on (time, id).
 */
export async function customerTimeline(
  db: Db,
  orgId: string,
  customerId: string,
  page: { before?: { at: string; id: string }; limit: number },
): Promise<TimelineRow[]> {
  const before = page.before ? sql`and (x.at, x.id) < (${page.before.at}::timestamptz, ${page.before.id}::uuid)` : sql``;
  const rows = await queryRows<{
    kind: TimelineRow['kind'];
    id: string;
    at: string;
    entity_type: string | null;
    entity_id: string | null;
    action: string | null;
    actor_type: string | null;
    actor_id: string | null;
    before: unknown;
    after: unknown;
    invoice_number: string | null;
    currency: string | null;
    channel: string | null;
    status: string | null;
    subject: string | null;
    body: string | null;
    recipient: string | null;
    views: number | null;
  }>(
    db,
    sql`
    with own_invoices as (select id, number, currency from invoices where org_id = ${orgId} and customer_id = ${customerId}),
    own_payments as (select id, currency from payments where org_id = ${orgId} and customer_id = ${customerId}),
    x as (
      select 'event' as kind, e.id, e.occurred_at as at, e.entity_type, e.entity_id, e.action, e.actor_type, e.actor_id, e.before, e.after,
             null::text as invoice_number, null::text as currency, null::text as channel, null::text as status, null::text as subject, null::text as body, null::text as recipient, null::int as views
        from events e where e.org_id = ${orgId} and e.entity_type = 'customer' and e.entity_id = ${customerId}
      union all
      select 'event', e.id, e.occurred_at, e.entity_type, e.entity_id, e.action, e.actor_type, e.actor_id, e.before, e.after,
             oi.number, oi.currency, null, null, null, null, null, null
        from own_invoices oi join events e on e.org_id = ${orgId} and e.entity_type = 'invoice' and e.entity_id = oi.id
       where not exists (select 1 from events c where c.org_id = ${orgId} and c.entity_type = 'customer' and c.entity_id = ${customerId}
                           and c.action = e.action and c.occurred_at = e.occurred_at)
      union all
      select 'event', e.id, e.occurred_at, e.entity_type, e.entity_id, e.action, e.actor_type, e.actor_id, e.before, e.after,
             null, op.currency, null, null, null, null, null, null
        from own_payments op join events e on e.org_id = ${orgId} and e.entity_type = 'payment' and e.entity_id = op.id
      union all
      select 'message', o.id, coalesce(o.sent_at, o.created_at), 'message', o.id, o.kind, null, null, null, null,
             null, null, o.channel, o.status, o.subject, o.body_text, o.recipient, null
        from outbox o where o.org_id = ${orgId} and o.customer_id = ${customerId}
      union all
      select 'portal_view', v.invoice_id, v.last_viewed_at, 'invoice', v.invoice_id, 'portal.viewed', 'customer', null, null, null,
             oi.number, oi.currency, null, null, null, null, null, v.views
        from portal_invoice_views v join own_invoices oi on oi.id = v.invoice_id where v.org_id = ${orgId}
    )
    select x.kind, x.id::text, to_char(x.at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at, x.entity_type, x.entity_id::text, x.action, x.actor_type, x.actor_id, x.before, x.after,
           x.invoice_number, x.currency, x.channel, x.status, x.subject, x.body, x.recipient, x.views
      from x where true ${before}
     order by x.at desc, x.id desc
     limit ${page.limit}`,
  );
  const userIds = [...new Set(rows.filter((r) => r.actor_type === 'user' && r.actor_id).map((r) => r.actor_id!))];
  const keyIds = [...new Set(rows.filter((r) => r.actor_type === 'api_key' && r.actor_id).map((r) => r.actor_id!))];
  const names = new Map<string, string>();
  if (userIds.length > 0)
    for (const u of await queryRows<{ id: string; name: string }>(db, sql`select id::text, name from users where org_id = ${orgId} and id = any(${`{${userIds.join(',')}}`}::uuid[])`))
      names.set(u.id, u.name);
  if (keyIds.length > 0)
    for (const k of await queryRows<{ id: string; name: string }>(db, sql`select id::text, name from api_keys where org_id = ${orgId} and id = any(${`{${keyIds.join(',')}}`}::uuid[])`))
      names.set(k.id, k.name);
  return rows.map((r) => ({
    kind: r.kind,
    id: r.id,
    at: r.at,
    entityType: r.entity_type,
    entityId: r.entity_id,
    action: r.action,
    actorType: r.actor_type,
    actorName: r.actor_id ? (names.get(r.actor_id) ?? null) : null,
    before: r.before,
    after: r.after,
    invoiceNumber: r.invoice_number,
    currency: r.currency,
    channel: r.channel,
    status: r.status,
    subject: r.subject,
    body: r.body,
    recipient: r.recipient,
    views: r.views,
  }));
}

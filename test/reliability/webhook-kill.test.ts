import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '../../src/db/raw.ts';
import { ledgerBreaches } from '../../src/db/repositories/ledger-check.ts';
import { importCustomers } from '../../src/services/import-customers.ts';
import { importInvoices } from '../../src/services/import-invoices.ts';
import { createPortalLink } from '../../src/services/portal/team-links.ts';
import { newOrganization } from '../support/organization.ts';
import { processDatabase, type ProcessDatabase } from '../support/process-database.ts';
import { freePort, startPunctual, type PunctualServer } from '../support/server-process.ts';
import { signedEvent, startStripeStandIn, TEST_WEBHOOK_SECRET, type StripeStandIn } from '../support/stripe-stand-in.ts';

// The server killed (SIGKILL) while Stripe's payment webhooks are in flight, started again, and every event
// delivered once more, as Stripe redelivers what was not acknowledged (and may redeliver what was). Each
// payment must be in the books exactly once, each invoice's balance its total minus what was allocated,
// and each event claimed once with one "succeeded" event per payment.
const PAYMENTS = 120;
const PARALLEL = 8;

let target: ProcessDatabase;
let stripe: StripeStandIn;
let server: PunctualServer | undefined;
let port: number;
let orgId: string;
const invoices: { id: string; customerId: string; total: number; token: string }[] = [];

const env = () => ({ ...target.env, STRIPE_SECRET_KEY: 'sk_test_local', STRIPE_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET, STRIPE_API_URL: stripe.url, WORKERS: 'off' });

beforeAll(async () => {
  target = await processDatabase('webhook');
  stripe = await startStripeStandIn();
  port = await freePort();
  const database = await target.open();
  try {
    const ctx = await newOrganization(database.db, 'Webhook Co');
    orgId = ctx.orgId;
    const refs = Array.from({ length: PAYMENTS }, (_, i) => `W${i}`);
    const customers = await importCustomers(ctx, ['external_ref,name,email', ...refs.map((r) => `${r},Payer ${r},${r.toLowerCase()}@payers.test`)].join('\n'));
    if (!customers.ok) throw new Error(customers.message);
    const imported = await importInvoices(ctx, ['invoice_number,customer_ref,issue_date,due_date,description,unit_price', ...refs.map((r, i) => `${r}-1,${r},2025-05-01,2025-05-31,Design work,${100 + i}.25`)].join('\n'));
    if (!imported.ok) throw new Error(imported.message);
    const rows = await queryRows<{ id: string; customer_id: string; total: string }>(database.db, sql`select id::text, customer_id::text, total::text from invoices where org_id = ${orgId} order by number`);
    for (const row of rows) {
      const link = await createPortalLink(ctx, `http://127.0.0.1:${port}`, row.customer_id, {});
      if (!link.ok) throw new Error(link.message);
      invoices.push({ id: row.id, customerId: row.customer_id, total: Number(row.total), token: new URL(link.value.url).hash.slice(1) });
    }
  } finally {
    await database.close();
  }
  server = await startPunctual(env(), port);
});

afterAll(async () => {
  if (server && server.child.exitCode === null) await server.kill();
  await stripe?.close();
  await target?.dispose();
});

async function inParallel<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) await fn(items[next++]!);
  }));
}

it(`records each of ${PAYMENTS} card payments once when the server is killed mid-webhook and Stripe redelivers`, async () => {
  // Each customer pays its invoice through the portal: a Checkout started on our server (Stripe's side is the stand-in).
  const intents: { eventId: string; intentId: string; onlinePaymentId: string; total: number }[] = [];
  await inParallel(invoices, PARALLEL, async (invoice) => {
    const r = await fetch(`${server!.url}/portal-api/checkout`, { method: 'POST', headers: { 'x-portal-token': invoice.token, 'content-type': 'application/json' }, body: JSON.stringify({ invoiceIds: [invoice.id] }) });
    if (r.status !== 201) throw new Error(`checkout: ${r.status} ${await r.text()}`);
    const { onlinePaymentId } = (await r.json()) as { onlinePaymentId: string };
    intents.push({ eventId: `evt_kill_${intents.length}`, intentId: `pi_kill_${intents.length}`, onlinePaymentId, total: invoice.total });
  });

  // Stripe signs each delivery afresh; the event itself (id, intent, amount) is the same every time.
  const deliver = (i: (typeof intents)[number]) => {
    const { body, signature } = signedEvent({
      id: i.eventId,
      type: 'payment_intent.succeeded',
      created: Math.floor(Date.now() / 1000),
      data: { object: { object: 'payment_intent', id: i.intentId, amount: i.total, amount_received: i.total, currency: 'eur', status: 'succeeded', metadata: { punctual_org_id: orgId, punctual_online_payment_id: i.onlinePaymentId } } },
    });
    return fetch(`${server!.url}/webhooks/stripe`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body });
  };

  const acknowledged = new Set<string>();
  const unanswered: string[] = [];
  let killing: Promise<void> | undefined;
  await inParallel(intents, PARALLEL, async (i) => {
    if (killing) return;
    try {
      const r = await deliver(i);
      if (r.status === 200) acknowledged.add(i.eventId);
      else unanswered.push(`${i.eventId}: ${r.status}`);
    } catch {
      unanswered.push(`${i.eventId}: no answer`);
    }
    // A quarter acknowledged: kill the server with the next requests still being handled.
    if (!killing && acknowledged.size >= PAYMENTS / 4) killing = server!.kill();
  });
  await killing;
  expect(unanswered.length, 'the kill caught no request in flight').toBeGreaterThan(0);

  server = await startPunctual(env(), port);
  const outcomes: Record<string, number> = {};
  await inParallel(intents, PARALLEL, async (i) => {
    const r = await deliver(i);
    expect(r.status, await r.clone().text()).toBe(200);
    const { outcome } = (await r.json()) as { outcome: string };
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
    if (acknowledged.has(i.eventId)) expect(outcome).toBe('duplicate');
  });
  expect(await server.stop(), server.output()).toBe(0);

  const database = await target.open();
  try {
    const perOnline = await queryRows<{ online: string; payments: number; events: number; claims: number; status: string }>(
      database.db,
      sql`select o.id::text as online, o.status,
                 (select count(*)::int from payments p where p.org_id = o.org_id and p.source = 'stripe' and p.external_id = o.payment_intent_id) as payments,
                 (select count(*)::int from events e where e.org_id = o.org_id and e.entity_type = 'online_payment' and e.entity_id = o.id and e.action = 'online_payment.succeeded') as events,
                 (select count(*)::int from provider_events c where c.org_id = o.org_id and c.online_payment_id = o.id) as claims
            from online_payments o where o.org_id = ${orgId}`,
    );
    expect(perOnline).toHaveLength(PAYMENTS);
    expect(perOnline.filter((r) => r.status !== 'succeeded' || r.payments !== 1 || r.events !== 1 || r.claims !== 1)).toEqual([]);
    const open = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from invoices where org_id = ${orgId} and (balance <> 0 or status <> 'paid')`);
    expect(open[0]!.n).toBe(0);
    const money = await queryRows<{ paid: string; total: string }>(database.db, sql`select (select sum(amount)::text from payments where org_id = ${orgId}) as paid, (select sum(total)::text from invoices where org_id = ${orgId}) as total`);
    expect(money[0]!.paid).toBe(money[0]!.total);
    expect(await ledgerBreaches(database.db, orgId)).toEqual([]);
  } finally {
    await database.close();
  }
  console.info(`webhook kill on ${target.kind}: ${acknowledged.size} acknowledged before the kill, ${unanswered.length} cut off; redelivery of all ${PAYMENTS}: ${Object.entries(outcomes).map(([o, n]) => `${n} ${o}`).join(', ')}`);
});

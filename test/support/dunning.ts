import { expect } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { inOrg, type Database } from '../../src/db/connection.ts';
import { newId } from '../../src/db/ids.ts';
import { insertUser } from '../../src/db/repositories/users.ts';
import { dunningHistory, events, outbox, collectionTasks } from '../../src/db/schema/index.ts';
import { date, type PlainDate } from '../../src/domain/dates.ts';
import type { Ctx } from '../../src/services/context.ts';
import { createCustomer } from '../../src/services/create-customer.ts';
import { createInvoice } from '../../src/services/invoices.ts';
import { createOrganization } from '../../src/services/organizations.ts';
import { runDunningTick } from '../../src/services/dunning/run-tick.ts';
import type { TestClock } from './app.ts';

// Shared by the dunning tests: an organization in Bucharest, customers with reachable contacts, invoices
// issued with a chosen due date, and readers for what a tick left behind.

export async function dunningOrg(database: Database, clock: TestClock, name = 'Lumen SRL'): Promise<Ctx> {
  const created = await createOrganization(database.db, clock, { name, baseCurrency: 'EUR', timeZone: 'Europe/Bucharest', locale: 'en' });
  if (!created.ok) throw new Error(created.message);
  return { db: database.db, orgId: created.value.orgId, actor: { type: 'system' }, clock };
}

export interface CustomerOptions {
  readonly name?: string;
  readonly email?: string | null;
  readonly phone?: string | null;
  readonly locale?: 'en' | 'vi' | 'id' | 'ru' | 'ro';
  readonly timeZone?: string;
  readonly line1?: string;
}

export async function dunningCustomer(ctx: Ctx, o: CustomerOptions = {}): Promise<string> {
  const result = await createCustomer(ctx, {
    name: o.name ?? 'Sao Mai SRL',
    currency: 'EUR',
    paymentTerms: 'net_30',
    locale: o.locale ?? 'en',
    timeZone: o.timeZone ?? 'Europe/Bucharest',
    ...(o.line1 ? { billingAddress: { line1: o.line1, city: 'Cluj-Napoca', postalCode: '400000', country: 'RO' } } : {}),
    contacts: [{ name: 'Ana Pop', email: o.email === undefined ? 'ana@saomai.test' : o.email, phone: o.phone === undefined ? '+40721000001' : o.phone, role: 'billing' }],
  });
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.value.customer.id;
}

/** An issued invoice of `amount` minor units, issued 30 days before its due date. */
export async function dunningInvoice(ctx: Ctx, customerId: string, due: string, amount = 100_000): Promise<string> {
  const dueDate = date(due);
  const result = await createInvoice(ctx, {
    customerId,
    issueDate: dueDate.subtract({ days: 30 }).toString(),
    dueDate: due,
    issue: true,
    lines: [{ description: 'Consulting', quantity: 1, unitPrice: amount, taxRateBp: 0 }],
  });
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.value.id;
}

/** Set the clock to a local wall-clock time in Bucharest on `day` (08:00 by default, before the window opens). */
export function at(clock: TestClock, day: string | PlainDate, time = '08:00'): void {
  clock.set(date(day.toString()).toZonedDateTime({ timeZone: 'Europe/Bucharest', plainTime: time }).toInstant());
}

/** A tick in small chunks over two lanes, so every test also proves that chunking and lanes change nothing. */
export async function tick(ctx: Ctx, options: { dryRun?: boolean; date?: PlainDate; chunkSize?: number } = {}) {
  const report = await runDunningTick(ctx.db, ctx.clock, { orgId: ctx.orgId, dryRun: options.dryRun ?? false, chunkSize: options.chunkSize ?? 3, lanes: 2, ...(options.date ? { date: options.date } : {}) });
  expect(report.organizations).toHaveLength(1);
  return report.organizations[0]!;
}

export async function outboxRows(ctx: Ctx) {
  return ctx.db.select().from(outbox).where(eq(outbox.orgId, ctx.orgId)).orderBy(asc(outbox.id));
}

export async function historyRows(ctx: Ctx) {
  return ctx.db.select().from(dunningHistory).where(eq(dunningHistory.orgId, ctx.orgId)).orderBy(asc(dunningHistory.id));
}

export async function taskRows(ctx: Ctx) {
  return ctx.db.select().from(collectionTasks).where(eq(collectionTasks.orgId, ctx.orgId)).orderBy(asc(collectionTasks.id));
}

export async function eventsOf(ctx: Ctx, entityId: string) {
  return ctx.db.select().from(events).where(and(eq(events.orgId, ctx.orgId), eq(events.entityId, entityId))).orderBy(asc(events.id));
}

/** "stepId@YYYY-MM-DD" for each item of each outbox row: what went out, compactly. */
export function sentSteps(rows: readonly { payload: Record<string, unknown> }[]): string[] {
  return rows.flatMap((r) => (r.payload.items as { stepId: string }[]).map((i) => `${i.stepId}@${r.payload.on as string}`));
}

/** A collector of the organization, to be assigned customers and their call tasks. */
export async function dunningCollector(ctx: Ctx, name = 'Ion Pop'): Promise<string> {
  const id = newId();
  const at = ctx.clock.now().toString();
  await inOrg(ctx.db, ctx.orgId, (tx) => insertUser(tx, { orgId: ctx.orgId, id, email: `${id}@lumen.test`, name, role: 'collector', status: 'active', createdAt: new Date(at), updatedAt: new Date(at) }));
  return id;
}

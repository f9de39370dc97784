import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect } from 'vitest';
import { buildServer, type App } from '../../src/http/server.ts';
import type { PaymentProvider } from '../../src/payments/provider.ts';
import { createStripeProvider } from '../../src/payments/stripe/index.ts';
import { fixedClock } from '../../src/services/context.ts';
import { testDatabase } from './database.ts';
import { tenant, type Tenant, type TestClock } from './app.ts';
import { startStripeStandIn, TEST_WEBHOOK_SECRET, type StripeStandIn } from './stripe-stand-in.ts';

export interface PortalSuite {
  database: Awaited<ReturnType<typeof testDatabase>>;
  app: App;
  clock: TestClock;
  /** The organization whose customers use the portal. */
  t: Tenant;
  /** Another organization, for isolation tests. */
  other: Tenant;
  /** Present when the suite runs with Stripe configured: the local stand-in and the provider pointed at it. */
  stripe?: StripeStandIn;
  payments: PaymentProvider | null;
}

/**
 * A database, a server (with Stripe pointed at a local stand-in when asked) and two organizations. The
 * suite object is filled in before the first test.
 */
export function usePortal(options: { stripe?: boolean; at?: string } = {}): PortalSuite {
  const suite = {} as PortalSuite;
  beforeAll(async () => {
    suite.database = await testDatabase();
    suite.clock = fixedClock(options.at ?? '2025-06-15T09:00:00Z');
    if (options.stripe) suite.stripe = await startStripeStandIn();
    suite.payments = suite.stripe ? createStripeProvider({ secretKey: 'sk_test_local', webhookSecret: TEST_WEBHOOK_SECRET, apiUrl: suite.stripe.url }) : null;
    suite.app = await buildServer({ db: suite.database.db, clock: suite.clock, payments: suite.payments });
    await suite.app.ready();
    suite.t = await tenant(suite.database, suite.app, suite.clock);
    suite.other = await tenant(suite.database, suite.app, suite.clock, { name: 'Other Org' });
  });
  afterAll(async () => {
    await suite.app?.close();
    await suite.stripe?.close();
    await suite.database?.dispose();
  });
  return suite;
}

export async function newCustomer(t: Tenant, body: Record<string, unknown> = {}): Promise<{ id: string; contacts: { id: string; email: string }[] }> {
  const r = await t.call('POST', '/api/v1/customers', { name: 'Sao Mai Ltd', currency: 'EUR', paymentTerms: 'net_30', locale: 'en', contacts: [{ name: 'Lan', email: 'lan@saomai.example' }], ...body });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

/** An issued invoice of `amount` minor units (no tax), due 30 days after issueDate. */
export async function newInvoice(t: Tenant, customerId: string, amount: number, body: Record<string, unknown> = {}): Promise<{ id: string; number: string; currency: string; balance: number }> {
  const r = await t.call('POST', '/api/v1/invoices', { customerId, issue: true, issueDate: '2025-05-01', lines: [{ description: 'Design work', quantity: 1, unitPrice: amount, taxRateBp: 0 }], ...body });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

/** A portal link made through the team API; returns its token (the fragment of the URL). */
export async function portalToken(t: Tenant, customerId: string, body: Record<string, unknown> = {}): Promise<string> {
  const r = await t.call('POST', `/api/v1/customers/${customerId}/portal-links`, body);
  expect(r.statusCode, r.body).toBe(201);
  const url = new URL(r.json().url);
  return url.hash.slice(1);
}

export function portalCall(app: App, token: string, method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown, ip = '203.0.113.7'): Promise<LightMyRequestResponse> {
  return app.inject({ method, url: `/portal-api${url}`, remoteAddress: ip, headers: { 'x-portal-token': token }, ...(body === undefined ? {} : { payload: body as object }) });
}

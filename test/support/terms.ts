import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import type { App } from '../../src/http/server.ts';
import { createApiKey } from '../../src/services/organizations.ts';
import type { Tenant, TestClock } from './app.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
/** What the API answered, as parsed JSON. */
type Json = ReturnType<typeof JSON.parse>;
type Body = Record<string, unknown>;

/** A caller of the API as one tenant, with PUT, and helpers that build the usual fixtures. */
export class TermsClient {
  constructor(
    private readonly app: App,
    readonly t: Tenant,
    private readonly key = t.key,
  ) {}

  call(method: Method, url: string, body?: unknown): Promise<LightMyRequestResponse> {
    // A string body is sent as raw JSON text, so tests can send what no JavaScript object can express.
    const headers: Record<string, string> = { authorization: `Bearer ${this.key}`, ...(typeof body === 'string' ? { 'content-type': 'application/json' } : {}) };
    return this.app.inject({ method, url: `/api/v1${url}`, headers, ...(body === undefined ? {} : { payload: body as object | string }) });
  }

  async ok(method: Method, url: string, body?: unknown, status = 200): Promise<Json> {
    const r = await this.call(method, url, body);
    expect(r.statusCode, `${method} ${url}: ${r.body}`).toBe(status);
    return r.json();
  }

  async fails(method: Method, url: string, body: unknown, status: number, code?: string, field?: string): Promise<Json> {
    const r = await this.call(method, url, body);
    expect(r.statusCode, `${method} ${url} ${JSON.stringify(body)}: ${r.body}`).toBe(status);
    const error = r.json().error;
    if (code) expect(error.code).toBe(code);
    if (field) expect(error.field).toBe(field);
    return error;
  }

  customer(body: Body = {}): Promise<Json> {
    return this.ok('POST', '/customers', { name: 'Cửa hàng Minh An', currency: 'EUR', paymentTerms: 'net_30', contacts: [{ name: 'An', email: 'an@example.vn' }], ...body }, 201);
  }

  invoice(customerId: string, body: Body = {}): Promise<Json> {
    return this.ok('POST', '/invoices', { customerId, issue: true, lines: [{ description: 'Consulting', quantity: 1, unitPrice: 100_000 }], ...body }, 201);
  }

  pay(customerId: string, amount: number, receivedOn: string, invoiceId?: string): Promise<Json> {
    return this.ok(
      'POST',
      '/payments',
      { customerId, amount, currency: 'EUR', receivedOn, method: 'bank_transfer', ...(invoiceId ? { allocations: [{ invoiceId, amount }] } : {}) },
      201,
    );
  }

  /** The same organization through a key of another role. */
  async as(database: Database, clock: TestClock, role: string): Promise<TermsClient> {
    const { key } = await createApiKey(database.db, clock, this.t.orgId, role, role);
    return new TermsClient(this.app, this.t, key);
  }
}

export const ZERO_UUID = '00000000-0000-4000-8000-000000000000';

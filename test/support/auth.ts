import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { queryRows } from '../../src/db/raw.ts';
import type { App } from '../../src/http/server.ts';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** A browser-like client: keeps the cookies it is given and echoes the CSRF token on changes. */
export class Browser {
  readonly cookies = new Map<string, string>();
  constructor(
    private readonly app: App,
    readonly ip = '203.0.113.10',
  ) {}

  get csrf(): string | undefined {
    return this.cookies.get('punctual_csrf');
  }

  async call(method: Method, url: string, body?: unknown, options: { csrf?: string | false; headers?: Record<string, string> } = {}): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const csrf = options.csrf === undefined ? this.csrf : options.csrf;
    if (method !== 'GET' && csrf) headers['x-csrf-token'] = csrf;
    const response = await this.app.inject({ method, url, headers, remoteAddress: this.ip, ...(body === undefined ? {} : { payload: body as object }) });
    for (const c of response.cookies as { name: string; value: string; expires?: Date }[]) {
      if (c.value === '' || (c.expires && c.expires.getTime() <= 0)) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return response;
  }
}

let counter = 0;

export function uniqueEmail(label = 'user'): string {
  counter += 1;
  return `${label}.${counter}.${Math.random().toString(36).slice(2, 8)}@example.com`;
}

export const PASSWORD = 'correct horse battery';

/** Signs up a new organization in a fresh browser; returns the browser (signed in as the owner) and the answer. */
export async function signUp(app: App, overrides: Record<string, unknown> = {}, ip = `10.${counter % 250}.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`) {
  const browser = new Browser(app, ip);
  const email = (overrides.email as string | undefined) ?? uniqueEmail('owner');
  const response = await browser.call('POST', '/api/v1/auth/signup', {
    organizationName: 'Acme SRL',
    baseCurrency: 'EUR',
    name: 'Olga Owner',
    email,
    password: PASSWORD,
    timeZone: 'Europe/Bucharest',
    ...overrides,
  });
  expect(response.statusCode, response.body).toBe(201);
  return { browser, email, body: response.json() as { user: { id: string }; organization: { id: string }; csrfToken: string } };
}

export interface QueuedMessage {
  kind: string;
  recipient: string;
  subject: string;
  body_text: string;
  idempotency_key: string;
}

/** Messages queued in the outbox for a recipient, oldest first. */
export async function queuedFor(database: Database, recipient: string): Promise<QueuedMessage[]> {
  return queryRows<QueuedMessage>(database.db, sql`select kind, recipient, subject, body_text, idempotency_key from outbox where recipient = ${recipient} order by id`);
}

/** The single-use token in the last emailed link of a kind. */
export async function emailedToken(database: Database, recipient: string, kind: string): Promise<string> {
  const message = (await queuedFor(database, recipient)).filter((m) => m.kind === kind).at(-1);
  const token = /#token=([A-Za-z0-9_-]+)/.exec(message?.body_text ?? '')?.[1];
  if (!token) throw new Error(`No ${kind} link emailed to ${recipient}`);
  return token;
}

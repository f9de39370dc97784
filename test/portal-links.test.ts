import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/raw.ts';
import { buildServer } from '../src/http/server.ts';
import { date } from '../src/domain/dates.ts';
import { runDunningTick } from '../src/services/dunning/run-tick.ts';
import { hashPortalToken } from '../src/services/portal/links.ts';
import { requestPortalLinks } from '../src/services/portal/request-link.ts';
import { newCustomer, newInvoice, portalCall, portalToken, usePortal } from './support/portal.ts';

const suite = usePortal();

async function outboxOf(orgId: string, kind: string) {
  return queryRows<{ recipient: string; subject: string; body_text: string; idempotency_key: string; customer_id: string }>(
    suite.database.db,
    sql`select recipient, subject, body_text, idempotency_key, customer_id from outbox where org_id = ${orgId} and kind = ${kind} order by id`,
  );
}

describe('magic links', () => {
  it('opens one customer\'s portal with a link whose token is stored only as a hash', async () => {
    const c = await newCustomer(suite.t);
    const invoice = await newInvoice(suite.t, c.id, 12_000);
    const created = await suite.t.call('POST', `/api/v1/customers/${c.id}/portal-links`, { contactId: c.contacts[0]!.id });
    expect(created.statusCode, created.body).toBe(201);
    const link = created.json();
    expect(link.url).toMatch(/^http:\/\/localhost:\d+\/portal#[A-Za-z0-9_-]{32}$/);
    expect(link).toMatchObject({ customerId: c.id, contactId: c.contacts[0]!.id, origin: 'team' });
    expect(new Date(link.expiresAt).getTime() - new Date(link.createdAt).getTime()).toBe(30 * 86_400_000);
    const token = new URL(link.url).hash.slice(1);

    const stored = await queryRows<{ token_hash: string }>(suite.database.db, sql`select token_hash from portal_links where id = ${link.id}`);
    expect(stored[0]!.token_hash).toBe(hashPortalToken(token));
    expect(JSON.stringify(await queryRows(suite.database.db, sql`select * from portal_links`))).not.toContain(token);

    const overview = await portalCall(suite.app, token, 'GET', '/overview');
    expect(overview.statusCode, overview.body).toBe(200);
    expect(overview.headers['cache-control']).toBe('no-store');
    expect(overview.json().customer.name).toBe('Sao Mai Ltd');
    expect(overview.json().documents.map((d: { id: string }) => d.id)).toEqual([invoice.id]);

    const listed = (await suite.t.call('GET', `/api/v1/customers/${c.id}/portal-links`)).json().data;
    expect(listed.map((l: { id: string }) => l.id)).toEqual([link.id]);
    expect(JSON.stringify(listed)).not.toMatch(/url|tokenHash|token_hash/);
  });

  it('refuses missing, malformed and unknown tokens, API keys and sessions alike', async () => {
    const none = await suite.app.inject({ method: 'GET', url: '/portal-api/overview', remoteAddress: '198.51.100.1' });
    expect(none.statusCode).toBe(401);
    expect(none.json().error.code).toBe('PORTAL_LINK_INVALID');
    for (const token of ['x', 'A'.repeat(32), `${'A'.repeat(31)}!`, 'A'.repeat(5000)]) {
      const r = await portalCall(suite.app, token, 'GET', '/overview', undefined, '198.51.100.1');
      expect(r.statusCode).toBe(401);
    }
    const apiKey = await suite.app.inject({ method: 'GET', url: '/portal-api/overview', remoteAddress: '198.51.100.1', headers: { authorization: `Bearer ${suite.t.key}` } });
    expect(apiKey.statusCode).toBe(401);
  });

  it('a portal token opens nothing of the team API', async () => {
    const c = await newCustomer(suite.t, { name: 'Token Probe' });
    const token = await portalToken(suite.t, c.id);
    const r = await suite.app.inject({ method: 'GET', url: '/api/v1/invoices', headers: { 'x-portal-token': token } });
    expect(r.statusCode).toBe(401);
    const bearer = await suite.app.inject({ method: 'GET', url: '/api/v1/invoices', headers: { authorization: `Bearer ${token}` } });
    expect(bearer.statusCode).toBe(401);
  });

  it('stops working when it expires or is revoked', async () => {
    const c = await newCustomer(suite.t, { name: 'Expiring Co' });
    const short = await portalToken(suite.t, c.id, { validDays: 1 });
    const other = await portalToken(suite.t, c.id);
    expect((await portalCall(suite.app, short, 'GET', '/overview')).statusCode).toBe(200);
    suite.clock.set('2025-06-16T09:00:01Z');
    try {
      expect((await portalCall(suite.app, short, 'GET', '/overview')).statusCode).toBe(401);
      expect((await portalCall(suite.app, other, 'GET', '/overview')).statusCode).toBe(200);
    } finally {
      suite.clock.set('2025-06-15T09:00:00Z');
    }

    const links = (await suite.t.call('GET', `/api/v1/customers/${c.id}/portal-links`)).json().data as { id: string }[];
    const one = await suite.t.call('DELETE', `/api/v1/customers/${c.id}/portal-links/${links[0]!.id}`);
    expect(one.json()).toEqual({ revoked: 1 });
    const again = await suite.t.call('DELETE', `/api/v1/customers/${c.id}/portal-links/${links[0]!.id}`);
    expect(again.json()).toEqual({ revoked: 0 });
    const third = await portalToken(suite.t, c.id);
    const all = await suite.t.call('DELETE', `/api/v1/customers/${c.id}/portal-links`);
    expect(all.json().revoked).toBeGreaterThanOrEqual(1);
    for (const token of [short, other, third]) expect((await portalCall(suite.app, token, 'GET', '/overview')).statusCode).toBe(401);
    const events = (await suite.t.call('GET', `/api/v1/events?entityId=${c.id}`)).json().data.map((e: { action: string }) => e.action);
    expect(events).toContain('portal_link.revoked');
  });

  it('checks what the team asks for', async () => {
    const c = await newCustomer(suite.t, { name: 'Strict Input' });
    for (const body of [{ validDays: 0 }, { validDays: 366 }, { validDays: '30' }, { contactId: 'nope' }, { extra: 1 }]) {
      const r = await suite.t.call('POST', `/api/v1/customers/${c.id}/portal-links`, body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
    }
    const strangerContact = (await newCustomer(suite.t, { name: 'Someone Else' })).contacts[0]!.id;
    const r = await suite.t.call('POST', `/api/v1/customers/${c.id}/portal-links`, { contactId: strangerContact });
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('CONTACT_NOT_FOUND');
  });
});

describe('isolation', () => {
  it('keeps a link to its own customer: other customers\' invoices read as unknown', async () => {
    const mine = await newCustomer(suite.t, { name: 'Mine SRL' });
    const theirs = await newCustomer(suite.t, { name: 'Theirs SRL' });
    const foreign = await newInvoice(suite.t, theirs.id, 5_000);
    const token = await portalToken(suite.t, mine.id);
    for (const path of [`/invoices/${foreign.id}`, `/invoices/${foreign.id}/pdf`, `/invoices/${foreign.id}/ubl`]) {
      const r = await portalCall(suite.app, token, 'GET', path);
      expect(r.statusCode, path).toBe(404);
      expect(r.json().error.code).toBe('INVOICE_NOT_FOUND');
    }
    expect((await portalCall(suite.app, token, 'GET', '/overview')).json().documents).toEqual([]);
    const views = (await suite.t.call('GET', `/api/v1/invoices/${foreign.id}/portal-views`)).json();
    expect(views.views).toBe(0);
  });

  it('another organization can neither make, list, revoke nor read links and views of ours', async () => {
    const c = await newCustomer(suite.t, { name: 'Guarded Ltd' });
    const invoice = await newInvoice(suite.t, c.id, 7_000);
    const token = await portalToken(suite.t, c.id);
    const links = (await suite.t.call('GET', `/api/v1/customers/${c.id}/portal-links`)).json().data as { id: string }[];
    const attempts = [
      await suite.other.call('POST', `/api/v1/customers/${c.id}/portal-links`, {}),
      await suite.other.call('GET', `/api/v1/customers/${c.id}/portal-links`),
      await suite.other.call('DELETE', `/api/v1/customers/${c.id}/portal-links`),
      await suite.other.call('DELETE', `/api/v1/customers/${c.id}/portal-links/${links[0]!.id}`),
      await suite.other.call('GET', `/api/v1/invoices/${invoice.id}/portal-views`),
      await suite.other.call('GET', `/api/v1/customers/${c.id}/autopay`),
    ];
    for (const r of attempts) expect(r.statusCode, r.body).toBe(404);
    const theirs = await newCustomer(suite.other, { name: 'Theirs' });
    const revokeTheirs = await suite.other.call('DELETE', `/api/v1/customers/${theirs.id}/portal-links/${links[0]!.id}`);
    expect(revokeTheirs.statusCode).toBe(404);
    expect((await portalCall(suite.app, token, 'GET', '/overview')).statusCode).toBe(200);
    expect((await suite.t.call('GET', `/api/v1/customers/${c.id}/portal-links`)).json().data).toHaveLength(1);
    const otherToken = await portalToken(suite.other, theirs.id);
    expect((await portalCall(suite.app, otherToken, 'GET', `/invoices/${invoice.id}`)).statusCode).toBe(404);
  });
});

describe('rate limits', () => {
  it('shuts out an address that tries many unknown links, even with a good one, and not other addresses', async () => {
    const c = await newCustomer(suite.t, { name: 'Limited Co' });
    const token = await portalToken(suite.t, c.id);
    const ip = '192.0.2.55';
    for (let i = 0; i < 20; i++) expect((await portalCall(suite.app, `${'B'.repeat(31)}${i % 10}`, 'GET', '/overview', undefined, ip)).statusCode).toBe(401);
    const blocked = await portalCall(suite.app, token, 'GET', '/overview', undefined, ip);
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await portalCall(suite.app, token, 'GET', '/overview', undefined, '192.0.2.56')).statusCode).toBe(200);
    suite.clock.set('2025-06-15T09:16:00Z');
    try {
      expect((await portalCall(suite.app, token, 'GET', '/overview', undefined, ip)).statusCode).toBe(200);
    } finally {
      suite.clock.set('2025-06-15T09:00:00Z');
    }
  });

  it('limits how often one link is used, from any address', async () => {
    const c = await newCustomer(suite.t, { name: 'Busy Link' });
    const token = await portalToken(suite.t, c.id);
    const probe = '/invoices/00000000-0000-4000-8000-000000000000';
    let status = 0;
    for (let i = 0; i < 120 && status !== 429; i++) status = (await portalCall(suite.app, token, 'GET', probe, undefined, `10.1.${i % 250}.${Math.floor(i / 250) + 1}`)).statusCode;
    expect(status).toBe(429);
    const fresh = await portalToken(suite.t, c.id);
    expect((await portalCall(suite.app, fresh, 'GET', '/overview', undefined, '10.9.9.9')).statusCode).toBe(200);
  });

  it('counts PORTAL_REQUESTS_PER_ADDRESS per client address as the trusted proxy saw it, whatever X-Forwarded-For the client wrote', async () => {
    const c = await newCustomer(suite.t, { name: 'Office Network' });
    const tokens = [await portalToken(suite.t, c.id), await portalToken(suite.t, c.id)];
    const proxied = await buildServer({ db: suite.database.db, clock: suite.clock, trustProxy: ['10.0.0.0/8'], portalRequestsPerAddress: 4 });
    const open = (token: string, forwardedFor: string, socket: string) =>
      proxied.inject({ method: 'GET', url: '/portal-api/overview', remoteAddress: socket, headers: { 'x-portal-token': token, 'x-forwarded-for': forwardedFor } });
    try {
      // Through the proxy: the client invents a new address each time, the proxy appends the one it saw.
      for (let i = 0; i < 3; i++) expect((await open(tokens[i % 2]!, `198.51.100.${i}, 203.0.113.40`, '10.0.0.2')).statusCode).toBe(200);
      const refused = await open(tokens[1]!, '198.51.100.9, 203.0.113.40', '10.0.0.3');
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error.code).toBe('RATE_LIMITED');
      expect((await open(tokens[1]!, '203.0.113.41', '10.0.0.2')).statusCode).toBe(200);
      // Straight from an address that is no trusted proxy, X-Forwarded-For counts for nothing.
      const direct = [];
      for (let i = 0; i < 4; i++) direct.push((await open(tokens[0]!, `198.51.100.${20 + i}`, '198.18.5.5')).statusCode);
      expect(direct).toEqual([200, 200, 200, 429]);
    } finally {
      await proxied.close();
    }
    // The limit belongs to the server that was given it: the default one still lets that many through.
    for (let i = 0; i < 4; i++) expect((await portalCall(suite.app, tokens[0]!, 'GET', '/overview', undefined, '203.0.113.42')).statusCode).toBe(200);
  });
});

describe('asking for a fresh link by email', () => {
  it('emails every customer with that address a link in its language, and answers the same for unknown addresses', async () => {
    const vi = await newCustomer(suite.t, { name: 'Công ty Sao Khuê', locale: 'vi', contacts: [{ name: 'Hoa', email: 'Ke.Toan@saokhue.example' }] });
    const ro = await newCustomer(suite.other, { name: 'Contabil SRL', locale: 'ro', contacts: [{ name: 'Ana', email: 'ke.toan@saokhue.example' }] });
    const known = await suite.app.inject({ method: 'POST', url: '/portal-api/request-link', remoteAddress: '203.0.113.90', payload: { email: 'ke.toan@saokhue.example' } });
    const unknown = await suite.app.inject({ method: 'POST', url: '/portal-api/request-link', remoteAddress: '203.0.113.90', payload: { email: 'nobody@nowhere.example' } });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);

    await expect.poll(async () => (await outboxOf(suite.t.orgId, 'portal_link')).length).toBe(1);
    await expect.poll(async () => (await outboxOf(suite.other.orgId, 'portal_link')).length).toBe(1);
    const [mail] = await outboxOf(suite.t.orgId, 'portal_link');
    expect(mail).toMatchObject({ recipient: 'Ke.Toan@saokhue.example', subject: 'Hóa đơn của bạn từ Test Co', customer_id: vi.id });
    const url = /http\S+/.exec(mail!.body_text)![0];
    const overview = await portalCall(suite.app, new URL(url).hash.slice(1), 'GET', '/overview');
    expect(overview.json().customer).toMatchObject({ name: 'Công ty Sao Khuê', locale: 'vi' });
    const [other] = await outboxOf(suite.other.orgId, 'portal_link');
    expect(other).toMatchObject({ subject: 'Facturile dumneavoastră de la Other Org', customer_id: ro.id });
  });

  it('sends at most three emails an hour to one address and refuses an address that floods requests', async () => {
    await newCustomer(suite.t, { name: 'Flood Target', contacts: [{ name: 'Bo', email: 'bo@flood.example' }] });
    const access = { db: suite.database.db, clock: suite.clock };
    let queued = 0;
    for (let i = 0; i < 5; i++) {
      const r = await requestPortalLinks(access, 'https://pay.example', 'bo@flood.example', `198.18.0.${i}`);
      if (!r.ok) throw new Error(r.message);
      queued += await r.value.queued;
    }
    expect(queued).toBe(3);
    let last = await requestPortalLinks(access, 'https://pay.example', 'x@y.example', '198.18.1.1');
    for (let i = 0; i < 10; i++) last = await requestPortalLinks(access, 'https://pay.example', 'x@y.example', '198.18.1.1');
    expect(last).toMatchObject({ ok: false, code: 'RATE_LIMITED' });
    const http = await suite.app.inject({ method: 'POST', url: '/portal-api/request-link', remoteAddress: '198.18.1.1', payload: { email: 'x@y.example' } });
    expect(http.statusCode).toBe(429);
  });

  it('refuses what is not an email address', async () => {
    for (const payload of [{ email: 'not an email' }, { email: 42 }, {}, { email: 'a@b.example', extra: true }]) {
      const r = await suite.app.inject({ method: 'POST', url: '/portal-api/request-link', remoteAddress: '203.0.113.91', payload });
      expect(r.statusCode, JSON.stringify(payload)).toBe(400);
    }
  });
});

describe('links in reminders', () => {
  it('every reminder email carries its own link to the customer\'s portal, for the organization\'s link lifetime', async () => {
    const c = await newCustomer(suite.t, { name: 'Reminded Ltd', contacts: [{ name: 'Lan', email: 'lan@reminded.example', isPrimary: true }] });
    await newInvoice(suite.t, c.id, 50_000, { issueDate: '2025-05-01' });
    const saved = await suite.t.call('PATCH', '/api/v1/portal/settings', { linkValidDays: 7 });
    expect(saved.json()).toMatchObject({ linkValidDays: 7 });
    await runDunningTick(suite.database.db, suite.clock, { orgId: suite.t.orgId, date: date('2025-06-10'), dryRun: false });

    const reminders = (await suite.t.call('GET', `/api/v1/messages?customerId=${c.id}`)).json().data.filter((m: { kind: string }) => m.kind === 'reminder');
    expect(reminders).toHaveLength(1);
    const detail = (await suite.t.call('GET', `/api/v1/messages/${reminders[0].id}`)).json();
    const token = /\/portal#([A-Za-z0-9_-]{32})/u.exec(detail.bodyText)?.[1];
    expect(token, detail.bodyText).toBeDefined();
    expect(detail.bodyHtml).toContain(`/portal#${token}`);
    expect((await portalCall(suite.app, token!, 'GET', '/overview')).json().customer.name).toBe('Reminded Ltd');
    const [link] = (await suite.t.call('GET', `/api/v1/customers/${c.id}/portal-links`)).json().data;
    expect(link).toMatchObject({ origin: 'reminder', contactId: c.contacts[0]!.id, expiresAt: '2025-06-22T09:00:00.000Z' });
    // Another organization's customers never see it, and its settings are its own.
    expect((await suite.other.call('GET', `/api/v1/customers/${c.id}/portal-links`)).statusCode).toBe(404);
    expect((await suite.other.call('GET', '/api/v1/portal/settings')).json().linkValidDays).toBe(30);
    expect((await suite.t.call('PATCH', '/api/v1/portal/settings', { linkValidDays: 400 })).statusCode).toBe(400);
    await suite.t.call('PATCH', '/api/v1/portal/settings', { linkValidDays: 30 });
  });

  it('a dry run shows the plain portal address and makes no link', async () => {
    const c = await newCustomer(suite.t, { name: 'Previewed Ltd', contacts: [{ name: 'Mai', email: 'mai@previewed.example', isPrimary: true }] });
    await newInvoice(suite.t, c.id, 40_000, { issueDate: '2025-05-01' });
    const report = await runDunningTick(suite.database.db, suite.clock, { orgId: suite.t.orgId, date: date('2025-06-10'), dryRun: true });
    const decision = report.organizations[0]!.decisions.find((d) => d.customerId === c.id)!;
    expect(decision.queued[0]!.content.bodyText).toMatch(/\/portal(?!#)/u);
    expect(decision.queued[0]!.portalToken).toBeNull();
    expect((await suite.t.call('GET', `/api/v1/customers/${c.id}/portal-links`)).json().data).toEqual([]);
  });
});

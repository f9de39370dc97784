import QRCode from 'qrcode';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/raw.ts';
import type { App } from '../src/http/server.ts';
import { createFirstOrganization } from '../src/services/auth/first-organization.ts';
import { DEMO_USER } from '../src/services/auth/demo-user.ts';
import { demoApiKey, demoExists, seedDemo } from '../src/services/seed-demo.ts';
import { authOptions } from '../src/http/auth/options.ts';
import { buildServer } from '../src/http/server.ts';
import { testApp, type TestClock } from './support/app.ts';
import { Browser, PASSWORD, signUp } from './support/auth.ts';
import { testDatabase } from './support/database.ts';

let database: Awaited<ReturnType<typeof testDatabase>>;
let app: App;
let clock: TestClock;

beforeAll(async () => {
  database = await testDatabase();
  ({ app, clock } = await testApp(database));
});
afterAll(async () => {
  await app.close();
  await database.dispose();
});

const upload = (browser: Browser, bytes: Buffer, type: string) => browser.call('PUT', '/api/v1/settings/logo', bytes, { headers: { 'content-type': type } });

describe('organization settings', () => {
  it('reads and changes the organization, recording who changed what', async () => {
    const { browser, body } = await signUp(app, { organizationName: 'Sao Mai', baseCurrency: 'VND', timeZone: 'Asia/Ho_Chi_Minh' });
    expect((await browser.call('GET', '/api/v1/settings')).json()).toMatchObject({ name: 'Sao Mai', baseCurrency: 'VND', locale: 'en', defaultPaymentTerms: 'net_30', numberSeries: [], logo: null });
    const patch = { legalName: 'Công ty TNHH Sao Mai', taxId: '0312345678', address: { line1: '12 Lê Lợi', city: 'Hồ Chí Minh', country: 'VN' }, locale: 'vi', country: 'VN', defaultPaymentTerms: 'eom_15' };
    const changed = await browser.call('PATCH', '/api/v1/settings', patch);
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject(patch);
    const [event] = (await browser.call('GET', '/api/v1/events?entityType=organization&limit=1')).json().data;
    expect(event).toMatchObject({ action: 'organization.updated', actorId: body.user.id, before: { locale: 'en', legalName: null }, after: { locale: 'vi' } });
  });

  it('names the field of every bad setting and changes nothing', async () => {
    const { browser } = await signUp(app);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ baseCurrency: 'EURO' }, 'baseCurrency', 'VALIDATION_FAILED'],
      [{ baseCurrency: 'XYZ' }, 'baseCurrency', 'INVALID_CURRENCY'],
      [{ timeZone: 'Europe/Atlantis' }, 'timeZone', 'INVALID_TIME_ZONE'],
      [{ locale: 'fr' }, 'locale', 'INVALID_LOCALE'],
      [{ defaultPaymentTerms: 'fixed_2025-12-31' }, 'defaultPaymentTerms', 'INVALID_PAYMENT_TERMS'],
      [{ defaultPaymentTerms: 'net_9999' }, 'defaultPaymentTerms', 'INVALID_PAYMENT_TERMS'],
      [{ name: '   ' }, 'name', 'INVALID_NAME'],
      [{ name: 'a\u0000b' }, 'name', 'VALIDATION_FAILED'],
      [{ country: 'ro' }, 'country', 'VALIDATION_FAILED'],
      [{ plan: 'enterprise' }, 'plan', 'VALIDATION_FAILED'],
      [{}, 'body', 'VALIDATION_FAILED'],
    ];
    const before = (await browser.call('GET', '/api/v1/settings')).body;
    for (const [patch, field, code] of cases) {
      const r = await browser.call('PATCH', '/api/v1/settings', patch);
      expect(r.json().error, JSON.stringify(patch)).toMatchObject({ code, field });
    }
    expect((await browser.call('GET', '/api/v1/settings')).body).toBe(before);
  });

  it('moves a number series back only as far as no used number would be given again', async () => {
    const { browser } = await signUp(app);
    const customer = (await browser.call('POST', '/api/v1/customers', { name: 'Buyer', currency: 'EUR' })).json();
    const issue = async () => (await browser.call('POST', '/api/v1/invoices', { customerId: customer.id, issue: true, lines: [{ description: 'x', quantity: '1', unitPrice: 100 }] })).json().number;
    expect(await issue()).toBe('INV-00001');
    const set = (series: string, body: object) => browser.call('PUT', `/api/v1/settings/number-series/${series}`, body);
    expect((await set('INV', { prefix: 'F2025/', padding: 4, nextNumber: 100 })).json()).toEqual({ series: 'INV', prefix: 'F2025/', padding: 4, nextNumber: 100 });
    expect(await issue()).toBe('F2025/0100');
    expect(await issue()).toBe('F2025/0101');
    const back = await set('INV', { prefix: 'F2025/', padding: 4, nextNumber: 101 });
    expect(back.json().error).toMatchObject({ code: 'NUMBER_ALREADY_USED', field: 'nextNumber' });
    expect((await set('INV', { prefix: 'F2025/', padding: 4, nextNumber: 102 })).statusCode).toBe(200);
    // Under the old prefix only INV-00001 was used: going back to it may restart at 2, not at 1.
    expect((await set('INV', { prefix: 'INV-', padding: 5, nextNumber: 1 })).json().error.code).toBe('NUMBER_ALREADY_USED');
    expect((await set('INV', { prefix: 'INV-', padding: 5, nextNumber: 2 })).statusCode).toBe(200);
    expect(await issue()).toBe('INV-00002');
    expect((await browser.call('GET', '/api/v1/settings')).json().numberSeries).toEqual([{ series: 'INV', prefix: 'INV-', padding: 5, nextNumber: 3 }]);
    for (const bad of [{ prefix: 'A', padding: 13, nextNumber: 1 }, { prefix: 'A', padding: 2, nextNumber: 0 }, { prefix: 'A\tB', padding: 2, nextNumber: 5 }, { prefix: 'A', padding: 2, nextNumber: 1.5 }])
      expect((await set('INV', bad)).statusCode, JSON.stringify(bad)).toBe(400);
    expect((await set('../../x', { prefix: 'A', padding: 2, nextNumber: 5 })).statusCode).toBe(404);
    expect((await set('BAD SERIES', { prefix: 'A', padding: 2, nextNumber: 5 })).statusCode).toBe(400);
  });
});

describe('the logo', () => {
  it('stores a PNG or JPEG recognised by its bytes, serves it back, and removes it', async () => {
    const { browser } = await signUp(app);
    const png = await QRCode.toBuffer('Punctual', { type: 'png' });
    const saved = await upload(browser, png, 'image/png');
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().logo).toMatchObject({ contentType: 'image/png', size: png.length });
    const served = await browser.call('GET', '/api/v1/settings/logo');
    expect(served.headers['content-type']).toBe('image/png');
    expect(served.rawPayload.equals(png)).toBe(true);
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(200, 7), Buffer.from([0xff, 0xd9])]);
    expect((await upload(browser, jpeg, 'image/jpeg')).json().logo.contentType).toBe('image/jpeg');
    expect((await browser.call('DELETE', '/api/v1/settings/logo')).json().logo).toBeNull();
    expect((await browser.call('GET', '/api/v1/settings/logo')).statusCode).toBe(404);
    expect((await browser.call('DELETE', '/api/v1/settings/logo')).statusCode).toBe(404);
  });

  it('refuses impostors, other formats and anything over 512 KB', async () => {
    const { browser } = await signUp(app);
    const png = await QRCode.toBuffer('Punctual', { type: 'png' });
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
    expect((await upload(browser, svg, 'image/png')).json().error.code).toBe('INVALID_IMAGE');
    expect((await upload(browser, svg, 'image/svg+xml')).statusCode).toBe(415);
    expect((await upload(browser, png, 'image/jpeg')).json().error.code).toBe('INVALID_IMAGE');
    expect((await upload(browser, png.subarray(0, 9), 'image/png')).json().error.code).toBe('INVALID_IMAGE');
    const html = Buffer.concat([png.subarray(0, 8), Buffer.from('<html><script>alert(1)</script></html>')]);
    expect((await upload(browser, html, 'image/png')).json().error.code).toBe('INVALID_IMAGE');
    const huge = Buffer.concat([png, Buffer.alloc(512 * 1024)]);
    expect((await upload(browser, huge, 'image/png')).statusCode).toBe(413);
    expect((await browser.call('PUT', '/api/v1/settings/logo', { image: png.toString('base64') })).json().error.code).toBe('INVALID_IMAGE');
    expect((await browser.call('GET', '/api/v1/settings')).json().logo).toBeNull();
  });
});

describe('the first real organization and the demo', () => {
  it('creates an organization whose owner sets a password with the one-time link, and an owner API key', async () => {
    const created = await createFirstOrganization(database.db, clock, { publicUrl: 'https://ar.example.com/' }, { name: 'Nordwind GmbH', baseCurrency: 'EUR', ownerEmail: 'Anna@Nordwind.example', timeZone: 'Europe/Berlin' });
    if (!created.ok) throw new Error(created.message);
    const { passwordLink, apiKey, organization } = created.value;
    expect(passwordLink).toMatch(/^https:\/\/ar\.example\.com\/accept-invitation#token=[\w-]{43}$/);
    const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${apiKey}` } });
    expect(me.json()).toMatchObject({ role: 'owner', organization: { id: organization.orgId, name: 'Nordwind GmbH', timeZone: 'Europe/Berlin' } });
    const joined = await new Browser(app).call('POST', '/api/v1/auth/invitations/accept', { token: passwordLink.split('#token=')[1], password: PASSWORD, name: 'Anna' });
    expect(joined.json()).toMatchObject({ role: 'owner', user: { email: 'anna@nordwind.example', name: 'Anna' } });
    const [event] = await queryRows<{ actor_type: string }>(database.db, sql`select actor_type from events where org_id = ${organization.orgId} and action = 'organization.created'`);
    expect(event!.actor_type).toBe('cli');
    const again = await createFirstOrganization(database.db, clock, { publicUrl: 'https://ar.example.com' }, { name: 'Other', baseCurrency: 'EUR', ownerEmail: 'anna@nordwind.example' });
    expect(again).toMatchObject({ ok: false, code: 'EMAIL_TAKEN', field: 'ownerEmail' });
    expect((await createFirstOrganization(database.db, clock, { publicUrl: 'x' }, { name: 'Bad', baseCurrency: 'EURO', ownerEmail: 'b@b.example' })).ok).toBe(false);
    const [orgs] = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from organizations where name in ('Other', 'Bad')`);
    expect(orgs!.n).toBe(0);
  });

  it('seeds a demo owner who can sign in, except in production', async () => {
    if (!(await demoExists(database.db))) await seedDemo(database.db, clock);
    const login = (server: App) => new Browser(server, '10.200.0.1').call('POST', '/api/v1/auth/login', DEMO_USER);
    const r = await login(app);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ role: 'owner', organization: { name: 'Lumen Studio' } });
    const production = (await buildServer({ db: database.db, clock, auth: authOptions('https://ar.example.com', true) })) as App;
    expect((await login(production)).statusCode).toBe(401);
    expect((await production.inject({ method: 'GET', url: '/api/v1/invoices', headers: { authorization: `Bearer ${demoApiKey()}` } })).statusCode).toBe(401);
    await production.close();
  });
});

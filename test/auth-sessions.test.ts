import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/raw.ts';
import { authOptions } from '../src/http/auth/options.ts';
import { buildServer, type App } from '../src/http/server.ts';
import { fixedClock } from '../src/services/context.ts';
import { testApp, type TestClock } from './support/app.ts';
import { Browser, PASSWORD, signUp, uniqueEmail } from './support/auth.ts';
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

const minutes = (n: number) => clock.set(clock.now().add({ minutes: n }));

async function login(email: string, password: string, ip?: string) {
  const browser = new Browser(app, ip);
  return { browser, response: await browser.call('POST', '/api/v1/auth/login', { email, password }) };
}

describe('sign-up and sessions', () => {
  it('creates the organization and its owner, signed in with a secure cookie pair', async () => {
    const { browser, body, email } = await signUp(app, { organizationName: 'Sao Mai Co', baseCurrency: 'VND', timeZone: 'Asia/Ho_Chi_Minh' });
    expect(body).toMatchObject({ user: { email, role: 'owner', status: 'active' }, organization: { name: 'Sao Mai Co', baseCurrency: 'VND', timeZone: 'Asia/Ho_Chi_Minh' }, role: 'owner' });
    const me = await browser.call('GET', '/api/v1/auth/me');
    expect(me.statusCode, me.body).toBe(200);
    expect(me.json()).toMatchObject({ user: { email }, role: 'owner', csrfToken: body.csrfToken });
    const [hash] = await queryRows<{ password_hash: string }>(database.db, sql`select password_hash from users where email = ${email}`);
    expect(hash!.password_hash).toMatch(/^\$argon2id\$/);
    const stored = await queryRows<{ token_hash: string }>(database.db, sql`select token_hash from sessions where user_id = ${body.user.id}`);
    expect(stored[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0]!.token_hash).not.toBe(browser.cookies.get('punctual_session'));
  });

  it('sets HttpOnly SameSite=Lax cookies, Secure when served over https', async () => {
    const response = await new Browser(app).call('POST', '/api/v1/auth/signup', { organizationName: 'A', baseCurrency: 'EUR', name: 'A', email: uniqueEmail(), password: PASSWORD });
    const cookies = response.cookies as { name: string; httpOnly?: boolean; sameSite?: string; secure?: boolean; path?: string }[];
    expect(cookies.find((c) => c.name === 'punctual_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/' });
    expect(cookies.find((c) => c.name === 'punctual_csrf')).toMatchObject({ sameSite: 'Lax', path: '/' });
    expect(cookies.every((c) => !c.secure)).toBe(true);

    const secure = await buildServer({ db: database.db, clock: fixedClock('2025-06-15T09:00:00Z'), auth: authOptions('https://ar.example.com') });
    const r = await new Browser(secure as App).call('POST', '/api/v1/auth/signup', { organizationName: 'B', baseCurrency: 'EUR', name: 'B', email: uniqueEmail(), password: PASSWORD });
    expect((r.cookies as { secure?: boolean }[]).every((c) => c.secure)).toBe(true);
    await secure.close();
  });

  it('refuses a taken email, a weak password and a bad currency, leaving nothing behind', async () => {
    const { email } = await signUp(app);
    const before = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from organizations`);
    const b = new Browser(app);
    const base = { organizationName: 'X', baseCurrency: 'EUR', name: 'X', password: PASSWORD };
    expect((await b.call('POST', '/api/v1/auth/signup', { ...base, email: email.toUpperCase() })).json().error).toMatchObject({ code: 'EMAIL_TAKEN', field: 'email' });
    expect((await b.call('POST', '/api/v1/auth/signup', { ...base, email: uniqueEmail(), password: 'short' })).json().error).toMatchObject({ code: 'WEAK_PASSWORD', field: 'password' });
    expect((await b.call('POST', '/api/v1/auth/signup', { ...base, email: uniqueEmail(), baseCurrency: 'XYZ' })).json().error).toMatchObject({ code: 'INVALID_CURRENCY', field: 'baseCurrency' });
    expect((await b.call('POST', '/api/v1/auth/signup', { ...base, email: uniqueEmail(), timeZone: 'Mars/Olympus' })).json().error).toMatchObject({ code: 'INVALID_TIME_ZONE' });
    const after = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from organizations`);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('logs in and out; a logged-out cookie no longer works', async () => {
    const { email } = await signUp(app);
    const { browser, response } = await login(email.toUpperCase(), PASSWORD);
    expect(response.statusCode, response.body).toBe(200);
    expect((await browser.call('GET', '/api/v1/customers')).statusCode).toBe(200);
    const cookie = browser.cookies.get('punctual_session')!;
    expect((await browser.call('POST', '/api/v1/auth/logout')).statusCode).toBe(204);
    const replay = await app.inject({ method: 'GET', url: '/api/v1/customers', headers: { cookie: `punctual_session=${cookie}` } });
    expect(replay.statusCode).toBe(401);
  });

  it('says the same for an unknown account and a wrong password', async () => {
    const { email } = await signUp(app);
    const wrong = (await login(email, 'not the password', '198.51.100.1')).response;
    const unknown = (await login(uniqueEmail('nobody'), PASSWORD, '198.51.100.1')).response;
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
  });

  it('ends a session after 12 idle hours, and any session 14 days after login', async () => {
    const { email } = await signUp(app);
    const { browser } = await login(email, PASSWORD);
    minutes(11 * 60);
    expect((await browser.call('GET', '/api/v1/auth/me')).statusCode).toBe(200);
    minutes(11 * 60); // 11 h after the last use: still alive
    expect((await browser.call('GET', '/api/v1/auth/me')).statusCode).toBe(200);
    minutes(12 * 60 + 1);
    expect((await browser.call('GET', '/api/v1/auth/me')).statusCode).toBe(401);

    const busy = (await login(email, PASSWORD)).browser;
    // Used every 11 hours, it never idles out: 30 uses reach 330 h of the 336 h (14 days) it may live.
    for (let use = 1; use <= 30; use++) {
      minutes(11 * 60);
      expect((await busy.call('GET', '/api/v1/auth/me')).statusCode, `use ${use}`).toBe(200);
    }
    minutes(11 * 60);
    expect((await busy.call('GET', '/api/v1/auth/me')).statusCode).toBe(401);
  });
});

describe('CSRF protection', () => {
  it('refuses a cookie-authenticated change without the token, or with a wrong one', async () => {
    const { browser } = await signUp(app);
    const body = { name: 'Beta Ltd', currency: 'EUR' };
    const missing = await browser.call('POST', '/api/v1/customers', body, { csrf: false });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().error.code).toBe('CSRF_FAILED');
    const wrong = await browser.call('POST', '/api/v1/customers', body, { csrf: 'x'.repeat(43) });
    expect(wrong.json().error.code).toBe('CSRF_FAILED');
    const other = await signUp(app);
    expect((await browser.call('POST', '/api/v1/customers', body, { csrf: other.body.csrfToken })).json().error.code).toBe('CSRF_FAILED');
    expect((await browser.call('GET', '/api/v1/customers')).json().data).toHaveLength(0);
    const ok = await browser.call('POST', '/api/v1/customers', body);
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it('asks no token of API-key callers, who carry no ambient credentials', async () => {
    const { browser } = await signUp(app);
    const key = (await browser.call('POST', '/api/v1/api-keys', { name: 'ERP', role: 'accountant' })).json().key as string;
    const r = await app.inject({ method: 'POST', url: '/api/v1/customers', headers: { authorization: `Bearer ${key}` }, payload: { name: 'Gamma', currency: 'EUR' } });
    expect(r.statusCode, r.body).toBe(201);
  });
});

describe('login lockout', () => {
  it('locks an account for 15 minutes after 5 failures, even for the right password, on any address', async () => {
    const { email } = await signUp(app);
    for (let i = 0; i < 4; i++) expect((await login(email, `wrong ${i}`, `192.0.2.${i}`)).response.statusCode).toBe(401);
    const fifth = (await login(email, 'wrong 5', '192.0.2.9')).response;
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json().error.code).toBe('LOGIN_LOCKED');
    expect(Number(fifth.headers['retry-after'])).toBe(900);
    const right = (await login(email, PASSWORD, '192.0.2.77')).response;
    expect(right.statusCode).toBe(429);
    minutes(15);
    expect((await login(email, PASSWORD, '192.0.2.77')).response.statusCode).toBe(200);
  });

  it('forgets failures after a successful login', async () => {
    const { email } = await signUp(app);
    for (let i = 0; i < 4; i++) await login(email, 'wrong', '192.0.2.50');
    expect((await login(email, PASSWORD, '192.0.2.50')).response.statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login(email, 'wrong', '192.0.2.50')).response.statusCode).toBe(401);
  });

  it('shuts out an address that fails 30 times across accounts', async () => {
    const ip = '198.51.100.200';
    for (let i = 0; i < 29; i++) expect((await login(uniqueEmail('spray'), 'guess', ip)).response.statusCode).toBe(401);
    const { email } = await signUp(app);
    expect((await login(email, 'guess', ip)).response.statusCode).toBe(429);
    expect((await login(email, PASSWORD, ip)).response.json().error.code).toBe('LOGIN_LOCKED');
    expect((await login(email, PASSWORD, '198.51.100.201')).response.statusCode).toBe(200);
  });

  it('keeps counting across server processes: the counters live in the database', async () => {
    const { email } = await signUp(app);
    const second = await buildServer({ db: database.db, clock });
    for (let i = 0; i < 5; i++) {
      const server = i % 2 === 0 ? app : (second as App);
      await new Browser(server, `192.0.2.${100 + i}`).call('POST', '/api/v1/auth/login', { email, password: 'wrong' });
    }
    expect((await new Browser(second as App).call('POST', '/api/v1/auth/login', { email, password: PASSWORD })).statusCode).toBe(429);
    await second.close();
  });
});

describe('hostile input', () => {
  it('answers malformed sign-in bodies with 4xx naming the field, and never 500', async () => {
    const b = new Browser(app);
    const cases: [unknown, string][] = [
      [{ email: 'a@b.co' }, 'password'],
      [{ email: 42, password: PASSWORD }, 'email'],
      [{ email: 'a@b.co', password: PASSWORD, admin: true }, 'admin'],
      [{ email: 'a@b.co', password: 'x'.repeat(5000) }, 'password'],
      [{ email: `${'a'.repeat(300)}@b.co`, password: PASSWORD }, 'email'],
    ];
    for (const [body, field] of cases) {
      const r = await b.call('POST', '/api/v1/auth/login', body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.json().error.field).toBe(field);
    }
    for (const email of ["' or 1=1 --", '<script>@x.io', 'ünïcödé@例え.jp']) {
      const r = await b.call('POST', '/api/v1/auth/login', { email, password: PASSWORD });
      expect(r.statusCode, email).toBe(401);
    }
    for (const email of ['a@b.co\u0000', 'a@b.co\r\nBcc: x@y.z']) {
      const r = await b.call('POST', '/api/v1/auth/login', { email, password: PASSWORD });
      expect(r.json().error, JSON.stringify(email)).toMatchObject({ code: 'VALIDATION_FAILED', field: 'email' });
    }
    const garbage = await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"email":' });
    expect(garbage.statusCode).toBe(400);
  });

  it('treats forged, truncated and foreign cookies as no session', async () => {
    for (const cookie of ['punctual_session=', 'punctual_session=abc', `punctual_session=${'A'.repeat(43)}`, `punctual_session=${'%00'.repeat(50)}`, 'punctual_session=a; punctual_session=b']) {
      const r = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
      expect(r.statusCode, cookie).toBe(401);
    }
    for (const authorization of ['Bearer', 'Bearer pk_', 'Basic Zm9vOmJhcg==', `Bearer pk_${'0'.repeat(32)}_${'a'.repeat(40)}`]) {
      const r = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization } });
      expect(r.statusCode, authorization).toBe(401);
    }
  });

  it('refuses a deactivated user at login', async () => {
    const { browser } = await signUp(app);
    const email = uniqueEmail('leaver');
    const invited = (await browser.call('POST', '/api/v1/users', { email, role: 'viewer' })).json();
    await database.db.execute(sql`update users set status = 'deactivated', password_hash = (select password_hash from users where id <> ${invited.id} limit 1) where id = ${invited.id}`);
    expect((await login(email, PASSWORD)).response.statusCode).toBe(401);
  });
});

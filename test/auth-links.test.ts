import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../src/db/raw.ts';
import type { App } from '../src/http/server.ts';
import { hashToken } from '../src/services/auth/secrets.ts';
import { testApp, type TestClock } from './support/app.ts';
import { Browser, emailedToken, PASSWORD, queuedFor, signUp, uniqueEmail } from './support/auth.ts';
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
const NEW_PASSWORD = 'a brand new passphrase';

async function requestReset(email: string, ip = '203.0.113.60') {
  return new Browser(app, ip).call('POST', '/api/v1/auth/password-reset/request', { email });
}
async function confirm(token: string, password = NEW_PASSWORD) {
  return new Browser(app).call('POST', '/api/v1/auth/password-reset/confirm', { token, password });
}
async function login(email: string, password: string) {
  return new Browser(app, '203.0.113.61').call('POST', '/api/v1/auth/login', { email, password });
}

describe('password reset', () => {
  it('emails a single-use link through the outbox and stores only its hash', async () => {
    const { email, browser } = await signUp(app);
    expect((await requestReset(email)).statusCode).toBe(202);
    const [message] = await queuedFor(database, email);
    expect(message).toMatchObject({ kind: 'password_reset', recipient: email, subject: 'Reset your Punctual password' });
    expect(message!.body_text).toMatch(/^http:\/\/localhost:3000\/reset-password#token=/m);
    const token = await emailedToken(database, email, 'password_reset');
    const stored = await queryRows<{ token_hash: string }>(database.db, sql`select token_hash from auth_tokens where purpose = 'password_reset' and token_hash = ${hashToken(token)}`);
    expect(stored).toHaveLength(1);
    const plain = await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from auth_tokens where token_hash = ${token}`);
    expect(plain[0]!.n).toBe(0);

    expect((await confirm(token)).statusCode).toBe(204);
    expect((await browser.call('GET', '/api/v1/auth/me')).statusCode).toBe(401); // every session ended
    expect((await login(email, PASSWORD)).statusCode).toBe(401);
    expect((await login(email, NEW_PASSWORD)).statusCode).toBe(200);
    const again = await confirm(token, 'yet another passphrase');
    expect(again.json().error).toMatchObject({ code: 'TOKEN_INVALID', field: 'token' });
    expect((await login(email, NEW_PASSWORD)).statusCode).toBe(200);
  });

  it('lets a link expire after 60 minutes', async () => {
    const { email } = await signUp(app);
    await requestReset(email);
    const token = await emailedToken(database, email, 'password_reset');
    minutes(61);
    expect((await confirm(token)).json().error.code).toBe('TOKEN_INVALID');
    expect((await login(email, PASSWORD)).statusCode).toBe(200);
  });

  it('keeps a link usable when the new password is refused, and retires older links', async () => {
    const { email } = await signUp(app);
    await requestReset(email);
    const first = await emailedToken(database, email, 'password_reset');
    expect((await confirm(first, 'short')).json().error.code).toBe('WEAK_PASSWORD');
    await requestReset(email);
    const second = await emailedToken(database, email, 'password_reset');
    expect(second).not.toBe(first);
    expect((await confirm(first)).json().error.code).toBe('TOKEN_INVALID');
    expect((await confirm(second)).statusCode).toBe(204);
  });

  it('answers the same for unknown addresses and queues nothing; caps emails per account', async () => {
    const nobody = uniqueEmail('nobody');
    expect((await requestReset(nobody)).statusCode).toBe(202);
    expect(await queuedFor(database, nobody)).toEqual([]);
    const { email } = await signUp(app);
    for (let i = 0; i < 5; i++) expect((await requestReset(email, `203.0.113.${70 + i}`)).statusCode).toBe(202);
    expect((await queuedFor(database, email)).filter((m) => m.kind === 'password_reset')).toHaveLength(3);
  });

  it('refuses forged, foreign-purpose and hostile tokens', async () => {
    const { browser } = await signUp(app);
    const invited = uniqueEmail('invitee');
    await browser.call('POST', '/api/v1/users', { email: invited, role: 'viewer' });
    const invitation = await emailedToken(database, invited, 'invitation');
    expect((await confirm(invitation)).json().error.code).toBe('TOKEN_INVALID');
    for (const token of ['x', 'A'.repeat(43), "' or 1=1 --", '../../etc/passwd'.padEnd(30, 'x')]) expect((await confirm(token)).statusCode, token).toBe(400);
    expect((await new Browser(app).call('POST', '/api/v1/auth/password-reset/confirm', { token: 'a\u0000b'.repeat(10), password: NEW_PASSWORD })).json().error.field).toBe('token');
  });
});

describe('invitations', () => {
  it('invites by email, and the invitee joins with the link, signed in with the invited role', async () => {
    const { browser, body } = await signUp(app, { name: 'Olga Owner', organizationName: 'Lumen Studio' });
    const email = uniqueEmail('accountant');
    const invited = await browser.call('POST', '/api/v1/users', { email, name: 'Ana', role: 'accountant' });
    expect(invited.statusCode, invited.body).toBe(201);
    expect(invited.json()).toMatchObject({ email, role: 'accountant', status: 'invited' });
    const [message] = await queuedFor(database, email);
    expect(message).toMatchObject({ kind: 'invitation', subject: 'You are invited to Lumen Studio on Punctual' });
    expect(message!.body_text).toContain('Olga Owner invited you');
    expect(message!.idempotency_key).toMatch(/^invitation:/);

    const joiner = new Browser(app);
    const token = await emailedToken(database, email, 'invitation');
    const joined = await joiner.call('POST', '/api/v1/auth/invitations/accept', { token, password: PASSWORD });
    expect(joined.statusCode, joined.body).toBe(200);
    expect(joined.json()).toMatchObject({ user: { email, name: 'Ana', status: 'active' }, role: 'accountant', organization: { id: body.organization.id } });
    expect((await joiner.call('POST', '/api/v1/customers', { name: 'By Ana', currency: 'EUR' })).statusCode).toBe(201);
    expect((await joiner.call('GET', '/api/v1/users')).statusCode).toBe(403);
    expect((await new Browser(app).call('POST', '/api/v1/auth/invitations/accept', { token, password: PASSWORD })).json().error.code).toBe('TOKEN_INVALID');
  });

  it('lets an invitation expire after 7 days', async () => {
    const { browser } = await signUp(app);
    const email = uniqueEmail('late');
    await browser.call('POST', '/api/v1/users', { email, role: 'viewer', name: 'Late' });
    const token = await emailedToken(database, email, 'invitation');
    minutes(7 * 24 * 60 + 1);
    expect((await new Browser(app).call('POST', '/api/v1/auth/invitations/accept', { token, password: PASSWORD })).json().error.code).toBe('TOKEN_INVALID');
  });
});

describe('request limits per address', () => {
  it('accepts 10 sign-ups or reset requests an hour from one address, then answers 429 with Retry-After', async () => {
    const ip = '198.51.100.77';
    for (let i = 0; i < 10; i++) expect((await requestReset(uniqueEmail('spam'), ip)).statusCode).toBe(202);
    const refused = await requestReset(uniqueEmail('spam'), ip);
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3000);
    const signup = await new Browser(app, ip).call('POST', '/api/v1/auth/signup', { organizationName: 'S', baseCurrency: 'EUR', name: 'S', email: uniqueEmail(), password: PASSWORD });
    expect(signup.statusCode).toBe(429);
    minutes(61);
    expect((await requestReset(uniqueEmail('spam'), ip)).statusCode).toBe(202);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../src/http/server.ts';
import { testApp } from './support/app.ts';
import { Browser, emailedToken, PASSWORD, signUp, uniqueEmail } from './support/auth.ts';
import { testDatabase } from './support/database.ts';

let database: Awaited<ReturnType<typeof testDatabase>>;
let app: App;

beforeAll(async () => {
  database = await testDatabase();
  ({ app } = await testApp(database));
});
afterAll(async () => {
  await app.close();
  await database.dispose();
});

/** Invites someone into the owner's organization and signs them in. */
async function teammate(owner: Browser, role: string) {
  const email = uniqueEmail(role);
  const invited = await owner.call('POST', '/api/v1/users', { email, name: `The ${role}`, role });
  expect(invited.statusCode, invited.body).toBe(201);
  const browser = new Browser(app, `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`);
  const joined = await browser.call('POST', '/api/v1/auth/invitations/accept', { token: await emailedToken(database, email, 'invitation'), password: PASSWORD });
  expect(joined.statusCode, joined.body).toBe(200);
  return { browser, id: invited.json().id as string, email };
}

describe('the team', () => {
  it('lists people without secrets, and lets an owner change roles', async () => {
    const { browser: owner } = await signUp(app);
    const viewer = await teammate(owner, 'viewer');
    const list = await owner.call('GET', '/api/v1/users');
    expect(list.json().data).toHaveLength(2);
    expect(list.body).not.toMatch(/argon2|password/i);
    expect((await viewer.browser.call('POST', '/api/v1/customers', { name: 'No', currency: 'EUR' })).statusCode).toBe(403);
    const promoted = await owner.call('PATCH', `/api/v1/users/${viewer.id}`, { role: 'collector' });
    expect(promoted.json()).toMatchObject({ role: 'collector' });
    // The new role holds at once, in the same session.
    expect((await viewer.browser.call('POST', '/api/v1/customers', { name: 'Yes', currency: 'EUR' })).statusCode).toBe(201);
    expect((await viewer.browser.call('GET', '/api/v1/settings')).statusCode).toBe(403);
  });

  it('keeps admins off owners, and off the owner role', async () => {
    const { browser: owner, body } = await signUp(app);
    const admin = await teammate(owner, 'admin');
    const ownerId = body.user.id;
    expect((await admin.browser.call('PATCH', `/api/v1/users/${ownerId}`, { role: 'viewer' })).json().error.code).toBe('ROLE_NOT_ALLOWED');
    expect((await admin.browser.call('POST', `/api/v1/users/${ownerId}/deactivate`)).json().error.code).toBe('ROLE_NOT_ALLOWED');
    expect((await admin.browser.call('POST', '/api/v1/users', { email: uniqueEmail(), role: 'owner' })).statusCode).toBe(403);
    const accountant = await teammate(owner, 'accountant');
    expect((await admin.browser.call('PATCH', `/api/v1/users/${accountant.id}`, { role: 'owner' })).json().error.code).toBe('ROLE_NOT_ALLOWED');
    expect((await admin.browser.call('PATCH', `/api/v1/users/${accountant.id}`, { role: 'viewer' })).statusCode).toBe(200);
    expect((await owner.call('GET', '/api/v1/auth/me')).json().role).toBe('owner');
  });

  it('never leaves an organization without an active owner', async () => {
    const { browser: owner, body } = await signUp(app);
    const ownerId = body.user.id;
    expect((await owner.call('PATCH', `/api/v1/users/${ownerId}`, { role: 'admin' })).json().error.code).toBe('LAST_OWNER');
    expect((await owner.call('POST', `/api/v1/users/${ownerId}/deactivate`)).json().error.code).toBe('CANNOT_DEACTIVATE_SELF');
    const second = await teammate(owner, 'admin');
    await owner.call('PATCH', `/api/v1/users/${second.id}`, { role: 'owner' });
    expect((await owner.call('PATCH', `/api/v1/users/${ownerId}`, { role: 'admin' })).json().role).toBe('admin');
    expect((await second.browser.call('PATCH', `/api/v1/users/${second.id}`, { role: 'viewer' })).json().error.code).toBe('LAST_OWNER');
  });

  it('ends a deactivated person’s sessions at once', async () => {
    const { browser: owner } = await signUp(app);
    const collector = await teammate(owner, 'collector');
    expect((await collector.browser.call('GET', '/api/v1/customers')).statusCode).toBe(200);
    expect((await owner.call('POST', `/api/v1/users/${collector.id}/deactivate`)).json().status).toBe('deactivated');
    expect((await collector.browser.call('GET', '/api/v1/customers')).statusCode).toBe(401);
    expect((await new Browser(app).call('POST', '/api/v1/auth/login', { email: collector.email, password: PASSWORD })).statusCode).toBe(401);
  });

  it('refuses duplicate and malformed invitations', async () => {
    const { browser: owner, email } = await signUp(app);
    const other = await signUp(app);
    expect((await owner.call('POST', '/api/v1/users', { email: other.email, role: 'viewer' })).json().error).toMatchObject({ code: 'EMAIL_TAKEN', field: 'email' });
    expect((await owner.call('POST', '/api/v1/users', { email: email.toUpperCase(), role: 'viewer' })).json().error.code).toBe('EMAIL_TAKEN');
    expect((await owner.call('POST', '/api/v1/users', { email: 'not-an-email', role: 'viewer' })).json().error.code).toBe('INVALID_EMAIL');
    expect((await owner.call('POST', '/api/v1/users', { email: uniqueEmail(), role: 'root' })).statusCode).toBe(400);
    expect((await owner.call('POST', '/api/v1/users', { email: uniqueEmail(), role: 'viewer', isAdmin: true })).json().error.field).toBe('isAdmin');
  });
});

describe('API keys', () => {
  it('shows a new key once, lists it without its secret, and stops it working when revoked', async () => {
    const { browser: owner } = await signUp(app);
    const created = await owner.call('POST', '/api/v1/api-keys', { name: 'Accounting export', role: 'viewer' });
    expect(created.statusCode, created.body).toBe(201);
    const { id, key, hint } = created.json();
    expect(key).toMatch(/^pk_[0-9a-f]{32}_/);
    expect(key.startsWith(hint.replace('…', ''))).toBe(true);
    const listed = await owner.call('GET', '/api/v1/api-keys');
    expect(listed.body).not.toContain(key.split('_')[2]);
    expect(listed.json().data.find((k: { id: string }) => k.id === id)).toMatchObject({ name: 'Accounting export', role: 'viewer', revokedAt: null });
    const asKey = (method: 'GET' | 'POST', url: string, payload?: object) => app.inject({ method, url, headers: { authorization: `Bearer ${key}` }, ...(payload ? { payload } : {}) });
    expect((await asKey('GET', '/api/v1/invoices')).statusCode).toBe(200);
    expect((await asKey('POST', '/api/v1/customers', { name: 'x', currency: 'EUR' })).statusCode).toBe(403);
    expect((await asKey('GET', '/api/v1/auth/me')).json()).toMatchObject({ role: 'viewer', apiKey: { id, name: 'Accounting export' } });
    expect((await owner.call('DELETE', `/api/v1/api-keys/${id}`)).json().revokedAt).not.toBeNull();
    expect((await asKey('GET', '/api/v1/invoices')).statusCode).toBe(401);
    expect((await owner.call('DELETE', `/api/v1/api-keys/${id}`)).json().error.code).toBe('API_KEY_REVOKED');
  });

  it('lets no one mint a key above their reach', async () => {
    const { browser: owner } = await signUp(app);
    const admin = await teammate(owner, 'admin');
    expect((await admin.browser.call('POST', '/api/v1/api-keys', { name: 'Sneaky', role: 'owner' })).json().error.code).toBe('ROLE_NOT_ALLOWED');
    expect((await admin.browser.call('POST', '/api/v1/api-keys', { name: 'Fine', role: 'admin' })).statusCode).toBe(201);
    const ownerKey = (await owner.call('POST', '/api/v1/api-keys', { name: 'Owner key', role: 'owner' })).json();
    expect((await admin.browser.call('DELETE', `/api/v1/api-keys/${ownerKey.id}`)).json().error.code).toBe('ROLE_NOT_ALLOWED');
    const accountant = await teammate(owner, 'accountant');
    expect((await accountant.browser.call('POST', '/api/v1/api-keys', { name: 'Mine', role: 'viewer' })).statusCode).toBe(403);
  });
});

describe('the event log', () => {
  it('names the acting user or API key on every change, and filters by entity, actor and time', async () => {
    const { browser: owner, body } = await signUp(app);
    const userId = body.user.id;
    const key = (await owner.call('POST', '/api/v1/api-keys', { name: 'ERP', role: 'accountant' })).json();
    const byUser = (await owner.call('POST', '/api/v1/customers', { name: 'By hand', currency: 'EUR' })).json();
    const byKey = (await app.inject({ method: 'POST', url: '/api/v1/customers', headers: { authorization: `Bearer ${key.key}` }, payload: { name: 'By key', currency: 'EUR' } })).json();
    const events = async (query: string) => (await owner.call('GET', `/api/v1/events?${query}`)).json().data as { actorType: string; actorId: string; action: string; entityId: string }[];
    expect((await events(`entityId=${byUser.id}`))[0]).toMatchObject({ actorType: 'user', actorId: userId, action: 'customer.created' });
    expect((await events(`entityId=${byKey.id}`))[0]).toMatchObject({ actorType: 'api_key', actorId: key.id });
    expect((await events(`actorId=${key.id}`)).map((e) => e.entityId)).toEqual([byKey.id]);
    expect((await events(`entityType=api_key`))[0]).toMatchObject({ action: 'api_key.created', actorId: userId });
    expect(await events('from=2030-01-01T00:00:00Z')).toEqual([]);
    expect((await events('to=2000-01-01T00:00:00Z'))).toEqual([]);
    expect((await owner.call('GET', '/api/v1/events?from=yesterday')).statusCode).toBe(400);
  });
});

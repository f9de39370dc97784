import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isCurrencyCode } from '../domain/currency.ts';
import { isTimeZone, LOCALES } from '../domain/customer-rules.ts';
import { failure, type Result, success } from '../domain/result.ts';
import type { Db } from '../db/connection.ts';
import { newId } from '../db/ids.ts';
import { appendEvents, type Actor } from '../db/repositories/events.ts';
import { findActiveApiKey, insertApiKey, insertOrganization, organizationIds, type OrganizationRow } from '../db/repositories/organizations.ts';
import { nowDate, type Clock } from './context.ts';

export interface NewOrganization {
  readonly name: string;
  readonly baseCurrency: string;
  readonly locale?: string;
  readonly timeZone?: string;
  readonly country?: string;
  readonly legalName?: string;
  readonly taxId?: string;
}

const KEY_PREFIX = 'pk_';

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/**
 * An API key is `pk_<key id>_<secret>`. Only a SHA-256 of the secret is stored (the secret is 32 random
 * bytes, so a fast hash is enough: there is nothing to brute-force); the id finds the row and the organization.
 */
export function formatApiKey(id: string, secret: string): string {
  return `${KEY_PREFIX}${id.replaceAll('-', '')}_${secret}`;
}

function parseApiKey(token: string): { id: string; secret: string } | null {
  const m = /^pk_([0-9a-f]{32})_([A-Za-z0-9_-]{20,200})$/.exec(token);
  if (!m) return null;
  const hex = m[1]!;
  return { id: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`, secret: m[2]! };
}

export interface Principal {
  readonly orgId: string;
  readonly keyId: string;
  readonly role: string;
}

export async function authenticateApiKey(db: Db, token: string): Promise<Principal | null> {
  const parsed = parseApiKey(token);
  if (!parsed) return null;
  const row = await findActiveApiKey(db, parsed.id);
  if (!row) return null;
  const expected = Buffer.from(row.keyHash, 'hex');
  const actual = Buffer.from(hashSecret(parsed.secret), 'hex');
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
  return { orgId: row.orgId, keyId: row.id, role: row.role };
}

export async function createApiKey(
  tx: Db,
  clock: Clock,
  orgId: string,
  name: string,
  role: string,
  { id = newId(), secret = randomBytes(32).toString('base64url'), actor = { type: 'system' } }: { id?: string; secret?: string; actor?: Actor } = {},
): Promise<{ id: string; key: string }> {
  const at = nowDate({ clock });
  await insertApiKey(tx, { orgId, id, name, keyHash: hashSecret(secret), role, createdAt: at });
  await appendEvents(tx, orgId, actor, at, [{ entityType: 'api_key', entityId: id, action: 'api_key.created', after: { name, role } }]);
  return { id, key: formatApiKey(id, secret) };
}

export async function createOrganization(db: Db, clock: Clock, input: NewOrganization, orgId = newId(), actor: Actor = { type: 'system' }): Promise<Result<OrganizationRow>> {
  if (!input.name.trim()) return failure('INVALID_NAME', 'The organization needs a name', 'name');
  if (!isCurrencyCode(input.baseCurrency)) return failure('INVALID_CURRENCY', `Unknown currency code ${input.baseCurrency}`, 'baseCurrency');
  if (input.locale && !(LOCALES as readonly string[]).includes(input.locale)) return failure('INVALID_LOCALE', `Locale must be one of ${LOCALES.join(', ')}`, 'locale');
  if (input.timeZone && !isTimeZone(input.timeZone)) return failure('INVALID_TIME_ZONE', `Unknown time zone ${input.timeZone}`, 'timeZone');
  const at = nowDate({ clock });
  const org = await insertOrganization(db, {
    orgId,
    name: input.name.trim(),
    legalName: input.legalName ?? null,
    taxId: input.taxId ?? null,
    baseCurrency: input.baseCurrency,
    locale: input.locale ?? 'en',
    timeZone: input.timeZone ?? 'UTC',
    country: input.country ?? null,
    createdAt: at,
  });
  await appendEvents(db, orgId, actor, at, [{ entityType: 'organization', entityId: orgId, action: 'organization.created', after: org }]);
  return success(org);
}

export function listOrganizationIds(db: Db): Promise<string[]> {
  return organizationIds(db);
}

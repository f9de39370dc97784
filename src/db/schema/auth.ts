import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { bytes } from './column-types.ts';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

// A person belongs to one organization; the email is unique across the server because login finds the
// account (and so the organization) by email alone.
export const users = pgTable(
  'users',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    /** Stored lower-cased. */
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role').notNull(),
    status: text('status').notNull(),
    /** argon2id; null until an invited user sets a password. */
    passwordHash: text('password_hash'),
    lastLoginAt: instant('last_login_at'),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('users_email_key').on(t.email),
    check('users_role_check', sql`${t.role} in ('owner', 'admin', 'accountant', 'collector', 'viewer')`),
    check('users_status_check', sql`${t.status} in ('invited', 'active', 'deactivated')`),
  ],
);

// Server-side sessions. Only a SHA-256 of the cookie's random token is stored, so a database leak yields
// no usable session.
export const sessions = pgTable(
  'sessions',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id').notNull(),
    createdAt: instant('created_at').notNull(),
    lastSeenAt: instant('last_seen_at').notNull(),
    expiresAt: instant('expires_at').notNull(),
    revokedAt: instant('revoked_at'),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('sessions_token_hash_key').on(t.tokenHash),
    index('sessions_user_idx').on(t.orgId, t.userId),
  ],
);

// Single-use links sent by email (invitation, password reset): only the hash of the token is kept.
export const authTokens = pgTable(
  'auth_tokens',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    userId: uuid('user_id').notNull(),
    purpose: text('purpose').notNull(),
    tokenHash: text('token_hash').notNull(),
    expiresAt: instant('expires_at').notNull(),
    usedAt: instant('used_at'),
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    uniqueIndex('auth_tokens_token_hash_key').on(t.tokenHash),
    index('auth_tokens_user_idx').on(t.orgId, t.userId),
    check('auth_tokens_purpose_check', sql`${t.purpose} in ('invitation', 'password_reset')`),
  ],
);

// Failure counters for login and other guessable endpoints, keyed by account or client address. They live
// in the database so every server process sees the same count; they belong to no organization.
export const authThrottle = pgTable('auth_throttle', {
  key: text('key').primaryKey(),
  hits: integer('hits').notNull(),
  windowStartedAt: instant('window_started_at').notNull(),
  lockedUntil: instant('locked_until'),
});

export const organizationLogos = pgTable(
  'organization_logos',
  {
    orgId: uuid('org_id').primaryKey(),
    contentType: text('content_type').notNull(),
    data: bytes('data').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [check('organization_logos_type_check', sql`${t.contentType} in ('image/png', 'image/jpeg')`)],
);

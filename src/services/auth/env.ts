import type { Db } from '../../db/connection.ts';
import type { Clock } from '../context.ts';
import { DEMO_ORG_ID } from '../seed-demo.ts';
import type { Links } from './links.ts';

/** What the steps before sign-in need: no organization is known yet. */
export interface AuthEnv {
  readonly db: Db;
  readonly clock: Clock;
  readonly links: Links;
  /** In production the demo organization, if a copied database has one, cannot be signed into. */
  readonly production: boolean;
}

export function refusedOrganization(env: Pick<AuthEnv, 'production'>, orgId: string): boolean {
  return env.production && orgId === DEMO_ORG_ID;
}

export function normalizeEmail(email: string): string {
  return email.normalize('NFC').trim().toLowerCase();
}

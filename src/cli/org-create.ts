import type { Database } from '../db/connection.ts';
import { createFirstOrganization } from '../services/auth/first-organization.ts';
import { systemClock } from '../services/context.ts';
import { publicBaseUrl } from '../services/documents/portal-link.ts';

export interface OrgCreateOptions {
  readonly name: string;
  readonly currency: string;
  readonly ownerEmail: string;
  readonly ownerName?: string;
  readonly timeZone?: string;
  readonly locale?: string;
  readonly country?: string;
  readonly legalName?: string;
  readonly taxId?: string;
}

const OPTION_OF_FIELD: Record<string, string> = { name: 'name', baseCurrency: 'currency', ownerEmail: 'owner-email', timeZone: 'time-zone', locale: 'locale' };

/** `punctual org create`: prints the new organization, the owner's one-time password link and an API key. */
export async function orgCreate(database: Database, opts: OrgCreateOptions, print: (line: string) => void): Promise<string | null> {
  const created = await createFirstOrganization(database.db, systemClock, { publicUrl: publicBaseUrl() }, {
    name: opts.name,
    baseCurrency: opts.currency,
    ownerEmail: opts.ownerEmail,
    ownerName: opts.ownerName,
    timeZone: opts.timeZone,
    locale: opts.locale,
    country: opts.country,
    legalName: opts.legalName,
    taxId: opts.taxId,
  });
  if (!created.ok) return `${created.field ? `--${OPTION_OF_FIELD[created.field] ?? created.field}: ` : ''}${created.message}`;
  const { organization, ownerEmail, passwordLink, apiKey } = created.value;
  print(`Created organization "${organization.name}" (${organization.orgId}), base currency ${organization.baseCurrency}.`);
  print(`Owner ${ownerEmail}: choose a password within 7 days at (works once)`);
  print(`  ${passwordLink}`);
  print(`Owner API key (shown only now; revoke it under /api/v1/api-keys when done):`);
  print(`  ${apiKey}`);
  return null;
}

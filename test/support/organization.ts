import type { Db } from '../../src/db/connection.ts';
import { systemClock, type Clock, type Ctx } from '../../src/services/context.ts';
import { createOrganization } from '../../src/services/organizations.ts';

/** A new organization keeping its books in EUR on UTC, and the context to act in it as the system. */
export async function newOrganization(db: Db, name: string, clock: Clock = systemClock): Promise<Ctx> {
  const org = await createOrganization(db, clock, { name, baseCurrency: 'EUR', timeZone: 'UTC' });
  if (!org.ok) throw new Error(org.message);
  return { db, orgId: org.value.orgId, actor: { type: 'system' }, clock };
}

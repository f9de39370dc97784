import type { Db } from '../../db/connection.ts';
import { listContacts, type ContactRow } from '../../db/repositories/customers.ts';

/** The address customer mail goes to: the primary contact with an email, else a billing one, else any. */
export async function billingEmailContact(db: Db, orgId: string, customerId: string): Promise<ContactRow | undefined> {
  const withEmail = (await listContacts(db, orgId, [customerId])).filter((c) => c.email);
  const rank = (c: ContactRow) => (c.isPrimary ? 0 : c.role === 'billing' ? 1 : 2);
  return withEmail.sort((a, b) => rank(a) - rank(b))[0];
}

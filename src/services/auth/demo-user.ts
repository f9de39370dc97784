import { inOrg, type Db } from '../../db/connection.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import { insertUser } from '../../db/repositories/users.ts';
import { nowDate, type Clock } from '../context.ts';
import { hashPassword } from './passwords.ts';
import { userSnapshot } from './user-snapshot.ts';

// Printed in the README and the start banner, like the demo API key; the demo exists only outside
// production, and sign-in to it is refused in production even if a demo database is carried over.
export const DEMO_USER = { email: 'demo@lumen-studio.example', password: 'punctual-demo' } as const;
const DEMO_USER_ID = '00000000-0000-4000-8000-00000000d0e2';

/** The demo organization's owner, so a first look can sign in to the web app. */
export async function seedDemoUser(db: Db, clock: Clock, orgId: string): Promise<void> {
  const at = nowDate({ clock });
  const passwordHash = await hashPassword(DEMO_USER.password);
  await inOrg(db, orgId, async (tx) => {
    const user = await insertUser(tx, { orgId, id: DEMO_USER_ID, email: DEMO_USER.email, name: 'Ana Demo', role: 'owner', status: 'active', passwordHash, createdAt: at, updatedAt: at });
    if (!user) throw new Error(`The demo user's email ${DEMO_USER.email} is taken`);
    await appendEvents(tx, orgId, { type: 'system', id: 'seed' }, at, [{ entityType: 'user', entityId: user.id, action: 'user.created', after: userSnapshot(user) }]);
  });
}

import type { UserRow } from '../../db/repositories/users.ts';

/** What the event log keeps of a user: never the password hash. */
export function userSnapshot(u: UserRow) {
  return { email: u.email, name: u.name, role: u.role, status: u.status };
}

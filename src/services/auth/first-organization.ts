import { failure, type Result, success } from '../../domain/result.ts';
import { inOrgResult, type Db } from '../../db/connection.ts';
import { newId } from '../../db/ids.ts';
import type { OrganizationRow } from '../../db/repositories/organizations.ts';
import type { Clock } from '../context.ts';
import { createApiKey, createOrganization, type NewOrganization } from '../organizations.ts';
import { addInvitedUser } from './invitations.ts';
import { invitationLink, type Links } from './links.ts';

export interface FirstOrganization {
  readonly organization: OrganizationRow;
  readonly ownerEmail: string;
  /** One-time link where the owner chooses a password. */
  readonly passwordLink: string;
  /** An owner API key, shown this once. */
  readonly apiKey: string;
}

/**
 * An operator's way in (`punctual org create`): a real organization, its owner invited with a one-time
 * password link, and an API key, all in one transaction. Nothing is emailed: the operator hands them over.
 */
export async function createFirstOrganization(db: Db, clock: Clock, links: Links, input: NewOrganization & { ownerEmail: string; ownerName?: string }): Promise<Result<FirstOrganization>> {
  const orgId = newId();
  const actor = { type: 'cli', id: 'org create' } as const;
  return inOrgResult(db, orgId, async (tx) => {
    const organization = await createOrganization(tx, clock, input, orgId, actor);
    if (!organization.ok) return organization;
    const owner = await addInvitedUser(tx, clock, orgId, actor, { email: input.ownerEmail, name: input.ownerName, role: 'owner' });
    if (!owner.ok) return owner.field ? failure(owner.code, owner.message, owner.field === 'email' ? 'ownerEmail' : owner.field) : owner;
    const { key } = await createApiKey(tx, clock, orgId, 'Created by punctual org create', 'owner', { actor });
    return success({ organization: organization.value, ownerEmail: owner.value.user.email, passwordLink: invitationLink(links, owner.value.token), apiKey: key });
  });
}

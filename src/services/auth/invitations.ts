import { isEmail } from '../../domain/customer-rules.ts';
import { failure, type Result, success } from '../../domain/result.ts';
import { isRole, mayAssign } from '../../domain/roles.ts';
import { inOrgResult, type Db } from '../../db/connection.ts';
import { newId } from '../../db/ids.ts';
import { appendEvents, type Actor } from '../../db/repositories/events.ts';
import { findOrganization } from '../../db/repositories/organizations.ts';
import { enqueueMessages } from '../../db/repositories/outbox.ts';
import { findUser, insertUser, updateUser, type UserRow } from '../../db/repositories/users.ts';
import { nowDate, type Clock, type Ctx } from '../context.ts';
import { INVITATION_DAYS, invitationEmail } from './emails.ts';
import { normalizeEmail, type AuthEnv } from './env.ts';
import { invitationLink, type Links } from './links.ts';
import { consumeLinkToken, issueLinkToken, tokenOrganization, unusableToken } from './one-time-links.ts';
import { checkPassword, hashPassword } from './passwords.ts';
import { openSession } from './sessions.ts';
import type { SignedIn } from './signup.ts';
import { userSnapshot } from './user-snapshot.ts';

export interface InviteInput {
  readonly email: string;
  readonly name?: string;
  readonly role: string;
}

const INVITATION_MS = INVITATION_DAYS * 24 * 60 * 60_000;

/**
 * Adds a person to the organization as invited, in the caller's transaction, and returns the one-time link
 * that lets them choose a password. Shared by the team API and the `org create` command.
 */
export async function addInvitedUser(tx: Db, clock: Clock, orgId: string, actor: Actor, input: InviteInput): Promise<Result<{ user: UserRow; tokenId: string; token: string }>> {
  const email = normalizeEmail(input.email);
  if (!isEmail(email)) return failure('INVALID_EMAIL', 'Not an email address', 'email');
  if (!isRole(input.role)) return failure('VALIDATION_FAILED', 'Unknown role', 'role');
  const at = nowDate({ clock });
  const user = await insertUser(tx, { orgId, id: newId(), email, name: input.name?.trim() ?? '', role: input.role, status: 'invited', createdAt: at, updatedAt: at });
  if (!user) return failure('EMAIL_TAKEN', 'Someone with this email already has an account', 'email');
  const { id, token } = await issueLinkToken(tx, orgId, user.id, 'invitation', at, INVITATION_MS);
  await appendEvents(tx, orgId, actor, at, [{ entityType: 'user', entityId: user.id, action: 'user.invited', after: userSnapshot(user) }]);
  return success({ user, tokenId: id, token });
}

/** Invites a teammate by email: the invitation goes to the outbox in the same transaction. */
export async function inviteUser(ctx: Ctx, callerRole: string, links: Links, input: InviteInput): Promise<Result<UserRow>> {
  if (isRole(input.role) && !mayAssign(callerRole, input.role)) return failure('ROLE_NOT_ALLOWED', `Your role (${callerRole}) may not give the role ${input.role}`, 'role');
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const added = await addInvitedUser(tx, ctx.clock, ctx.orgId, ctx.actor, input);
    if (!added.ok) return added;
    const { user, tokenId, token } = added.value;
    const org = await findOrganization(tx, ctx.orgId);
    const inviter = ctx.actor.type === 'user' && ctx.actor.id ? (await findUser(tx, ctx.orgId, ctx.actor.id))?.name : undefined;
    const message = invitationEmail(tokenId, user.email, org?.name ?? 'your team', inviter || 'Your team', invitationLink(links, token));
    await enqueueMessages(tx, ctx.orgId, nowDate(ctx), [message]);
    return success(user);
  });
}

/** The invited person chooses a password with the emailed link, and is signed in. */
export async function acceptInvitation(env: AuthEnv, input: { token: string; password: string; name?: string }): Promise<Result<SignedIn>> {
  const at = nowDate(env);
  const orgId = await tokenOrganization(env.db, input.token, 'invitation');
  if (typeof orgId !== 'string') return orgId;
  return inOrgResult(env.db, orgId, async (tx) => {
    const token = await consumeLinkToken(tx, orgId, input.token, 'invitation', at);
    if ('ok' in token) return token;
    const user = await findUser(tx, orgId, token.userId, true);
    const organization = await findOrganization(tx, orgId);
    if (!user || user.status !== 'invited' || !organization) return unusableToken();
    const weak = checkPassword(input.password, user.email);
    if (weak) return weak;
    const name = input.name?.trim() || user.name;
    if (!name) return failure('INVALID_NAME', 'Your name is needed', 'name');
    const active = await updateUser(tx, orgId, user.id, { name, status: 'active', passwordHash: await hashPassword(input.password), lastLoginAt: at, updatedAt: at });
    await appendEvents(tx, orgId, { type: 'user', id: user.id }, at, [
      { entityType: 'user', entityId: user.id, action: 'user.joined', before: userSnapshot(user), after: userSnapshot(active) },
    ]);
    return success({ user: active, organization, session: await openSession(tx, orgId, user.id, at) });
  });
}

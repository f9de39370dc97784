import type { NewOutboxMessage } from '../../db/repositories/outbox.ts';

export const INVITATION_DAYS = 7;
export const PASSWORD_RESET_MINUTES = 60;

export function invitationEmail(tokenId: string, to: string, organization: string, inviter: string, link: string): NewOutboxMessage {
  return {
    idempotencyKey: `invitation:${tokenId}`,
    kind: 'invitation',
    channel: 'email',
    recipient: to,
    subject: `You are invited to ${organization} on Punctual`,
    bodyText: [
      `${inviter} invited you to join ${organization} on Punctual.`,
      '',
      `Choose your password here (the link works once, for ${INVITATION_DAYS} days):`,
      link,
      '',
      'If you did not expect this, ignore this email.',
    ].join('\n'),
  };
}

export function passwordResetEmail(tokenId: string, to: string, link: string): NewOutboxMessage {
  return {
    idempotencyKey: `password_reset:${tokenId}`,
    kind: 'password_reset',
    channel: 'email',
    recipient: to,
    subject: 'Reset your Punctual password',
    bodyText: [
      'Someone asked to reset the password of your Punctual account.',
      '',
      `Choose a new password here (the link works once, for ${PASSWORD_RESET_MINUTES} minutes):`,
      link,
      '',
      'If it was not you, ignore this email: your password stays as it is.',
    ].join('\n'),
  };
}

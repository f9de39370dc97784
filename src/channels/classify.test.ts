import fc from 'fast-check';
import type { NodemailerError } from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { isPublicAddress } from './public-address.ts';
import { classifySmtpError } from './smtp-email.ts';
import { classifyProviderError } from './twilio-sms.ts';
import { signWebhook, verifyWebhookSignature } from './webhook-signature.ts';

const smtpError = (fields: Partial<NodemailerError>) => Object.assign(new Error(fields.message ?? 'failed'), fields) as NodemailerError;

describe('SMTP errors', () => {
  it('are final and blame the address only for a permanent refusal of the recipient or the message', () => {
    expect(classifySmtpError(smtpError({ code: 'EENVELOPE', command: 'RCPT TO', responseCode: 550, permanent: true }))).toMatchObject({ ok: false, permanent: true, invalidRecipient: true });
    expect(classifySmtpError(smtpError({ code: 'EMESSAGE', command: 'DATA', responseCode: 554, permanent: true }))).toMatchObject({ permanent: true, invalidRecipient: true });
  });

  it('are retried when passing or ours to fix: 4xx, timeouts, dropped connections, login, our sender refused', () => {
    for (const e of [
      { code: 'EENVELOPE', command: 'RCPT TO', responseCode: 451, permanent: false },
      { code: 'ETIMEDOUT' },
      { code: 'ECONNECTION' },
      { code: 'ESOCKET', originalCode: 'ECONNREFUSED' },
      { code: 'EAUTH', command: 'AUTH PLAIN', responseCode: 535, permanent: true },
      { code: 'EENVELOPE', command: 'MAIL FROM', responseCode: 553, permanent: true },
    ] as Partial<NodemailerError>[])
      expect(classifySmtpError(smtpError(e)), JSON.stringify(e)).toMatchObject({ ok: false, permanent: false, invalidRecipient: false });
  });

  it('describe the failure in at most 500 characters', () => {
    const outcome = classifySmtpError(smtpError({ code: 'EMESSAGE', command: 'DATA', message: 'x'.repeat(5000) }));
    expect(outcome.ok ? '' : outcome.error).toHaveLength(500);
  });
});

describe('SMS provider answers', () => {
  it('fail for good on 400s, flagging the number only for the codes that mean a bad number', () => {
    expect(classifyProviderError(400, { code: 21211, message: 'Invalid To' })).toMatchObject({ permanent: true, invalidRecipient: true });
    expect(classifyProviderError(400, { code: 21602, message: 'Message body is required' })).toMatchObject({ permanent: true, invalidRecipient: false });
    expect(classifyProviderError(400, {})).toMatchObject({ permanent: true, invalidRecipient: false, error: 'SMS provider answered 400' });
  });

  it('retry server errors, throttling, authentication and a wrong account', () => {
    for (const status of [500, 502, 503, 429, 401, 403, 404, 408]) expect(classifyProviderError(status, {}), String(status)).toMatchObject({ permanent: false });
  });
});

describe('webhook signatures', () => {
  it('verify what was signed, and nothing else', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), fc.string(), fc.integer({ min: 1_600_000_000, max: 2_000_000_000 }), fc.string({ minLength: 1 }), (secret, body, at, extra) => {
        const signature = signWebhook(secret, at, body);
        return (
          verifyWebhookSignature(secret, String(at), body, signature, at) &&
          !verifyWebhookSignature(secret, String(at), body + extra, signature, at) &&
          !verifyWebhookSignature(`${secret}${extra}`, String(at), body, signature, at) &&
          !verifyWebhookSignature(secret, String(at + 1), body, signature, at)
        );
      }),
    );
    expect(verifyWebhookSignature('s', '1700000000', '{}', signWebhook('s', 1_700_000_000, '{}'), 1_700_000_301)).toBe(false);
    expect(verifyWebhookSignature('s', '1.7e9', '{}', signWebhook('s', 1_700_000_000, '{}'), 1_700_000_000)).toBe(false);
  });
});

describe('public addresses', () => {
  it('exclude loopback, private, link-local, carrier-grade NAT and IPv4-mapped forms of them', () => {
    for (const a of ['127.0.0.1', '10.0.0.1', '172.16.5.4', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:10.1.2.3', 'localhost', ''])
      expect(isPublicAddress(a), a).toBe(false);
    for (const a of ['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8']) expect(isPublicAddress(a), a).toBe(true);
  });
});

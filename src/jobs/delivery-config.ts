import { localStore } from '../channels/local-store.ts';
import { smtpEmail, type SmtpOptions } from '../channels/smtp-email.ts';
import { twilioSms, type TwilioOptions } from '../channels/twilio-sms.ts';
import type { LetterMessage } from '../channels/types.ts';
import { webhookPost } from '../channels/webhook-post.ts';
import type { Clock } from '../services/context.ts';
import { domainOfAddress } from '../services/delivery/message-id.ts';
import { positiveSetting } from '../services/env-settings.ts';
import { DEFAULT_DELIVERY_OPTIONS, type Channels, type DeliveryOptions } from '../services/delivery/types.ts';

export interface DeliveryConfig {
  readonly smtp?: SmtpOptions;
  readonly sms?: TwilioOptions;
  readonly replyTo?: string;
  readonly messageIdDomain: string;
  readonly webhookAllowPrivateNetworks: boolean;
  readonly intervalSeconds: number;
  readonly options: DeliveryOptions;
  /** Settings that are missing or incomplete, for the start banner. */
  readonly warnings: readonly string[];
}

/** Delivery settings from the environment (docs/readme/delivery.md lists them). Secrets stay in here. */
export function readDeliveryConfig(env: NodeJS.ProcessEnv = process.env): DeliveryConfig {
  const warnings: string[] = [];
  const smtpUrl = env.SMTP_URL || undefined;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) throw new Error('SMTP_URL must start with smtp:// or smtps://');
  const from = smtpUrl ? env.SMTP_FROM || defaultSender(smtpUrl) : undefined;
  if (smtpUrl && !env.SMTP_FROM) warnings.push(`SMTP_FROM is not set: email goes out from ${from}`);
  const sms = { TWILIO_ACCOUNT_SID: env.TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN: env.TWILIO_AUTH_TOKEN, SMS_FROM: env.SMS_FROM };
  const missing = Object.entries(sms).filter(([, v]) => !v).map(([k]) => k);
  if (missing.length > 0 && missing.length < 3) warnings.push(`SMS is not configured (${missing.join(', ')} missing): texts are stored in the local mailbox`);
  return {
    smtp: smtpUrl && from ? { url: smtpUrl, from, maxConnections: positiveSetting(env, 'SMTP_MAX_CONNECTIONS', 3) } : undefined,
    sms: missing.length === 0
      ? { baseUrl: env.SMS_PROVIDER_URL || 'https://api.twilio.com', accountSid: env.TWILIO_ACCOUNT_SID!, authToken: env.TWILIO_AUTH_TOKEN!, from: env.SMS_FROM! }
      : undefined,
    replyTo: env.REPLY_TO || undefined,
    messageIdDomain: env.MESSAGE_ID_DOMAIN || domainOfAddress(from) || 'punctual',
    webhookAllowPrivateNetworks: env.WEBHOOK_ALLOW_PRIVATE_NETWORKS === '1' || env.WEBHOOK_ALLOW_PRIVATE_NETWORKS === 'true',
    intervalSeconds: positiveSetting(env, 'DELIVERY_INTERVAL_SECONDS', 5),
    options: {
      batchSize: positiveSetting(env, 'DELIVERY_BATCH_SIZE', DEFAULT_DELIVERY_OPTIONS.batchSize),
      concurrency: positiveSetting(env, 'DELIVERY_CONCURRENCY', DEFAULT_DELIVERY_OPTIONS.concurrency),
      leaseSeconds: positiveSetting(env, 'DELIVERY_LEASE_SECONDS', DEFAULT_DELIVERY_OPTIONS.leaseSeconds),
      maxAttempts: positiveSetting(env, 'DELIVERY_MAX_ATTEMPTS', DEFAULT_DELIVERY_OPTIONS.maxAttempts),
      budgetMs: DEFAULT_DELIVERY_OPTIONS.budgetMs,
    },
    warnings,
  };
}

// The login when it is an address (it usually is), else a name at the server's host.
function defaultSender(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  const user = decodeURIComponent(url.username);
  return user.includes('@') ? user : `punctual@${url.hostname}`;
}

/** The senders for each channel: real providers where configured, the local mailbox otherwise. */
export function buildChannels(config: DeliveryConfig, clock: Clock): Channels {
  return {
    email: config.smtp ? smtpEmail(config.smtp) : localStore('local_mailbox'),
    sms: config.sms ? twilioSms(config.sms) : localStore('local_mailbox'),
    webhook: webhookPost({ allowPrivateNetworks: config.webhookAllowPrivateNetworks, nowSeconds: () => Math.floor(clock.now().epochMilliseconds / 1000) }),
    letter: localStore<LetterMessage>('print_queue'),
  };
}

/** For the start banner: where each channel goes, without any secret. */
export function describeDelivery(config: DeliveryConfig): string[] {
  const smtpHost = config.smtp ? new URL(config.smtp.url).host : '';
  return [
    config.smtp ? `Email: SMTP via ${smtpHost}` : 'Email: no SMTP_URL, so emails are stored in the local mailbox (GET /api/v1/messages), not sent',
    config.sms ? `SMS: ${new URL(config.sms.baseUrl).host}` : 'SMS: no provider configured, so texts are stored in the local mailbox, not sent',
    ...config.warnings.map((w) => `Warning: ${w}`),
  ];
}

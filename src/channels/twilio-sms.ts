import { permanentFailure, sent, transientFailure, type SendOutcome, type Sender, type SmsMessage } from './types.ts';

export interface TwilioOptions {
  /** https://api.twilio.com, or any provider speaking the same REST format. */
  readonly baseUrl: string;
  readonly accountSid: string;
  /** A secret: sent only in the Authorization header, never logged or echoed. */
  readonly authToken: string;
  /** The sending number or alphanumeric sender id. */
  readonly from: string;
  readonly timeoutMs?: number;
}

const TRANSPORT = 'sms_provider';

// Twilio error codes that mean the number itself cannot receive the message: the contact is flagged.
// https://www.twilio.com/docs/api/errors
const BAD_NUMBER_CODES = new Set([21211, 21214, 21217, 21401, 21407, 21421, 21610, 21612, 21614]);

/** SMS through Twilio's Messages API (POST /2010-04-01/Accounts/{sid}/Messages.json, form-encoded). */
export function twilioSms(options: TwilioOptions): Sender<SmsMessage> {
  const endpoint = new URL(`/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}/Messages.json`, options.baseUrl);
  const authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
  return {
    transport: TRANSPORT,
    async send(message: SmsMessage): Promise<SendOutcome> {
      let response: Response;
      try {
        response = await fetch(endpoint, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
          body: new URLSearchParams({ To: message.to, From: options.from, Body: message.body }),
          redirect: 'error',
          signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
        });
      } catch (error) {
        return transientFailure(TRANSPORT, `SMS provider unreachable: ${(error as Error).message}`);
      }
      const body = await readJson(response);
      if (response.ok) {
        const sid = typeof body.sid === 'string' ? body.sid : '';
        return sid ? sent(TRANSPORT, sid) : transientFailure(TRANSPORT, `SMS provider answered ${response.status} without a message sid`);
      }
      return classifyProviderError(response.status, body);
    },
  };
}

/**
 * 400-class answers about the request are final; authentication, a wrong account (404), throttling and
 * server errors are retried, since an operator can fix the first two and the rest pass by themselves.
 */
export function classifyProviderError(status: number, body: Record<string, unknown>): SendOutcome {
  const code = typeof body.code === 'number' ? body.code : undefined;
  const message = typeof body.message === 'string' ? body.message.slice(0, 300) : '';
  const description = `SMS provider answered ${status}${code === undefined ? '' : ` (code ${code})`}${message ? `: ${message}` : ''}`;
  const retryable = status >= 500 || status === 401 || status === 403 || status === 404 || status === 408 || status === 429;
  if (retryable || status < 400) return transientFailure(TRANSPORT, description);
  return permanentFailure(TRANSPORT, description, code !== undefined && BAD_NUMBER_CODES.has(code));
}

async function readJson(response: Response): Promise<Record<string, unknown>> {
  try {
    const parsed: unknown = JSON.parse(await response.text());
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

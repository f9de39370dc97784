import { lookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { isPublicAddress } from './public-address.ts';
import { permanentFailure, sent, transientFailure, type SendOutcome, type Sender, type WebhookRequest } from './types.ts';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, WEBHOOK_ID_HEADER, signWebhook } from './webhook-signature.ts';

export interface WebhookOptions {
  /** Let webhooks reach loopback and private networks (tests, single-tenant installs). Off by default. */
  readonly allowPrivateNetworks?: boolean;
  readonly timeoutMs?: number;
  /** Seconds since the epoch, for the signed timestamp. */
  readonly nowSeconds: () => number;
}

const TRANSPORT = 'webhook';

class BlockedAddress extends Error {}

/** POST the signed JSON body to the organization's URL; redirects are not followed. */
export function webhookPost(options: WebhookOptions): Sender<WebhookRequest> {
  return {
    transport: TRANSPORT,
    async send(message: WebhookRequest): Promise<SendOutcome> {
      const url = new URL(message.url);
      const host = url.hostname.replace(/^\[|\]$/g, '');
      if (!options.allowPrivateNetworks && isIP(host) !== 0 && !isPublicAddress(host))
        return permanentFailure(TRANSPORT, `The webhook URL points to a private address (${host})`, false);
      const timestamp = options.nowSeconds();
      try {
        const status = await post(url, message, timestamp, options);
        if (status >= 200 && status < 300) return sent(TRANSPORT, message.id);
        const description = `The webhook endpoint answered ${status}`;
        if (status >= 500 || status === 408 || status === 425 || status === 429) return transientFailure(TRANSPORT, description);
        return permanentFailure(TRANSPORT, status >= 300 && status < 400 ? `${description} (redirects are not followed)` : description, false);
      } catch (error) {
        if (error instanceof BlockedAddress) return permanentFailure(TRANSPORT, error.message, false);
        return transientFailure(TRANSPORT, `The webhook endpoint is unreachable: ${(error as Error).message}`);
      }
    },
  };
}

function post(url: URL, message: WebhookRequest, timestamp: number, options: WebhookOptions): Promise<number> {
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'content-length': Buffer.byteLength(message.body),
          'user-agent': 'Punctual-Webhooks/1',
          [WEBHOOK_ID_HEADER]: message.id,
          [TIMESTAMP_HEADER]: String(timestamp),
          [SIGNATURE_HEADER]: signWebhook(message.secret, timestamp, message.body),
        },
        lookup: options.allowPrivateNetworks ? undefined : publicOnlyLookup,
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
      },
      (res: IncomingMessage) => {
        // Only the status matters; the answer's body is discarded unread.
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(message.body);
  });
}

// Checked at connect time, on the address actually used, so a host name cannot pass a check and then
// resolve somewhere private.
function publicOnlyLookup(hostname: string, opts: LookupOptions, callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void): void {
  lookup(hostname, { ...opts, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const blocked = addresses.find((a) => !isPublicAddress(a.address));
    if (blocked) return callback(new BlockedAddress(`The webhook host ${hostname} resolves to a private address (${blocked.address})`), []);
    if (opts.all) return callback(null, addresses);
    const first = addresses[0];
    return first ? callback(null, first.address, first.family) : callback(new Error(`${hostname} has no address`), []);
  });
}

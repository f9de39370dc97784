import { newWebhookSecret } from '../../channels/webhook-signature.ts';
import { inOrgResult } from '../../db/connection.ts';
import { newId } from '../../db/ids.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import { deleteWebhookEndpoint, findWebhookEndpoint, insertWebhookEndpoint, updateWebhookEndpoint, type WebhookEndpointRow } from '../../db/repositories/webhook-endpoints.ts';
import { failure, success, type Result } from '../../domain/result.ts';
import { nowDate, type Ctx } from '../context.ts';

export interface WebhookEndpointInput {
  readonly url: string;
  /** Replace the signing secret; the new one is returned once. */
  readonly rotateSecret?: boolean;
}

export interface SavedWebhookEndpoint {
  readonly endpoint: WebhookEndpointRow;
  readonly created: boolean;
  /** Only when a secret was created now: it is never shown again. */
  readonly secret?: string;
}

/** An http(s) URL with a host and no credentials in it (they would sit in logs and the settings screen). */
export function checkWebhookUrl(raw: string): Result<string> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return failure('INVALID_WEBHOOK_URL', 'The webhook URL is not a URL', 'url');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return failure('INVALID_WEBHOOK_URL', 'The webhook URL must start with https:// or http://', 'url');
  if (url.username || url.password) return failure('INVALID_WEBHOOK_URL', 'Put no user name or password in the webhook URL: verify our signature instead', 'url');
  if (!url.hostname) return failure('INVALID_WEBHOOK_URL', 'The webhook URL has no host', 'url');
  url.hash = '';
  return success(url.toString());
}

/** Set the organization's webhook URL; the first time (or on rotation) a signing secret is made and returned. */
export async function saveWebhookEndpoint(ctx: Ctx, input: WebhookEndpointInput): Promise<Result<SavedWebhookEndpoint>> {
  const checked = checkWebhookUrl(input.url);
  if (!checked.ok) return checked;
  const url = checked.value;
  const at = nowDate(ctx);
  return inOrgResult<SavedWebhookEndpoint>(ctx.db, ctx.orgId, async (tx) => {
    const existing = await findWebhookEndpoint(tx, ctx.orgId);
    if (!existing) {
      const endpoint = { orgId: ctx.orgId, id: newId(), url, secret: newWebhookSecret(), createdAt: at, updatedAt: at };
      await insertWebhookEndpoint(tx, endpoint);
      await appendEvents(tx, ctx.orgId, ctx.actor, at, [{ entityType: 'webhook_endpoint', entityId: endpoint.id, action: 'webhook_endpoint.created', after: { url } }]);
      return success({ endpoint, created: true, secret: endpoint.secret });
    }
    const secret = input.rotateSecret ? newWebhookSecret() : undefined;
    const endpoint = await updateWebhookEndpoint(tx, ctx.orgId, { url, updatedAt: at, ...(secret ? { secret } : {}) });
    if (!endpoint) return failure('WEBHOOK_ENDPOINT_NOT_FOUND', 'The webhook endpoint was removed meanwhile');
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [
      { entityType: 'webhook_endpoint', entityId: endpoint.id, action: 'webhook_endpoint.updated', before: { url: existing.url }, after: { url, secretRotated: secret !== undefined } },
    ]);
    return success(secret ? { endpoint, created: false, secret } : { endpoint, created: false });
  });
}

export async function removeWebhookEndpoint(ctx: Ctx): Promise<Result<WebhookEndpointRow>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const removed = await deleteWebhookEndpoint(tx, ctx.orgId);
    if (!removed) return failure('WEBHOOK_ENDPOINT_NOT_FOUND', 'No webhook URL is configured');
    await appendEvents(tx, ctx.orgId, ctx.actor, nowDate(ctx), [{ entityType: 'webhook_endpoint', entityId: removed.id, action: 'webhook_endpoint.removed', before: { url: removed.url } }]);
    return success(removed);
  });
}

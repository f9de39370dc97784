import { permanentFailure, transientFailure, type Attachment, type SendOutcome } from '../../channels/types.ts';
import type { OutboxRow } from '../../db/repositories/outbox.ts';
import type { WebhookEndpointRow } from '../../db/repositories/webhook-endpoints.ts';
import { messageIdFor } from './message-id.ts';
import type { AttachmentRequest, DeliveryDeps } from './types.ts';

const EMAIL = /^[^\s@<>(),;:"\\]+@[^\s@<>(),;:"\\]+\.[^\s@<>(),;:"\\]+$/;
const PHONE = /^\+?[0-9][0-9 ().-]{5,24}$/;

export type Outgoing =
  | { readonly channel: 'email'; readonly message: Parameters<DeliveryDeps['channels']['email']['send']>[0]; readonly omittedAttachments: readonly string[] }
  | { readonly channel: 'sms'; readonly message: Parameters<DeliveryDeps['channels']['sms']['send']>[0] }
  | { readonly channel: 'webhook'; readonly message: Parameters<DeliveryDeps['channels']['webhook']['send']>[0] }
  | { readonly channel: 'letter'; readonly message: Parameters<DeliveryDeps['channels']['letter']['send']>[0] };

/**
 * Turn an outbox row into what its channel sends, or into the failure that stops it before sending:
 * an address that cannot be valid, a webhook with no URL configured, an attachment that failed to render.
 */
export async function composeMessage(deps: DeliveryDeps, row: OutboxRow, webhook: WebhookEndpointRow | null | undefined): Promise<Outgoing | SendOutcome> {
  switch (row.channel) {
    case 'email': {
      if (!EMAIL.test(row.recipient)) return permanentFailure(deps.channels.email.transport, `"${row.recipient}" is not an email address`, true);
      const rendered = await renderAttachments(deps, row);
      if (!Array.isArray(rendered.attachments)) return rendered.attachments;
      const replyTo = typeof row.payload.replyTo === 'string' ? row.payload.replyTo : deps.replyTo;
      return {
        channel: 'email',
        omittedAttachments: rendered.omitted,
        message: {
          messageId: messageIdFor(row.id, deps.messageIdDomain),
          to: row.recipient,
          replyTo,
          subject: row.subject ?? '',
          text: row.bodyText,
          html: row.bodyHtml ?? undefined,
          attachments: rendered.attachments,
        },
      };
    }
    case 'sms':
      if (!PHONE.test(row.recipient)) return permanentFailure(deps.channels.sms.transport, `"${row.recipient}" is not a phone number`, true);
      return { channel: 'sms', message: { id: row.id, to: row.recipient.replace(/[^0-9+]/g, ''), body: row.bodyText } };
    case 'webhook':
      if (!webhook) return permanentFailure(deps.channels.webhook.transport, 'No webhook URL is configured for this organization', false);
      return { channel: 'webhook', message: { id: row.id, url: webhook.url, secret: webhook.secret, body: JSON.stringify(webhookBody(row)) } };
    case 'letter':
      return { channel: 'letter', message: { id: row.id, to: row.recipient } };
    default:
      return permanentFailure('none', `Unknown channel "${row.channel}"`, false);
  }
}

/** The JSON the webhook step posts; its shape is documented for receivers. */
export function webhookBody(row: OutboxRow) {
  return {
    id: row.id,
    type: row.kind,
    createdAt: row.createdAt.toISOString(),
    customerId: row.customerId,
    invoiceIds: row.invoiceIds,
    subject: row.subject,
    text: row.bodyText,
    data: row.payload,
  };
}

function attachmentRequests(row: OutboxRow): AttachmentRequest[] {
  const list = row.payload.attachments;
  if (!Array.isArray(list)) return [];
  return list.filter((a): a is AttachmentRequest => a !== null && typeof a === 'object' && typeof (a as { kind?: unknown }).kind === 'string');
}

// An attachment kind nobody renders yet (the invoice PDF before the documents area provides it) is left
// out and named in the message's events; a renderer that fails makes the send wait and retry.
async function renderAttachments(deps: DeliveryDeps, row: OutboxRow): Promise<{ attachments: Attachment[] | SendOutcome; omitted: string[] }> {
  const attachments: Attachment[] = [];
  const omitted: string[] = [];
  for (const request of attachmentRequests(row)) {
    const render = deps.attachments?.[request.kind];
    if (!render) {
      omitted.push(request.kind);
      continue;
    }
    try {
      attachments.push(await render(deps.db, row.orgId, row, request, deps.clock));
    } catch (error) {
      return { attachments: transientFailure(deps.channels.email.transport, `Rendering the ${request.kind} attachment failed: ${(error as Error).message}`), omitted };
    }
  }
  return { attachments, omitted };
}

import { sent, type Sender } from './types.ts';

/**
 * The channel used when no provider is configured (no SMTP_URL, no SMS account) and for letters: the
 * message is already stored in the outbox with its full content, so "delivering" it means accepting it
 * into the named store, where the team reads it through GET /api/v1/messages. Nothing is dropped.
 */
export function localStore<M extends { readonly messageId: string } | { readonly id: string }>(transport: 'local_mailbox' | 'print_queue'): Sender<M> {
  return {
    transport,
    send: async (message) => sent(transport, 'messageId' in message ? message.messageId : message.id),
  };
}

// What every channel sends and how it answers. Channels do no database work and never throw for a failed
// send: the outcome says whether to retry, to give up, and whether the recipient itself is the problem.

export interface Attachment {
  readonly filename: string;
  readonly contentType: string;
  readonly content: Buffer;
}

export interface EmailMessage {
  /** Derived from the outbox row, so a retry after a crash carries the same Message-ID. */
  readonly messageId: string;
  readonly to: string;
  readonly replyTo?: string;
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
  readonly attachments: readonly Attachment[];
}

export interface SmsMessage {
  readonly id: string;
  readonly to: string;
  readonly body: string;
}

export interface WebhookRequest {
  /** Stable per message: receivers drop a second delivery with the same id. */
  readonly id: string;
  readonly url: string;
  readonly secret: string;
  readonly body: string;
}

export interface LetterMessage {
  readonly id: string;
  readonly to: string;
}

export type SendOutcome =
  | { readonly ok: true; readonly transport: string; readonly providerMessageId: string }
  | {
      readonly ok: false;
      readonly transport: string;
      /** Retrying the same message would fail the same way. */
      readonly permanent: boolean;
      /** The address or number is bad: flag the contact. */
      readonly invalidRecipient: boolean;
      readonly error: string;
    };

export interface Sender<M> {
  readonly transport: string;
  send(message: M): Promise<SendOutcome>;
  close?(): Promise<void>;
}

export function sent(transport: string, providerMessageId: string): SendOutcome {
  return { ok: true, transport, providerMessageId };
}

export function transientFailure(transport: string, error: string): SendOutcome {
  return { ok: false, transport, permanent: false, invalidRecipient: false, error };
}

export function permanentFailure(transport: string, error: string, invalidRecipient: boolean): SendOutcome {
  return { ok: false, transport, permanent: true, invalidRecipient, error };
}

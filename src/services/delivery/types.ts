import type { Attachment, EmailMessage, LetterMessage, Sender, SmsMessage, WebhookRequest } from '../../channels/types.ts';
import type { Db } from '../../db/connection.ts';
import type { OutboxRow } from '../../db/repositories/outbox.ts';
import type { Clock } from '../context.ts';

/**
 * Asked inside the claiming transaction, just before a message goes out: is it still wanted (the invoice
 * not paid, disputed or under a kept promise…)? `at` is the delivery clock's now. A message of a kind with
 * no predicate is always wanted.
 */
export type StillWanted = (tx: Db, orgId: string, row: OutboxRow, at: Date) => Promise<boolean>;

export interface DeliveryFailure {
  readonly error: string;
  /** The address or number itself is bad; its contacts were flagged. */
  readonly invalidRecipient: boolean;
  readonly contactsFlagged: readonly string[];
}

/**
 * Called in the transaction that marks a message failed for good, after the 'message.failed' events are
 * written: the place to open a follow-up (a task for the collector to find a working address).
 */
export type FailureFollowUp = (tx: Db, orgId: string, row: OutboxRow, failure: DeliveryFailure, at: Date) => Promise<void>;

/** What a message's payload asks to attach, e.g. { kind: 'invoice_pdf', invoiceId }. */
export interface AttachmentRequest {
  readonly kind: string;
  readonly [key: string]: unknown;
}

/** Renders one requested attachment (the documents area provides the invoice PDF renderer). */
export type AttachmentRenderer = (db: Db, orgId: string, row: OutboxRow, request: AttachmentRequest, clock: Clock) => Promise<Attachment>;

export interface Channels {
  readonly email: Sender<EmailMessage>;
  readonly sms: Sender<SmsMessage>;
  readonly webhook: Sender<WebhookRequest>;
  readonly letter: Sender<LetterMessage>;
}

/** pino's calling convention, so Fastify's logger can be passed straight in. */
export interface DeliveryLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface DeliveryOptions {
  /** Messages claimed per transaction. */
  readonly batchSize: number;
  /** Messages of one batch sent at the same time. */
  readonly concurrency: number;
  /** How long a claimed message stays hidden from other workers; longer than any send can take. */
  readonly leaseSeconds: number;
  /** Attempts before a message that keeps failing for passing reasons is marked failed. */
  readonly maxAttempts: number;
  /** One sweep stops claiming after this long, so a job never runs past its expiry. */
  readonly budgetMs: number;
}

export const DEFAULT_DELIVERY_OPTIONS: DeliveryOptions = { batchSize: 10, concurrency: 4, leaseSeconds: 600, maxAttempts: 10, budgetMs: 50_000 };

export interface DeliveryDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly channels: Channels;
  readonly stillWanted: Readonly<Partial<Record<string, StillWanted>>>;
  readonly onFailed?: FailureFollowUp;
  readonly attachments?: Readonly<Partial<Record<string, AttachmentRenderer>>>;
  /** Reply-To for email when the message's payload names none: where customers' answers reach the team. */
  readonly replyTo?: string;
  /** Right-hand side of every Message-ID, usually the sender's domain. */
  readonly messageIdDomain: string;
  readonly options: DeliveryOptions;
  readonly log: DeliveryLog;
  /** For retry jitter; tests pass a fixed one. */
  readonly random?: () => number;
  /** Aborted when the worker is stopping: the sweep claims nothing more. */
  readonly signal?: AbortSignal;
}

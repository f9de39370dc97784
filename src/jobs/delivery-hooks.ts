import { openFollowUpTask } from '../services/delivery/follow-up-task.ts';
import { invoicePdfAttachment } from '../services/delivery/invoice-attachment.ts';
import type { AttachmentRenderer, FailureFollowUp, StillWanted } from '../services/delivery/types.ts';
import { reminderStillWanted } from '../services/dunning/still-wanted.ts';

/** Per message kind, whether a queued message is still wanted when it is due; kinds not listed always are. */
export const stillWantedByKind: Readonly<Partial<Record<string, StillWanted>>> = { reminder: reminderStillWanted };

/** What follows a message that failed for good, besides its 'message.failed' events. */
export const onDeliveryFailed: FailureFollowUp = openFollowUpTask;

/** Renderers of what a message's payload.attachments asks for, by kind. */
export const attachmentRenderers: Readonly<Partial<Record<string, AttachmentRenderer>>> = { invoice_pdf: invoicePdfAttachment };

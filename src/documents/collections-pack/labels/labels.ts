/** The facts of a customer's timeline that the communication log names in words. */
export const LOGGED_ACTIONS = [
  'customer.created',
  'customer.updated',
  'customer.status_changed',
  'contact.added',
  'contact.updated',
  'contact.removed',
  'invoice.created',
  'invoice.issued',
  'invoice.payment_applied',
  'invoice.credit_applied',
  'invoice.void',
  'invoice.written_off',
  'invoice.uncollectible',
  'invoice.late_fee_posted',
  'invoice.late_fee_waived',
  'credit_note.issued',
  'payment.recorded',
  'payment.reversed',
  'payment.refunded',
  'online_payment.succeeded',
  'online_payment.failed',
  'note.added',
  'promise.recorded',
  'promise.kept',
  'promise.broken',
  'promise.cancelled',
  'dispute.opened',
  'dispute.resolved',
  'payment_claim.recorded',
  'payment_claim.closed',
  'payment_plan.proposed',
  'payment_plan.agreed',
  'payment_plan.completed',
  'payment_plan.broken',
  'payment_plan.cancelled',
  'task.created',
  'task.completed',
  'task.cancelled',
  'dunning.reminder_queued',
  'dunning.reminder_skipped',
  'dunning.reminder_cancelled',
  'dunning.steps_skipped',
  'collections.handed_over',
] as const;
export type LoggedAction = (typeof LOGGED_ACTIONS)[number];

// The words of a collection-agency pack that the other documents do not already print: the README and the
// communication log, one catalogue per language. Amounts and dates arrive formatted for the locale.
export interface PackLabels {
  readonly readmeTitle: string;
  readonly readmeIntro: string;
  readonly creditor: string;
  readonly debtor: string;
  readonly customerReference: string;
  readonly contacts: string;
  readonly handedOverAt: string;
  readonly agency: string;
  readonly handedOverBy: string;
  readonly note: string;
  readonly invoicesHandedOver: string;
  readonly totalOwed: string;
  readonly files: string;
  /** How to check the files against the SHA-256 lines that follow. */
  readonly filesHint: string;

  readonly logTitle: string;
  readonly logIntro: (customer: string) => string;
  readonly noEntries: string;
  readonly when: string;
  readonly what: string;
  readonly invoice: string;
  readonly by: string;
  readonly content: string;
  /** Who acted when no person did: the system, the customer in the portal. */
  readonly system: string;
  readonly customer: string;
  readonly message: (channel: string) => string;
  readonly channels: Readonly<Record<'email' | 'sms' | 'letter' | 'webhook', string>>;
  readonly portalViewed: (views: number) => string;
  /** Titles of the timeline's facts; an action not listed prints as its code. */
  readonly actions: Readonly<Record<LoggedAction, string>>;
}

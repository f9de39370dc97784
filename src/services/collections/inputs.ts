import { Type, type Static } from 'typebox';
import { MAX_GRACE_DAYS, MAX_INSTALLMENTS } from '../../domain/dunning/index.ts';

// Request shapes of the collections API: disputes, promises to pay, "already paid" claims, payment plans,
// tasks and notes.

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Calendar date YYYY-MM-DD' });
const Id = Type.String({ format: 'uuid' });
const PositiveMinor = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'Minor units of the invoice currency' });

export const DISPUTE_REASONS = ['goods_not_received', 'service_not_rendered', 'quality', 'pricing', 'quantity', 'duplicate_invoice', 'not_ordered', 'missing_po', 'other'] as const;
export const DISPUTE_RESOLUTIONS = ['credit_issued', 'invoice_corrected', 'customer_accepted', 'rejected', 'withdrawn', 'other'] as const;
export const PROMISE_CHANNELS = ['phone', 'email', 'sms', 'portal', 'in_person', 'letter', 'other'] as const;
/** Why a customer pays late, as the collector heard it. */
export const LATE_PAYMENT_REASONS = ['forgot', 'not_received', 'missing_po', 'dispute', 'cash_flow', 'payment_in_process', 'wrong_contact', 'refused', 'other'] as const;
export const CALL_OUTCOMES = ['reached', 'no_answer', 'left_message', 'wrong_number', 'callback_requested'] as const;

export const DisputeInput = Type.Object(
  { reasonCode: Type.Enum(DISPUTE_REASONS), description: Type.Optional(Type.String({ maxLength: 4000 })) },
  { additionalProperties: false },
);
export type DisputeInput = Static<typeof DisputeInput>;

export const ResolveDisputeInput = Type.Object(
  { resolution: Type.Enum(DISPUTE_RESOLUTIONS), note: Type.Optional(Type.String({ maxLength: 4000 })) },
  { additionalProperties: false },
);
export type ResolveDisputeInput = Static<typeof ResolveDisputeInput>;

export const PromiseInput = Type.Object(
  {
    promisedDate: Day,
    amount: PositiveMinor,
    promisedBy: Type.String({ minLength: 1, maxLength: 200, description: 'Who promised, as they gave their name' }),
    channel: Type.Enum(PROMISE_CHANNELS),
    note: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);
export type PromiseInput = Static<typeof PromiseInput>;

export const ClaimInput = Type.Object(
  {
    until: Type.Optional(Day),
    paidOn: Type.Optional(Day),
    reference: Type.Optional(Type.String({ maxLength: 200 })),
    claimedBy: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type ClaimInput = Static<typeof ClaimInput>;

export const PaymentPlanInput = Type.Object(
  {
    dueDates: Type.Optional(Type.Array(Day, { minItems: 1, maxItems: MAX_INSTALLMENTS })),
    amounts: Type.Optional(Type.Array(PositiveMinor, { minItems: 1, maxItems: MAX_INSTALLMENTS, description: 'One per due date; absent: the balance split evenly' })),
    firstDueDate: Type.Optional(Day),
    count: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_INSTALLMENTS, description: 'With firstDueDate: monthly installments' })),
    graceDays: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_GRACE_DAYS })),
    note: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);
export type PaymentPlanInput = Static<typeof PaymentPlanInput>;

export const TaskInput = Type.Object(
  {
    customerId: Id,
    title: Type.String({ minLength: 1, maxLength: 300 }),
    dueOn: Day,
    invoiceIds: Type.Optional(Type.Array(Id, { maxItems: 100, uniqueItems: true })),
    assigneeId: Type.Optional(Type.Union([Id, Type.Null()])),
    note: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);
export type TaskInput = Static<typeof TaskInput>;

const forInvoice = <T extends Parameters<typeof Type.Object>[0]>(fields: T) => Type.Object({ invoiceId: Id, ...fields }, { additionalProperties: false });

export const CompleteTaskInput = Type.Object(
  {
    outcome: Type.Enum(CALL_OUTCOMES),
    reasonCode: Type.Optional(Type.Enum(LATE_PAYMENT_REASONS)),
    note: Type.Optional(Type.String({ maxLength: 4000 })),
    promise: Type.Optional(forInvoice(PromiseInput.properties)),
    dispute: Type.Optional(forInvoice(DisputeInput.properties)),
    paymentPlan: Type.Optional(forInvoice(PaymentPlanInput.properties)),
  },
  { additionalProperties: false },
);
export type CompleteTaskInput = Static<typeof CompleteTaskInput>;

export const NoteInput = Type.Object({ body: Type.String({ minLength: 1, maxLength: 10_000 }) }, { additionalProperties: false });
export type NoteInput = Static<typeof NoteInput>;

/** Each invoice is a PDF rendered inside the hand-off's transaction, about 0.25 s each on a busy 2-core machine. */
export const MAX_HANDOFF_INVOICES = 100;

export const HandoffInput = Type.Object(
  {
    invoiceIds: Type.Array(Id, { minItems: 1, maxItems: MAX_HANDOFF_INVOICES, uniqueItems: true, description: "The customer's overdue invoices to hand over" }),
    agency: Type.Optional(Type.String({ maxLength: 200, description: 'The collection agency, as the team names it' })),
    note: Type.Optional(Type.String({ maxLength: 4000, description: 'For the agency: printed in the pack’s README' })),
  },
  { additionalProperties: false },
);
export type HandoffInput = Static<typeof HandoffInput>;

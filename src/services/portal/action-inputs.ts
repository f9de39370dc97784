import { Type, type Static } from 'typebox';
import { MAX_INSTALLMENTS } from '../../domain/dunning/index.ts';
import { DISPUTE_REASONS } from '../collections/inputs.ts';

// What the customer sends with the portal's four buttons. Who is speaking comes from the link, never from
// the body; amounts are minor units of the invoice's currency.

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Message = Type.String({ maxLength: 2000 });
const PositiveMinor = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });

export const AlreadyPaidInput = Type.Object(
  { paidOn: Day, reference: Type.String({ minLength: 1, maxLength: 200, description: 'The transfer reference or receipt number' }), message: Type.Optional(Message) },
  { additionalProperties: false },
);
export type AlreadyPaidInput = Static<typeof AlreadyPaidInput>;

export const PromiseToPayInput = Type.Object(
  { promisedDate: Day, amount: Type.Optional(PositiveMinor), message: Type.Optional(Message) },
  { additionalProperties: false },
);
export type PromiseToPayInput = Static<typeof PromiseToPayInput>;

export const PlanProposalInput = Type.Object(
  {
    firstDueDate: Type.Optional(Day),
    count: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_INSTALLMENTS, description: 'With firstDueDate: monthly installments' })),
    dueDates: Type.Optional(Type.Array(Day, { minItems: 1, maxItems: MAX_INSTALLMENTS })),
    amounts: Type.Optional(Type.Array(PositiveMinor, { minItems: 1, maxItems: MAX_INSTALLMENTS, description: 'One per due date; absent: the balance split evenly' })),
    message: Type.Optional(Message),
  },
  { additionalProperties: false },
);
export type PlanProposalInput = Static<typeof PlanProposalInput>;

export const PortalDisputeInput = Type.Object(
  {
    reasonCode: Type.Enum(DISPUTE_REASONS),
    message: Type.String({ minLength: 1, maxLength: 4000 }),
    lineId: Type.Optional(Type.String({ format: 'uuid', description: 'The line disputed; absent: the whole invoice' })),
  },
  { additionalProperties: false },
);
export type PortalDisputeInput = Static<typeof PortalDisputeInput>;

import { Type, type Static } from 'typebox';

// Kept apart from the other terms inputs because the core invoice inputs embed it.
export const EarlyPaymentInput = Type.Union(
  [
    Type.String({ minLength: 1, maxLength: 64, description: '"2/10" or "2/10 net 30": 2 % off when paid within 10 days of issue' }),
    Type.Object(
      { percentBp: Type.Integer({ minimum: 1, maximum: 9_999, description: '200 = 2 %' }), days: Type.Integer({ minimum: 0, maximum: 365, description: 'Days after the issue date' }) },
      { additionalProperties: false },
    ),
    Type.Null(),
  ],
  { description: 'Early-payment discount on the total; null removes it' },
);
export type EarlyPaymentInput = Static<typeof EarlyPaymentInput>;

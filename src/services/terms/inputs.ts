import { Type, type Static } from 'typebox';
import { JURISDICTIONS } from '../../domain/fees/index.ts';
import { LineInput } from '../inputs.ts';
import { EarlyPaymentInput } from './early-payment-input.ts';

export { EarlyPaymentInput };

// Input shapes of the terms API. Fastify checks their structure; the fee, discount and schedule rules are
// checked again by the domain, which names the field of any value the shape alone cannot judge.
const Currency = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code' });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Calendar date YYYY-MM-DD' });
const Minor = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'Minor units of the currency' });
const PositiveMinor = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'Minor units of the currency' });
const Bp = (max: number) => Type.Integer({ minimum: 0, maximum: max, description: 'Basis points: 100 = 1 %' });
const PerCurrency = Type.Record(Currency, Minor, { additionalProperties: false, maxProperties: 50, description: 'Amounts by currency, e.g. {"EUR": 1500}' });
const DayCount = Type.Union([Type.Literal('actual/365'), Type.Literal('actual/360')]);

const Charge = Type.Union([
  Type.Object({ kind: Type.Literal('fixed'), amounts: Type.Record(Currency, PositiveMinor, { additionalProperties: false, minProperties: 1, maxProperties: 50 }) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('percent'), rateBp: Bp(10_000) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('interest'), annualRateBp: Bp(100_000), dayCount: Type.Optional(DayCount) }, { additionalProperties: false }),
  Type.Object(
    { kind: Type.Literal('statutory_interest'), jurisdiction: Type.Enum(JURISDICTIONS), dayCount: Type.Optional(DayCount) },
    { additionalProperties: false },
  ),
]);

const Compensation = Type.Union([
  Type.Object({ kind: Type.Literal('fixed'), amount: Type.Object({ amount: PositiveMinor, currency: Currency }, { additionalProperties: false }) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('uk_bands') }, { additionalProperties: false }),
]);

export const LateFeePolicyInput = Type.Object(
  {
    charge: Type.Union([Charge, Type.Null()]),
    compensation: Type.Optional(Type.Union([Compensation, Type.Null()])),
    graceDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 365 })),
    minimumOverdue: Type.Optional(PerCurrency),
    caps: Type.Optional(
      Type.Object({ absolute: Type.Optional(PerCurrency), percentOfInvoiceBp: Type.Optional(Type.Union([Bp(100_000), Type.Null()])) }, { additionalProperties: false }),
    ),
    chargeMode: Type.Optional(Type.Union([Type.Literal('once'), Type.Literal('each_step')])),
  },
  { additionalProperties: false },
);
export type LateFeePolicyInput = Static<typeof LateFeePolicyInput>;

const ExchangeQuote = Type.Object(
  {
    reference: Type.Object({ amount: PositiveMinor, currency: Currency }, { additionalProperties: false }),
    invoice: Type.Object({ amount: PositiveMinor, currency: Currency }, { additionalProperties: false }),
  },
  { additionalProperties: false, description: 'Two amounts of equal value, e.g. 100.00 EUR = 497.70 RON, for a compensation stated in another currency' },
);

export const PostLateFeeInput = Type.Object(
  {
    stepIndex: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, description: 'Post as this dunning step (each step charges at most once); omit for a manual posting' })),
    exchange: Type.Optional(ExchangeQuote),
  },
  { additionalProperties: false },
);
export type PostLateFeeInput = Static<typeof PostLateFeeInput>;


export const RetainerInput = Type.Object({ currency: Currency, minimumBalance: PositiveMinor }, { additionalProperties: false });
export type RetainerInput = Static<typeof RetainerInput>;

export const DepositPolicyInput = Type.Object(
  {
    newCustomers: Type.Boolean({ description: 'Require a deposit from customers who have not paid an invoice yet' }),
    highRisk: Type.Boolean({ description: "Require a deposit from customers tagged 'high_risk'" }),
    percentBp: Type.Integer({ minimum: 1, maximum: 10_000, description: 'Deposit as basis points of the planned total' }),
  },
  { additionalProperties: false },
);
export type DepositPolicyInput = Static<typeof DepositPolicyInput>;

export const DepositInput = Type.Object(
  {
    customerId: Type.String({ format: 'uuid' }),
    description: Type.String({ minLength: 1, maxLength: 1000 }),
    currency: Type.Optional(Currency),
    plannedTotal: Type.Optional(PositiveMinor),
    percentBp: Type.Optional(Type.Integer({ minimum: 1, maximum: 10_000 })),
    amount: Type.Optional(PositiveMinor),
    taxRateBp: Type.Optional(Bp(10_000)),
    series: Type.Optional(Type.String({ pattern: '^[A-Z0-9]{1,10}$' })),
    paymentTerms: Type.Optional(Type.String({ maxLength: 20 })),
  },
  { additionalProperties: false, description: 'Net amounts: tax at taxRateBp is added on the deposit invoice' },
);
export type DepositInput = Static<typeof DepositInput>;

export const FREQUENCIES = ['weekly', 'biweekly', 'monthly', 'quarterly', 'yearly', 'rrule'] as const;

const TemplateInput = Type.Object(
  {
    currency: Type.Optional(Currency),
    series: Type.Optional(Type.String({ pattern: '^[A-Z0-9]{1,10}$' })),
    paymentTerms: Type.Optional(Type.String({ maxLength: 20 })),
    lines: Type.Array(LineInput, { minItems: 1, maxItems: 500 }),
    poNumber: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    notes: Type.Optional(Type.Union([Type.String({ maxLength: 4000 }), Type.Null()])),
    termsText: Type.Optional(Type.Union([Type.String({ maxLength: 4000 }), Type.Null()])),
    earlyPayment: Type.Optional(EarlyPaymentInput),
  },
  { additionalProperties: false },
);

const scheduleFields = {
  name: Type.String({ minLength: 1, maxLength: 200 }),
  frequency: Type.Enum(FREQUENCIES),
  rrule: Type.Optional(Type.Union([Type.String({ maxLength: 500, description: 'RFC 5545 RRULE when frequency is rrule, e.g. FREQ=MONTHLY;BYMONTHDAY=-1' }), Type.Null()])),
  startDate: Day,
  endDate: Type.Optional(Type.Union([Day, Type.Null()])),
  catchUp: Type.Optional(Type.Union([Type.Literal('latest'), Type.Literal('all')], { description: 'After downtime: issue only the latest missed period (default) or every one' })),
  sendEmail: Type.Optional(Type.Boolean()),
  autopay: Type.Optional(Type.Boolean({ description: 'Charge the saved payment method when the invoice is issued (customer portal)' })),
  template: TemplateInput,
};

export const CreateScheduleInput = Type.Object({ customerId: Type.String({ format: 'uuid' }), ...scheduleFields }, { additionalProperties: false });
export type CreateScheduleInput = Static<typeof CreateScheduleInput>;

export const UpdateScheduleInput = Type.Partial(Type.Object(scheduleFields, { additionalProperties: false }), { additionalProperties: false, minProperties: 1 });
export type UpdateScheduleInput = Static<typeof UpdateScheduleInput>;

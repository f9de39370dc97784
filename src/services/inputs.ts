import { Type, type Static } from 'typebox';
import { VAT_CATEGORIES } from '../domain/vat-category.ts';
import { EarlyPaymentInput } from './terms/early-payment-input.ts';

// Input shapes shared by the REST API (validated by Fastify) and the CSV importer (validated with
// typebox/value), so one contract describes what a customer, an invoice or a payment may look like.

const Text = (max: number) => Type.String({ maxLength: max });
const Id = Type.String({ format: 'uuid' });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Calendar date YYYY-MM-DD' });
const Currency = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code' });
const MinorUnits = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, description: 'Amount in minor units of the currency (cents, kopecks, dong)' });
const PositiveMinorUnits = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'Amount in minor units of the currency' });
const Terms = Type.String({ maxLength: 20, description: 'net_N, eom_N, due_on_receipt or fixed_YYYY-MM-DD' });
const BasisPoints = Type.Integer({ minimum: 0, maximum: 10_000, description: 'Rate in basis points: 2100 = 21 %' });

export const AddressInput = Type.Object(
  {
    line1: Type.Optional(Text(200)),
    line2: Type.Optional(Text(200)),
    city: Type.Optional(Text(100)),
    region: Type.Optional(Text(100)),
    postalCode: Type.Optional(Text(20)),
    country: Type.Optional(Type.String({ pattern: '^[A-Z]{2}$' })),
  },
  { additionalProperties: false },
);

/** Checked further by checkElectronicAddress (scheme list, identifier format and check digits). */
export const ElectronicAddressInput = Type.Object(
  {
    scheme: Type.String({ maxLength: 10, description: 'EAS code: 0088 GLN, 0192, 0208, 9930 … or EM for e-mail' }),
    value: Type.String({ maxLength: 254, description: 'The identifier in that scheme, e.g. a Peppol participant id without its scheme' }),
  },
  { additionalProperties: false, description: 'Where e-invoices are delivered (EN 16931 BT-34 / BT-49)' },
);

export const ContactInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    email: Type.Optional(Type.Union([Text(254), Type.Null()])),
    phone: Type.Optional(Type.Union([Text(20), Type.Null()])),
    role: Type.Optional(Type.Union([Type.Literal('billing'), Type.Literal('accounts_payable'), Type.Literal('primary'), Type.Literal('finance'), Type.Literal('other')])),
    preferredChannel: Type.Optional(Type.Union([Type.Literal('email'), Type.Literal('sms'), Type.Literal('phone'), Type.Literal('letter')])),
    isPrimary: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type ContactInput = Static<typeof ContactInput>;

const CustomerStatus = Type.Union([Type.Literal('active'), Type.Literal('on_hold'), Type.Literal('in_collections')]);
const Locale = Type.Union([Type.Literal('en'), Type.Literal('vi'), Type.Literal('id'), Type.Literal('ru'), Type.Literal('ro')]);

const customerFields = {
  externalRef: Type.Optional(Type.Union([Text(64), Type.Null()])),
  legalName: Type.Optional(Type.Union([Text(300), Type.Null()])),
  taxId: Type.Optional(Type.Union([Text(40), Type.Null()])),
  billingAddress: Type.Optional(AddressInput),
  shippingAddress: Type.Optional(Type.Union([AddressInput, Type.Null()])),
  electronicAddress: Type.Optional(Type.Union([ElectronicAddressInput, Type.Null()])),
  locale: Type.Optional(Locale),
  timeZone: Type.Optional(Text(64)),
  currency: Type.Optional(Currency),
  paymentTerms: Type.Optional(Terms),
  creditLimit: Type.Optional(Type.Union([MinorUnits, Type.Null()])),
  status: Type.Optional(CustomerStatus),
  tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 40 }), { maxItems: 20 })),
};

export const CreateCustomerInput = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200 }), ...customerFields, contacts: Type.Optional(Type.Array(ContactInput, { maxItems: 20 })) },
  { additionalProperties: false },
);
export type CreateCustomerInput = Static<typeof CreateCustomerInput>;

export const UpdateCustomerInput = Type.Object(
  { name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })), ...customerFields },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateCustomerInput = Static<typeof UpdateCustomerInput>;

export const LineInput = Type.Object(
  {
    description: Type.String({ minLength: 1, maxLength: 1000 }),
    quantity: Type.Union([Type.String({ maxLength: 20 }), Type.Number()], { description: 'Decimal with up to 4 places, e.g. "1.5"' }),
    unitPrice: MinorUnits,
    taxRateBp: Type.Optional(BasisPoints),
    taxCategory: Type.Optional(
      Type.Enum(VAT_CATEGORIES, {
        description: 'EN 16931 VAT category: S standard, Z zero rated, E exempt, AE reverse charge, K intra-community supply, G export outside the EU, O outside the scope of VAT. Default: S for a positive rate, Z for 0',
      }),
    ),
    taxExemptionCode: Type.Optional(Type.Union([Type.String({ maxLength: 30 }), Type.Null()], { description: 'VATEX code (BT-121), e.g. VATEX-EU-132-1I; AE, K, G and O get theirs by default' })),
    taxExemptionReason: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()], { description: 'Why no VAT is charged, in words (BT-120); an exempt (E) line needs this or a code' })),
    discountBp: Type.Optional(BasisPoints),
  },
  { additionalProperties: false },
);
export type LineInput = Static<typeof LineInput>;

const invoiceFields = {
  issueDate: Type.Optional(Day),
  paymentTerms: Type.Optional(Terms),
  dueDate: Type.Optional(Day),
  poNumber: Type.Optional(Type.Union([Text(100), Type.Null()])),
  billingContactId: Type.Optional(Type.Union([Id, Type.Null()])),
  notes: Type.Optional(Type.Union([Text(4000), Type.Null()])),
  termsText: Type.Optional(Type.Union([Text(4000), Type.Null()])),
  earlyPayment: Type.Optional(EarlyPaymentInput),
};

export const CreateInvoiceInput = Type.Object(
  {
    customerId: Id,
    currency: Type.Optional(Currency),
    series: Type.Optional(Type.String({ pattern: '^[A-Z0-9]{1,10}$' })),
    ...invoiceFields,
    lines: Type.Array(LineInput, { minItems: 1, maxItems: 500 }),
    issue: Type.Optional(Type.Boolean({ description: 'Issue at once instead of saving a draft' })),
  },
  { additionalProperties: false },
);
export type CreateInvoiceInput = Static<typeof CreateInvoiceInput>;

export const UpdateDraftInput = Type.Object(
  { currency: Type.Optional(Currency), ...invoiceFields, lines: Type.Optional(Type.Array(LineInput, { minItems: 1, maxItems: 500 })) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateDraftInput = Static<typeof UpdateDraftInput>;

export const PaymentMethod = Type.Union([
  Type.Literal('bank_transfer'),
  Type.Literal('card'),
  Type.Literal('cash'),
  Type.Literal('cheque'),
  Type.Literal('e_wallet'),
  Type.Literal('other'),
]);

export const AllocationInput = Type.Object({ invoiceId: Id, amount: PositiveMinorUnits }, { additionalProperties: false });

export const RecordPaymentInput = Type.Object(
  {
    customerId: Id,
    amount: PositiveMinorUnits,
    currency: Currency,
    receivedOn: Day,
    method: PaymentMethod,
    reference: Type.Optional(Type.Union([Text(200), Type.Null()])),
    externalId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Your id for this payment; a repeat with the same id is refused' })),
    allocations: Type.Optional(Type.Array(AllocationInput, { maxItems: 500, description: 'Omit to allocate oldest-first' })),
  },
  { additionalProperties: false },
);
export type RecordPaymentInput = Static<typeof RecordPaymentInput>;

export const CreditNoteInput = Type.Object(
  {
    reason: Type.String({ minLength: 1, maxLength: 1000 }),
    issueDate: Type.Optional(Day),
    lines: Type.Optional(Type.Array(LineInput, { minItems: 1, maxItems: 500 })),
    amount: Type.Optional(PositiveMinorUnits),
  },
  { additionalProperties: false },
);
export type CreditNoteInput = Static<typeof CreditNoteInput>;

export const RefundInput = Type.Object(
  { amount: PositiveMinorUnits, refundedOn: Day, method: PaymentMethod, reference: Type.Optional(Type.Union([Text(200), Type.Null()])) },
  { additionalProperties: false },
);
export type RefundInput = Static<typeof RefundInput>;

export const ReasonInput = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false });
export type ReasonInput = Static<typeof ReasonInput>;

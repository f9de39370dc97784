import { Type, type Static } from 'typebox';
import { AllocationInput } from '../inputs.ts';

// Input shapes of the bank-statement API, validated by Fastify before the services see them.

const Account = Type.String({ minLength: 1, maxLength: 64, description: 'IBAN or domestic account number; spaces are ignored' });

export const ConfirmTransactionInput = Type.Object(
  {
    allocations: Type.Optional(Type.Array(AllocationInput, { maxItems: 500, description: 'The invoices this money pays; omit to pay the customer’s oldest first' })),
    customerId: Type.Optional(Type.String({ format: 'uuid', description: 'Whose payment this is; needed only when no allocations are given' })),
  },
  { additionalProperties: false },
);
export type ConfirmTransactionInput = Static<typeof ConfirmTransactionInput>;

export const IgnoreTransactionInput = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 1000 }) }, { additionalProperties: false });
export type IgnoreTransactionInput = Static<typeof IgnoreTransactionInput>;

const mappingFields = {
  name: Type.String({ minLength: 1, maxLength: 100, description: 'Usually the bank, e.g. "Banca Transilvania RON"' }),
  mapping: Type.Unsafe<Record<string, unknown>>({ type: 'object', description: 'Column mapping (see the README): hasHeader, dateFormat, decimalSeparator, columns…' }),
  accountIban: Type.Optional(Type.Union([Account, Type.Null()])),
};

export const CreateCsvMappingInput = Type.Object(mappingFields, { additionalProperties: false });
export type CreateCsvMappingInput = Static<typeof CreateCsvMappingInput>;

export const UpdateCsvMappingInput = Type.Object(
  { name: Type.Optional(mappingFields.name), mapping: Type.Optional(mappingFields.mapping), accountIban: mappingFields.accountIban },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateCsvMappingInput = Static<typeof UpdateCsvMappingInput>;

export const CustomerBankAccountInput = Type.Object({ account: Account }, { additionalProperties: false });
export type CustomerBankAccountInput = Static<typeof CustomerBankAccountInput>;

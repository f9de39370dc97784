import { sql } from 'drizzle-orm';
import { boolean, check, index, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

// The accounts customers pay into. Invoices print the default account of their currency (bank details
// and the payment QR); an account is an IBAN or a domestic account number with its bank code.
export const bankAccounts = pgTable(
  'bank_accounts',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    currency: text('currency').notNull(),
    /** Beneficiary name on transfers; the organization's legal name when null. */
    accountHolder: text('account_holder'),
    /** Electronic form, validated (mod 97). */
    iban: text('iban'),
    accountNumber: text('account_number'),
    bankCode: text('bank_code'),
    bic: text('bic'),
    bankName: text('bank_name'),
    /** Russian banks: the bank's correspondent account (20 digits), needed by GOST QR payments. */
    correspondentAccount: text('correspondent_account'),
    /** Vietnamese banks: the NAPAS BIN (6 digits), needed by VietQR. */
    vietBankBin: text('viet_bank_bin'),
    isDefault: boolean('is_default').notNull().default(false),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.id] }),
    index('bank_accounts_currency_idx').on(t.orgId, t.currency),
    // At most one default per currency: the one an invoice in that currency prints.
    uniqueIndex('bank_accounts_default_key').on(t.orgId, t.currency).where(sql`${t.isDefault}`),
    check('bank_accounts_identifier_check', sql`${t.iban} is not null or ${t.accountNumber} is not null`),
  ],
);

// An organization's own wording of a message template in one language, laid over the built-in catalogue
// when messages are rendered. Validated with validateTemplate before it is stored.
export const templateOverrides = pgTable(
  'template_overrides',
  {
    orgId: uuid('org_id').notNull(),
    id: uuid('id').notNull(),
    key: text('key').notNull(),
    locale: text('locale').notNull(),
    source: text('source').notNull(),
    createdAt: instant('created_at').notNull(),
    updatedAt: instant('updated_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.id] }), uniqueIndex('template_overrides_key').on(t.orgId, t.key, t.locale)],
);

import { Type, type Static } from 'typebox';
import { isCurrencyCode } from '../../domain/currency.ts';
import { date } from '../../domain/dates.ts';
import { choosePaymentQr, type BankAccountDetails } from '../../domain/payment-qr/index.ts';
import { failure, success, type Result } from '../../domain/result.ts';
import { inOrgResult, type Db } from '../../db/connection.ts';
import { newId } from '../../db/ids.ts';
import {
  clearOtherDefaults,
  deleteBankAccount,
  findBankAccount,
  insertBankAccount,
  listBankAccounts,
  updateBankAccount,
  type BankAccountRow,
} from '../../db/repositories/bank-accounts.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import { findOrganization } from '../../db/repositories/organizations.ts';
import { nowDate, type Ctx } from '../context.ts';

const Detail = (max: number) => Type.Union([Type.String({ maxLength: max }), Type.Null()]);

const accountFields = {
  accountHolder: Type.Optional(Detail(140)),
  iban: Type.Optional(Detail(42)),
  accountNumber: Type.Optional(Detail(40)),
  bankCode: Type.Optional(Detail(20)),
  bic: Type.Optional(Detail(11)),
  bankName: Type.Optional(Detail(140)),
  correspondentAccount: Type.Optional(Detail(20)),
  vietBankBin: Type.Optional(Detail(6)),
  isDefault: Type.Optional(Type.Boolean()),
};

export const CreateBankAccountInput = Type.Object(
  { currency: Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code' }), ...accountFields },
  { additionalProperties: false },
);
export type CreateBankAccountInput = Static<typeof CreateBankAccountInput>;

export const UpdateBankAccountInput = Type.Object(accountFields, { additionalProperties: false });
export type UpdateBankAccountInput = Static<typeof UpdateBankAccountInput>;

type Details = Pick<BankAccountRow, 'accountHolder' | 'iban' | 'accountNumber' | 'bankCode' | 'bic' | 'bankName' | 'correspondentAccount' | 'vietBankBin'>;
const DETAIL_KEYS = ['accountHolder', 'iban', 'accountNumber', 'bankCode', 'bic', 'bankName', 'correspondentAccount', 'vietBankBin'] as const;

// A stand-in invoice for the check on save: every account must be able to produce the payment instructions
// of its currency (EPC QR for EUR, VietQR for VND, GOST for RUB, text otherwise), so invoices never fail later.
const PROBE = { amountMinor: 100, reference: 'RF18539007547034', invoiceNumber: 'INV-1', issueDate: date('2025-01-01') };

/** Trims, turns blanks into null, and brings identifiers to their electronic form (no spaces, upper case). */
function cleanDetails(input: UpdateBankAccountInput, base: Details): Details {
  const merged: Record<string, string | null> = { ...base };
  for (const key of DETAIL_KEYS) {
    const value = input[key];
    if (value === undefined) continue;
    const text = value?.trim() ?? '';
    merged[key] = text === '' ? null : text;
  }
  const compact = (v: string | null) => (v === null ? null : v.replace(/\s+/g, '').toUpperCase());
  return {
    accountHolder: merged.accountHolder ?? null,
    iban: compact(merged.iban ?? null),
    accountNumber: compact(merged.accountNumber ?? null),
    bankCode: merged.bankCode ?? null,
    bic: compact(merged.bic ?? null),
    bankName: merged.bankName ?? null,
    correspondentAccount: compact(merged.correspondentAccount ?? null),
    vietBankBin: compact(merged.vietBankBin ?? null),
  };
}

function asDetails(d: Details): BankAccountDetails {
  const out: Record<string, string> = {};
  for (const key of ['iban', 'accountNumber', 'bankCode', 'bic', 'bankName', 'correspondentAccount', 'vietBankBin'] as const) {
    const value = d[key];
    if (value !== null) out[key] = value;
  }
  return out;
}

/** The account's details as the payment-QR chooser takes them. */
export function bankAccountDetails(row: BankAccountRow): BankAccountDetails {
  return asDetails(row);
}

async function checkPayable(ctx: Ctx, tx: Db, currency: string, details: Details): Promise<Result<Details>> {
  if (details.iban === null && details.accountNumber === null) {
    return failure('BANK_ACCOUNT_IDENTIFIER_MISSING', 'Give an IBAN or an account number', 'iban');
  }
  const org = await findOrganization(tx, ctx.orgId);
  const beneficiary = details.accountHolder ?? org?.legalName ?? org?.name ?? '';
  const check = choosePaymentQr({ ...PROBE, currency, beneficiary, bankAccount: asDetails(details) });
  if (!check.ok) {
    const field = check.field.startsWith('bankAccount.') ? check.field.slice('bankAccount.'.length) : check.field === 'beneficiary' ? 'accountHolder' : check.field;
    return failure(check.code, check.message, field);
  }
  return success(details);
}

export async function listOrganizationBankAccounts(ctx: Ctx): Promise<BankAccountRow[]> {
  return listBankAccounts(ctx.db, ctx.orgId);
}

export async function createBankAccount(ctx: Ctx, input: CreateBankAccountInput): Promise<Result<BankAccountRow>> {
  if (!isCurrencyCode(input.currency)) return failure('INVALID_CURRENCY', `Unknown currency ${input.currency}`, 'currency');
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const empty: Details = { accountHolder: null, iban: null, accountNumber: null, bankCode: null, bic: null, bankName: null, correspondentAccount: null, vietBankBin: null };
    const details = await checkPayable(ctx, tx, input.currency, cleanDetails(input, empty));
    if (!details.ok) return details;
    const id = newId();
    const now = nowDate(ctx);
    const hasAccountInCurrency = (await listBankAccounts(tx, ctx.orgId)).some((a) => a.currency === input.currency);
    // The first account of a currency is its default, so invoices in that currency can print it at once.
    const isDefault = input.isDefault ?? !hasAccountInCurrency;
    if (isDefault) await clearOtherDefaults(tx, ctx.orgId, input.currency, id);
    const row = await insertBankAccount(tx, { orgId: ctx.orgId, id, currency: input.currency, ...details.value, isDefault, createdAt: now, updatedAt: now });
    await appendEvents(tx, ctx.orgId, ctx.actor, now, [{ entityType: 'bank_account', entityId: id, action: 'bank_account.created', after: eventView(row) }]);
    return success(row);
  });
}

export async function updateOrganizationBankAccount(ctx: Ctx, id: string, input: UpdateBankAccountInput): Promise<Result<BankAccountRow>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const before = await findBankAccount(tx, ctx.orgId, id, true);
    if (!before) return failure('BANK_ACCOUNT_NOT_FOUND', 'No such bank account', 'id');
    const details = await checkPayable(ctx, tx, before.currency, cleanDetails(input, before));
    if (!details.ok) return details;
    const now = nowDate(ctx);
    if (input.isDefault === true) await clearOtherDefaults(tx, ctx.orgId, before.currency, id);
    const after = await updateBankAccount(tx, ctx.orgId, id, { ...details.value, isDefault: input.isDefault ?? before.isDefault, updatedAt: now });
    await appendEvents(tx, ctx.orgId, ctx.actor, now, [{ entityType: 'bank_account', entityId: id, action: 'bank_account.updated', before: eventView(before), after: eventView(after) }]);
    return success(after);
  });
}

export async function removeBankAccount(ctx: Ctx, id: string): Promise<Result<BankAccountRow>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const row = await findBankAccount(tx, ctx.orgId, id, true);
    if (!row) return failure('BANK_ACCOUNT_NOT_FOUND', 'No such bank account', 'id');
    await deleteBankAccount(tx, ctx.orgId, id);
    await appendEvents(tx, ctx.orgId, ctx.actor, nowDate(ctx), [{ entityType: 'bank_account', entityId: id, action: 'bank_account.deleted', before: eventView(row) }]);
    return success(row);
  });
}

/** What the event log keeps of an account: everything but the organization id. */
export function eventView(row: BankAccountRow) {
  const { orgId: _org, ...rest } = row;
  return rest;
}

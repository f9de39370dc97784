import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { BankAccountRow } from '../../db/repositories/bank-accounts.ts';
import {
  createBankAccount,
  CreateBankAccountInput,
  eventView,
  listOrganizationBankAccounts,
  removeBankAccount,
  updateOrganizationBankAccount,
  UpdateBankAccountInput,
} from '../../services/documents/bank-accounts.ts';
import { findBankAccount } from '../../db/repositories/bank-accounts.ts';
import { sendFailure, sendResult } from '../errors.ts';
import { ErrorSchema } from '../views.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Detail = Type.Union([Type.String(), Type.Null()]);
const errors = { 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const tags = ['settings'];

export const BankAccountView = Type.Object({
  id: Type.String(),
  currency: Type.String(),
  accountHolder: Detail,
  iban: Detail,
  accountNumber: Detail,
  bankCode: Detail,
  bic: Detail,
  bankName: Detail,
  correspondentAccount: Detail,
  vietBankBin: Detail,
  isDefault: Type.Boolean(),
  createdAt: Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' }),
  updatedAt: Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' }),
});

const view = (row: BankAccountRow) => eventView(row);

export const bankAccountRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/settings/bank-accounts',
    { config: { permission: 'settings:read' }, schema: { tags, summary: 'The accounts customers pay into; invoices print the default account of their currency', response: { 200: Type.Object({ data: Type.Array(BankAccountView) }) } } },
    async (request) => ({ data: (await listOrganizationBankAccounts(request.ctx)).map(view) }),
  );

  app.post(
    '/settings/bank-accounts',
    {
      config: { permission: 'settings:write' },
      schema: { tags, summary: 'Add a bank account (IBAN, or account number and bank code); checked against the payment QR of its currency', body: CreateBankAccountInput, response: { 201: BankAccountView, ...errors } },
    },
    async (request, reply) => sendResult(reply, await createBankAccount(request.ctx, request.body), view, 201),
  );

  app.get(
    '/settings/bank-accounts/:id',
    { config: { permission: 'settings:read' }, schema: { tags, summary: 'One bank account', params: IdParams, response: { 200: BankAccountView, 404: ErrorSchema } } },
    async (request, reply) => {
      const row = await findBankAccount(request.ctx.db, request.ctx.orgId, request.params.id);
      return row ? view(row) : sendFailure(reply, { code: 'BANK_ACCOUNT_NOT_FOUND', message: 'No such bank account', field: 'id' });
    },
  );

  app.patch(
    '/settings/bank-accounts/:id',
    { config: { permission: 'settings:write' }, schema: { tags, summary: 'Change a bank account or make it the default of its currency', params: IdParams, body: UpdateBankAccountInput, response: { 200: BankAccountView, ...errors } } },
    async (request, reply) => sendResult(reply, await updateOrganizationBankAccount(request.ctx, request.params.id, request.body), view),
  );

  app.delete(
    '/settings/bank-accounts/:id',
    { config: { permission: 'settings:write' }, schema: { tags, summary: 'Remove a bank account', params: IdParams, response: { 200: BankAccountView, ...errors } } },
    async (request, reply) => sendResult(reply, await removeBankAccount(request.ctx, request.params.id), view),
  );
};

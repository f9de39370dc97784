import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { findDeposit, invoicesOfDeposits, listDeposits } from '../../db/repositories/deposits.ts';
import { findInvoice } from '../../db/repositories/invoices.ts';
import {
  depositPolicyOf,
  depositRequirement,
  removeDepositPolicy,
  requestDeposit,
  saveDepositPolicy,
  settleDeposit,
} from '../../services/terms/deposits.ts';
import { DepositInput, DepositPolicyInput } from '../../services/terms/inputs.ts';
import { sendFailure, sendResult } from '../errors.ts';
import { decodeCursor, page, PageQuery } from '../pagination.ts';
import { DepositView, depositView } from '../terms-views.ts';
import { ErrorSchema, InvoiceView, invoiceView, pageOf } from '../views.ts';

const Uuid = Type.String({ format: 'uuid' });
const IdParams = Type.Object({ id: Uuid });
const errors = { 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const tags = ['deposits'];
const PolicyView = Type.Object({ policy: Type.Union([DepositPolicyInput, Type.Null()]) });

export const depositRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/deposit-policy', { config: { permission: 'invoices:read' }, schema: { tags, summary: 'Who must pay a deposit before work starts', response: { 200: PolicyView } } }, async (request) => ({
    policy: await depositPolicyOf(request.ctx.db, request.ctx.orgId),
  }));

  app.put(
    '/deposit-policy',
    { config: { permission: 'settings:write' }, schema: { tags, summary: "Require deposits from new and/or high-risk (tag 'high_risk') customers", body: DepositPolicyInput, response: { 200: PolicyView, ...errors } } },
    async (request, reply) => sendResult(reply, await saveDepositPolicy(request.ctx, request.body), (policy) => ({ policy })),
  );

  app.delete('/deposit-policy', { config: { permission: 'settings:write' }, schema: { tags, summary: 'Stop requiring deposits', response: { 200: PolicyView, ...errors } } }, async (request, reply) =>
    sendResult(reply, await removeDepositPolicy(request.ctx), () => ({ policy: null })),
  );

  app.get(
    '/customers/:id/deposit-requirement',
    {
      config: { permission: 'invoices:read' },
      schema: {
        tags,
        summary: 'Whether this customer must pay a deposit before work starts, and why',
        params: IdParams,
        response: { 200: Type.Object({ required: Type.Boolean(), reasons: Type.Array(Type.String()), percentBp: Type.Union([Type.Integer(), Type.Null()]) }), 404: ErrorSchema },
      },
    },
    async (request, reply) => sendResult(reply, await depositRequirement(request.ctx, request.params.id), (r) => r),
  );

  app.get(
    '/deposits',
    {
      config: { permission: 'invoices:read' },
      schema: { tags, summary: 'Deposits requested, newest first', querystring: Type.Object({ ...PageQuery, customerId: Type.Optional(Uuid) }), response: { 200: pageOf(DepositView), 400: ErrorSchema } },
    },
    async (request, reply) => {
      const { db, orgId } = request.ctx;
      const { limit = 50, cursor, customerId } = request.query;
      const before = decodeCursor(cursor);
      if (before === null) return sendFailure(reply, { code: 'INVALID_CURSOR', message: 'Unknown cursor', field: 'cursor' });
      const rows = await listDeposits(db, orgId, { customerId, before, limit });
      const invoices = new Map((await invoicesOfDeposits(db, orgId, rows)).map((i) => [i.id, i]));
      return page(rows, limit, (d) => depositView(d, invoices.get(d.invoiceId)!));
    },
  );

  app.post(
    '/deposits',
    {
      config: { permission: 'invoices:write' },
      schema: { tags, summary: 'Request a deposit: issue an advance invoice for an amount or a share of the planned total', body: DepositInput, response: { 201: Type.Object({ deposit: DepositView, invoice: InvoiceView }), ...errors } },
    },
    async (request, reply) =>
      sendResult(reply, await requestDeposit(request.ctx, request.body), (r) => ({ deposit: depositView(r.deposit, r.invoice), invoice: invoiceView(request.today, r.invoice) }), 201),
  );

  app.get('/deposits/:id', { config: { permission: 'invoices:read' }, schema: { tags, summary: 'A deposit and where it stands', params: IdParams, response: { 200: DepositView, 404: ErrorSchema } } }, async (request, reply) => {
    const { db, orgId } = request.ctx;
    const deposit = await findDeposit(db, orgId, request.params.id);
    if (!deposit) return sendFailure(reply, { code: 'DEPOSIT_NOT_FOUND', message: 'No such deposit', field: 'id' });
    return depositView(deposit, (await findInvoice(db, orgId, deposit.invoiceId))!);
  });

  app.post(
    '/deposits/:id/settle',
    {
      config: { permission: 'invoices:write' },
      schema: {
        tags,
        summary: 'Deduct a paid deposit on the final invoice: a credit note reverses the advance invoice and is applied to the final one',
        params: IdParams,
        body: Type.Object({ invoiceId: Uuid }, { additionalProperties: false }),
        response: { 200: Type.Object({ deposit: DepositView, creditNote: InvoiceView, finalInvoice: InvoiceView }), ...errors },
      },
    },
    async (request, reply) => {
      const result = await settleDeposit(request.ctx, request.params.id, request.body.invoiceId);
      if (!result.ok) return sendFailure(reply, result);
      const advance = (await findInvoice(request.ctx.db, request.ctx.orgId, result.value.deposit.invoiceId))!;
      return { deposit: depositView(result.value.deposit, advance), creditNote: invoiceView(request.today, result.value.creditNote), finalInvoice: invoiceView(request.today, result.value.finalInvoice) };
    },
  );
};

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { parseDate } from '../../domain/dates.ts';
import { JURISDICTIONS } from '../../domain/fees/index.ts';
import { findCustomer } from '../../db/repositories/customers.ts';
import { findInvoice } from '../../db/repositories/invoices.ts';
import { lateFeeChargesOf, lateFeeInvoicesOf, listLateFeePolicies } from '../../db/repositories/late-fees.ts';
import { ReasonInput } from '../../services/inputs.ts';
import { interestStatement } from '../../services/terms/interest-statement.ts';
import {
  effectiveLateFeePolicy,
  removeLateFeePolicy,
  removeReferenceRates,
  saveLateFeePolicyFor,
  saveReferenceRates,
  savedReferenceRates,
} from '../../services/terms/late-fee-policies.ts';
import { LateFeePolicyInput, PostLateFeeInput } from '../../services/terms/inputs.ts';
import { postLateFee } from '../../services/terms/post-late-fee.ts';
import { waiveLateFee } from '../../services/terms/waive-late-fee.ts';
import { sendFailure, sendResult } from '../errors.ts';
import {
  EffectivePolicyView,
  InterestStatementView,
  LateFeePostingView,
  LateFeeView,
  lateFeeViews,
  PolicyRecordView,
  policyRecordView,
  postingView,
  ReferenceRatesView,
} from '../terms-views.ts';
import { ErrorSchema, InvoiceView, invoiceView } from '../views.ts';

const Uuid = Type.String({ format: 'uuid' });
const IdParams = Type.Object({ id: Uuid });
const CustomerParams = Type.Object({ customerId: Uuid });
const errors = { 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const tags = ['late fees'];

export const lateFeeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/late-fee-policies',
    {
      config: { permission: 'invoices:read' },
      schema: { tags, summary: "The organization's late-fee policy and the customers' own", response: { 200: Type.Object({ organization: Type.Union([PolicyRecordView, Type.Null()]), customers: Type.Array(PolicyRecordView) }) } },
    },
    async (request) => {
      const rows = await listLateFeePolicies(request.ctx.db, request.ctx.orgId);
      const org = rows.find((r) => r.customerId === null);
      return { organization: org ? policyRecordView(org) : null, customers: rows.filter((r) => r.customerId !== null).map(policyRecordView) };
    },
  );

  app.put(
    '/late-fee-policies/organization',
    { config: { permission: 'settings:write' }, schema: { tags, summary: "Set the organization's default late-fee policy", body: LateFeePolicyInput, response: { 200: PolicyRecordView, ...errors } } },
    async (request, reply) => sendResult(reply, await saveLateFeePolicyFor(request.ctx, null, request.body), policyRecordView),
  );

  app.delete(
    '/late-fee-policies/organization',
    { config: { permission: 'settings:write' }, schema: { tags, summary: "Remove the organization's default late-fee policy", response: { 200: PolicyRecordView, ...errors } } },
    async (request, reply) => sendResult(reply, await removeLateFeePolicy(request.ctx, null), policyRecordView),
  );

  app.get(
    '/late-fee-policies/customers/:customerId',
    { config: { permission: 'invoices:read' }, schema: { tags, summary: 'The policy that applies to a customer: its own, else the default', params: CustomerParams, response: { 200: EffectivePolicyView, 404: ErrorSchema } } },
    async (request, reply) => {
      const { db, orgId } = request.ctx;
      if (!(await findCustomer(db, orgId, request.params.customerId))) return sendFailure(reply, { code: 'CUSTOMER_NOT_FOUND', message: 'No such customer', field: 'customerId' });
      const effective = await effectiveLateFeePolicy(db, orgId, request.params.customerId);
      return { source: effective?.source ?? null, policy: effective?.policy ?? null };
    },
  );

  app.put(
    '/late-fee-policies/customers/:customerId',
    { config: { permission: 'settings:write' }, schema: { tags, summary: "Override the late-fee policy for one customer (e.g. the contract's own terms)", params: CustomerParams, body: LateFeePolicyInput, response: { 200: PolicyRecordView, ...errors } } },
    async (request, reply) => sendResult(reply, await saveLateFeePolicyFor(request.ctx, request.params.customerId, request.body), policyRecordView),
  );

  app.delete(
    '/late-fee-policies/customers/:customerId',
    { config: { permission: 'settings:write' }, schema: { tags, summary: "Remove a customer's own policy; the default applies again", params: CustomerParams, response: { 200: PolicyRecordView, ...errors } } },
    async (request, reply) => sendResult(reply, await removeLateFeePolicy(request.ctx, request.params.customerId), policyRecordView),
  );

  app.get(
    '/late-fee-policies/reference-rates',
    { config: { permission: 'invoices:read' }, schema: { tags, summary: "The organization's own reference-rate series (null: the shipped table)", response: { 200: ReferenceRatesView } } },
    async (request) => ({ referenceRates: await savedReferenceRates(request.ctx.db, request.ctx.orgId) }),
  );

  app.put(
    '/late-fee-policies/reference-rates',
    {
      config: { permission: 'settings:write' },
      schema: {
        tags,
        summary: 'Supply reference-rate series (e.g. to extend ECB_MRO past the shipped table); each replaces the shipped series of its name',
        body: Type.Object({}, { additionalProperties: true, maxProperties: 10, description: '{ "ECB_MRO": { "coveredThrough": "2026-06-30", "changes": [{ "from": "2025-06-11", "rateBp": 215 }] } }' }),
        response: { 200: ReferenceRatesView, ...errors },
      },
    },
    async (request, reply) => sendResult(reply, await saveReferenceRates(request.ctx, request.body), (referenceRates) => ({ referenceRates })),
  );

  app.delete(
    '/late-fee-policies/reference-rates',
    { config: { permission: 'settings:write' }, schema: { tags, summary: 'Go back to the shipped reference rates', response: { 200: ReferenceRatesView, ...errors } } },
    async (request, reply) => sendResult(reply, await removeReferenceRates(request.ctx), () => ({ referenceRates: null })),
  );

  app.get(
    '/invoices/:id/late-fees',
    { config: { permission: 'invoices:read' }, schema: { tags, summary: 'Late fees posted on an invoice, each a separate late-fee invoice', params: IdParams, response: { 200: Type.Object({ data: Type.Array(LateFeeView) }), 404: ErrorSchema } } },
    async (request, reply) => {
      const { db, orgId } = request.ctx;
      const invoice = await findInvoice(db, orgId, request.params.id);
      if (!invoice || invoice.kind !== 'invoice') return sendFailure(reply, { code: 'INVOICE_NOT_FOUND', message: 'No such invoice', field: 'id' });
      return { data: lateFeeViews(await lateFeeInvoicesOf(db, orgId, invoice.id), await lateFeeChargesOf(db, orgId, invoice.id)) };
    },
  );

  app.post(
    '/invoices/:id/late-fees',
    {
      config: { permission: 'invoices:write' },
      schema: { tags, summary: 'Post the late fee due today as a separate late-fee invoice (201), or say why nothing is due (200)', params: IdParams, body: Type.Optional(PostLateFeeInput), response: { 200: LateFeePostingView, 201: LateFeePostingView, ...errors } },
    },
    async (request, reply) => {
      const body = request.body ?? {};
      const result = await postLateFee(request.ctx, request.params.id, body.stepIndex ?? 'manual', body.exchange ? { exchange: body.exchange } : {});
      return sendResult(reply, result, (p) => postingView(request.today, p), result.ok && result.value.feeInvoice ? 201 : 200);
    },
  );

  app.post(
    '/invoices/:id/late-fees/:feeId/waive',
    {
      config: { permission: 'invoices:write' },
      schema: {
        tags,
        summary: 'Waive a posted late fee with a reason: a credit note against the late-fee invoice',
        params: Type.Object({ id: Uuid, feeId: Uuid }),
        body: ReasonInput,
        response: { 200: Type.Object({ feeInvoice: InvoiceView, creditNote: InvoiceView, amount: Type.Integer() }), ...errors },
      },
    },
    async (request, reply) =>
      sendResult(reply, await waiveLateFee(request.ctx, request.params.id, request.params.feeId, request.body.reason), (w) => ({
        feeInvoice: invoiceView(request.today, w.feeInvoice),
        creditNote: invoiceView(request.today, w.creditNote),
        amount: w.amount,
      })),
  );

  app.get(
    '/invoices/:id/interest',
    {
      config: { permission: 'invoices:read' },
      schema: {
        tags,
        summary: 'Late-payment interest line by line over the balance history, with compensation and totals',
        params: IdParams,
        querystring: Type.Object(
          {
            asOf: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Default today' })),
            jurisdiction: Type.Optional(Type.Enum(JURISDICTIONS, { description: 'Statutory rate instead of the policy’s' })),
            annualRateBp: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000, description: 'Contract rate instead of the policy’s' })),
            dayCount: Type.Optional(Type.Union([Type.Literal('actual/365'), Type.Literal('actual/360')])),
          },
          { additionalProperties: false },
        ),
        response: { 200: InterestStatementView, ...errors },
      },
    },
    async (request, reply) => {
      const { asOf: text, jurisdiction, annualRateBp, dayCount } = request.query;
      const asOf = text === undefined ? request.today : parseDate(text);
      if (!asOf) return sendFailure(reply, { code: 'INVALID_DATE', message: 'Not a calendar date', field: 'asOf' });
      if (jurisdiction !== undefined && annualRateBp !== undefined)
        return sendFailure(reply, { code: 'VALIDATION_FAILED', message: 'Give jurisdiction or annualRateBp, not both', field: 'annualRateBp' });
      return sendResult(reply, await interestStatement(request.ctx, request.params.id, { asOf, jurisdiction, annualRateBp, dayCount }), (s) => s);
    },
  );
};

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { parseDate } from '../../domain/dates.ts';
import { success } from '../../domain/result.ts';
import { CustomerDunningInput, InvoiceDunningInput, PolicyInput, SettingsInput } from '../../services/dunning/inputs.ts';
import { invoiceSchedule } from '../../services/dunning/invoice-schedule.ts';
import { createDunningPolicy, deleteDunningPolicy, getDunningPolicy, listDunningPolicies, updateDunningPolicy } from '../../services/dunning/policies.ts';
import { dunningPreview } from '../../services/dunning/preview.ts';
import { runDunningTick } from '../../services/dunning/run-tick.ts';
import {
  getCustomerDunning,
  getDunningSettings,
  pauseInvoiceDunning,
  resumeInvoiceDunning,
  setCustomerDunning,
  setInvoiceDunning,
  updateDunningSettings,
} from '../../services/dunning/settings.ts';
import { CustomerDunningView, InvoiceDunningView, PolicyView, PreviewView, ScheduleView, SettingsView, TickView, planView } from '../collections-views.ts';
import { sendFailure, sendResult } from '../errors.ts';
import { ErrorSchema } from '../views.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const PolicyParams = Type.Object({ id: Type.String({ pattern: '^(default|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$', description: '"default" or a policy id' }) });
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });
const errors = { 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const tags = ['dunning'];

export const dunningRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/dunning/policies',
    { config: { permission: 'collections:read' }, schema: { tags, summary: 'Dunning policies: the built-in one and the organization’s own', response: { 200: Type.Object({ data: Type.Array(PolicyView) }) } } },
    async (request, reply) => sendResult(reply, success({ data: await listDunningPolicies(request.ctx) }), (r) => r),
  );

  app.post(
    '/dunning/policies',
    { config: { permission: 'settings:write' }, schema: { tags, summary: 'Create a policy (steps are validated; every error names its field)', body: PolicyInput, response: { 201: PolicyView, ...errors } } },
    async (request, reply) => sendResult(reply, await createDunningPolicy(request.ctx, request.body), (p) => p, 201),
  );

  app.get(
    '/dunning/policies/:id',
    { config: { permission: 'collections:read' }, schema: { tags, summary: 'One policy', params: PolicyParams, response: { 200: PolicyView, 404: ErrorSchema } } },
    async (request, reply) => sendResult(reply, await getDunningPolicy(request.ctx, request.params.id), (p) => p),
  );

  app.put(
    '/dunning/policies/:id',
    { config: { permission: 'settings:write' }, schema: { tags, summary: 'Replace a policy’s name and steps (keep step ids to keep their history)', params: PolicyParams, body: PolicyInput, response: { 200: PolicyView, ...errors } } },
    async (request, reply) => sendResult(reply, await updateDunningPolicy(request.ctx, request.params.id, request.body), (p) => p),
  );

  app.delete(
    '/dunning/policies/:id',
    { config: { permission: 'settings:write' }, schema: { tags, summary: 'Delete a policy nobody uses', params: PolicyParams, response: { 200: Type.Object({ id: Type.String() }), ...errors } } },
    async (request, reply) => sendResult(reply, await deleteDunningPolicy(request.ctx, request.params.id), (r) => r),
  );

  app.get(
    '/dunning/settings',
    { config: { permission: 'settings:read' }, schema: { tags, summary: 'Default policy, business hours and reply address', response: { 200: SettingsView } } },
    async (request, reply) => sendResult(reply, success(await getDunningSettings(request.ctx)), (s) => s),
  );

  app.patch(
    '/dunning/settings',
    { config: { permission: 'settings:write' }, schema: { tags, summary: 'Change the default policy, business hours or reply address', body: SettingsInput, response: { 200: SettingsView, ...errors } } },
    async (request, reply) => sendResult(reply, await updateDunningSettings(request.ctx, request.body), (s) => s),
  );

  app.get(
    '/dunning/preview',
    {
      config: { permission: 'collections:read' },
      schema: {
        tags,
        summary: 'What a tick would send, to whom, by which channel and why; writes nothing',
        querystring: Type.Object({ date: Type.Optional(Day) }, { additionalProperties: false }),
        response: { 200: PreviewView, 400: ErrorSchema },
      },
    },
    async (request, reply) => {
      const date = request.query.date === undefined ? undefined : parseDate(request.query.date);
      if (date === null) return sendFailure(reply, { code: 'INVALID_DATE', message: 'Not a calendar date', field: 'date' });
      return sendResult(reply, success(await dunningPreview(request.ctx, date)), (p) => p);
    },
  );

  app.post(
    '/dunning/run',
    { config: { permission: 'settings:write' }, schema: { tags, summary: 'Run the dunning tick for this organization now', response: { 200: TickView } } },
    async (request) => {
      const report = await runDunningTick(request.ctx.db, request.ctx.clock, { orgId: request.ctx.orgId, dryRun: false, actor: request.ctx.actor });
      const { orgId: _org, decisions: _d, ...totals } = report.organizations[0]!;
      return totals;
    },
  );

  app.get(
    '/customers/:id/dunning',
    { config: { permission: 'collections:read' }, schema: { tags, summary: 'The customer’s policy or exclusion, collector and risk level', params: IdParams, response: { 200: CustomerDunningView, 404: ErrorSchema } } },
    async (request, reply) => sendResult(reply, await getCustomerDunning(request.ctx, request.params.id), (s) => s),
  );

  app.patch(
    '/customers/:id/dunning',
    { config: { permission: 'collections:write' }, schema: { tags, summary: 'Choose the customer’s policy, exclude it, assign its collector', params: IdParams, body: CustomerDunningInput, response: { 200: CustomerDunningView, ...errors } } },
    async (request, reply) => sendResult(reply, await setCustomerDunning(request.ctx, request.params.id, request.body), (s) => s),
  );

  app.get(
    '/invoices/:id/dunning',
    { config: { permission: 'collections:read' }, schema: { tags, summary: 'The invoice’s dunning: policy, state, steps done (with their messages) and steps to come', params: IdParams, response: { 200: ScheduleView, 404: ErrorSchema } } },
    async (request, reply) =>
      sendResult(reply, await invoiceSchedule(request.ctx, request.params.id), (s) => ({ ...s, paymentPlan: s.paymentPlan ? planView(s.paymentPlan.plan, s.paymentPlan.installments) : null })),
  );

  app.patch(
    '/invoices/:id/dunning',
    { config: { permission: 'collections:write' }, schema: { tags, summary: 'Choose the invoice’s own policy or exclude it', params: IdParams, body: InvoiceDunningInput, response: { 200: InvoiceDunningView, ...errors } } },
    async (request, reply) => sendResult(reply, await setInvoiceDunning(request.ctx, request.params.id, request.body), (s) => s),
  );

  app.post(
    '/invoices/:id/dunning/pause',
    { config: { permission: 'collections:write' }, schema: { tags, summary: 'Pause reminders for the invoice (pending ones are cancelled)', params: IdParams, response: { 200: InvoiceDunningView, ...errors } } },
    async (request, reply) => sendResult(reply, await pauseInvoiceDunning(request.ctx, request.params.id), (s) => s),
  );

  app.post(
    '/invoices/:id/dunning/resume',
    { config: { permission: 'collections:write' }, schema: { tags, summary: 'Resume reminders; steps that fell meanwhile are caught up once', params: IdParams, response: { 200: InvoiceDunningView, ...errors } } },
    async (request, reply) => sendResult(reply, await resumeInvoiceDunning(request.ctx, request.params.id), (s) => s),
  );
};

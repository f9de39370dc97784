import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { customerCredit, findCustomer, listContacts, listCustomers } from '../../db/repositories/customers.ts';
import { applyCustomerCredit } from '../../services/apply-credit.ts';
import { createCustomer } from '../../services/create-customer.ts';
import { ContactInput, CreateCustomerInput, UpdateCustomerInput } from '../../services/inputs.ts';
import { addContact, changeContact, removeContact, updateCustomer } from '../../services/update-customer.ts';
import { sendFailure, sendResult } from '../errors.ts';
import { decodeCursor, page, PageQuery } from '../pagination.ts';
import { ContactView, CustomerView, ErrorSchema, contactView, customerView, pageOf } from '../views.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const ContactParams = Type.Object({ id: Type.String({ format: 'uuid' }), contactId: Type.String({ format: 'uuid' }) });
const errors = { 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const tags = ['customers'];

export const customerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/customers',
    { config: { permission: 'customers:read' },
      schema: {
        tags,
        summary: 'List customers',
        querystring: Type.Object({
          ...PageQuery,
          q: Type.Optional(Type.String({ maxLength: 200, description: 'Search name, legal name, reference, tax id' })),
          status: Type.Optional(Type.Array(Type.Union([Type.Literal('active'), Type.Literal('on_hold'), Type.Literal('in_collections')]))),
          tag: Type.Optional(Type.String({ maxLength: 40 })),
          currency: Type.Optional(Type.String({ pattern: '^[A-Z]{3}$' })),
        }),
        response: { 200: pageOf(CustomerView), 400: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { limit = 50, cursor, ...filter } = request.query;
      const after = decodeCursor(cursor);
      if (after === null) return sendFailure(reply, { code: 'INVALID_CURSOR', message: 'Unknown cursor', field: 'cursor' });
      const rows = await listCustomers(request.ctx.db, request.ctx.orgId, { ...filter, after, limit });
      return page(rows, limit, (c) => customerView(c));
    },
  );

  app.post('/customers', { config: { permission: 'customers:write' }, schema: { tags, summary: 'Create a customer', body: CreateCustomerInput, response: { 201: CustomerView, ...errors } } }, async (request, reply) =>
    sendResult(reply, await createCustomer(request.ctx, request.body), (r) => customerView(r.customer, r.contacts), 201),
  );

  app.get('/customers/:id', { config: { permission: 'customers:read' }, schema: { tags, summary: 'A customer with contacts and available credit', params: IdParams, response: { 200: CustomerView, 404: ErrorSchema } } }, async (request, reply) => {
    const { db, orgId } = request.ctx;
    const customer = await findCustomer(db, orgId, request.params.id);
    if (!customer) return sendFailure(reply, { code: 'CUSTOMER_NOT_FOUND', message: 'No such customer', field: 'id' });
    return customerView(customer, await listContacts(db, orgId, [customer.id]), await customerCredit(db, orgId, customer.id));
  });

  app.patch('/customers/:id', { config: { permission: 'customers:write' }, schema: { tags, summary: 'Change a customer', params: IdParams, body: UpdateCustomerInput, response: { 200: CustomerView, ...errors } } }, async (request, reply) =>
    sendResult(reply, await updateCustomer(request.ctx, request.params.id, request.body), (c) => customerView(c)),
  );

  app.post('/customers/:id/contacts', { config: { permission: 'customers:write' }, schema: { tags, summary: 'Add a contact', params: IdParams, body: ContactInput, response: { 201: ContactView, ...errors } } }, async (request, reply) =>
    sendResult(reply, await addContact(request.ctx, request.params.id, request.body), contactView, 201),
  );

  app.patch(
    '/customers/:id/contacts/:contactId',
    { config: { permission: 'customers:write' }, schema: { tags, summary: 'Change a contact', params: ContactParams, body: Type.Partial(ContactInput, { additionalProperties: false, minProperties: 1 }), response: { 200: ContactView, ...errors } } },
    async (request, reply) => sendResult(reply, await changeContact(request.ctx, request.params.id, request.params.contactId, request.body), contactView),
  );

  app.delete('/customers/:id/contacts/:contactId', { config: { permission: 'customers:write' }, schema: { tags, summary: 'Remove a contact', params: ContactParams, response: { 200: ContactView, 404: ErrorSchema } } }, async (request, reply) =>
    sendResult(reply, await removeContact(request.ctx, request.params.id, request.params.contactId), contactView),
  );

  app.post(
    '/customers/:id/apply-credit',
    { config: { permission: 'payments:write' },
      schema: {
        tags,
        summary: "Spend the customer's credit on open invoices, oldest due first",
        params: IdParams,
        body: Type.Object({ currency: Type.String({ pattern: '^[A-Z]{3}$' }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ applied: Type.Integer() }), ...errors },
      },
    },
    async (request, reply) => sendResult(reply, await applyCustomerCredit(request.ctx, request.params.id, request.body.currency), (r) => r),
  );
};

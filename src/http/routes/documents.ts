import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import { UBL_PROFILES } from '../../documents/ubl/index.ts';
import type { Result } from '../../domain/result.ts';
import { customerStatement, customerStatementPdf } from '../../services/documents/customer-statement.ts';
import { invoicePdf, invoiceUbl, type DocumentFile } from '../../services/documents/invoice-files.ts';
import { sendFailure } from '../errors.ts';
import { ErrorSchema } from '../views.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const Minor = Type.Integer({ description: 'Minor units of the currency' });
const Day = Type.String({ description: 'YYYY-MM-DD' });

const StatementView = Type.Object({
  customerId: Type.String(),
  asOf: Day,
  locale: Type.String(),
  sections: Type.Array(
    Type.Object({
      currency: Type.String(),
      aging: Type.Array(Type.Object({ key: Type.String(), fromDay: Type.Union([Type.Integer(), Type.Null()]), toDay: Type.Union([Type.Integer(), Type.Null()]), amount: Minor })),
      totalDue: Minor,
      credit: Minor,
      items: Type.Array(
        Type.Object({
          invoiceId: Type.String(),
          number: Type.String(),
          issueDate: Day,
          dueDate: Day,
          daysOverdue: Type.Integer(),
          total: Minor,
          balance: Minor,
          paymentReference: Type.Union([Type.String(), Type.Null()]),
        }),
      ),
    }),
  ),
});

/** Sends a generated file for download; the body never goes through the JSON serializer. */
export function sendFile(reply: FastifyReply, result: Result<DocumentFile>) {
  if (!result.ok) return sendFailure(reply, result);
  const { filename, contentType, body } = result.value;
  return reply
    .type(contentType)
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('cache-control', 'private, no-store')
    .send(body);
}

export const documentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/invoices/:id/pdf',
    { config: { permission: 'invoices:read' }, schema: { tags: ['invoices'], summary: "The invoice or credit note as a PDF in the customer's language", params: IdParams, response: { 404: ErrorSchema } } },
    async (request, reply) => sendFile(reply, await invoicePdf(request.ctx, request.params.id)),
  );

  app.get(
    '/invoices/:id/ubl',
    {
      config: { permission: 'invoices:read' },
      schema: {
        tags: ['invoices'],
        summary: 'The invoice or credit note as a UBL 2.1 e-invoice (EN 16931, Peppol BIS Billing 3.0; profile=cius-ro for Romania)',
        description:
          'Refused with 422 and the setting to fix when the document would break a rule of EN 16931 or of the profile: a missing electronic address (Peppol), VAT or tax identifier for the VAT categories used, deliver-to country, or (CIUS-RO) the VAT in RON of an invoice in another currency.',
        params: IdParams,
        querystring: Type.Object({ profile: Type.Optional(Type.Union(UBL_PROFILES.map((p) => Type.Literal(p)))) }, { additionalProperties: false }),
        response: { 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema },
      },
    },
    async (request, reply) => sendFile(reply, await invoiceUbl(request.ctx, request.params.id, request.query.profile ?? 'peppol')),
  );

  app.get(
    '/customers/:id/statement',
    {
      config: { permission: 'customers:read' },
      schema: {
        tags: ['customers'],
        summary: 'Statement of account: open invoices and their aging, as a PDF (or format=json for the data)',
        params: IdParams,
        querystring: Type.Object({ format: Type.Optional(Type.Union([Type.Literal('pdf'), Type.Literal('json')])) }, { additionalProperties: false }),
        // The PDF is sent as bytes and skips serialization; the schema documents the JSON form.
        response: { 200: Type.Unsafe<Static<typeof StatementView> | Buffer>(StatementView), 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request, reply) => {
      if (request.query.format === 'json') {
        const statement = await customerStatement(request.ctx, request.params.id);
        return statement.ok ? statement.value : sendFailure(reply, statement);
      }
      return sendFile(reply, await customerStatementPdf(request.ctx, request.params.id));
    },
  );
};

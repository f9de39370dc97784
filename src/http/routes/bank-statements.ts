import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from 'typebox';
import { Errors } from 'typebox/value';
import { failure, type Result, success } from '../../domain/result.ts';
import { findStatement, findTransaction, findCsvMapping, listCsvMappings, listStatements, listTransactions } from '../../db/repositories/banking.ts';
import { TEXT_ENCODINGS, type TextEncoding } from '../../payments/statements/index.ts';
import { createCsvMapping, deleteCsvMapping, updateCsvMapping } from '../../services/banking/csv-mappings.ts';
import { addCustomerBankAccount, listCustomerBankAccounts, removeCustomerBankAccount } from '../../services/banking/customer-bank-accounts.ts';
import { importStatement } from '../../services/banking/import-statement.ts';
import { ConfirmTransactionInput, CreateCsvMappingInput, CustomerBankAccountInput, IgnoreTransactionInput, UpdateCsvMappingInput } from '../../services/banking/inputs.ts';
import { MAX_STATEMENT_BYTES, type MappingChoice, type StatementReadFailure } from '../../services/banking/read-statement.ts';
import { confirmTransaction, ignoreTransaction } from '../../services/banking/review-transactions.ts';
import {
  BankStatementView,
  BankTransactionView,
  CsvMappingView,
  CustomerBankAccountView,
  bankStatementView,
  bankTransactionView,
  csvMappingView,
  customerBankAccountView,
} from '../banking-views.ts';
import { errorBody, fieldPath, sendFailure, sendResult, statusOf } from '../errors.ts';
import { decodeCursor, page, PageQuery } from '../pagination.ts';
import { ErrorSchema, InvoiceView, PaymentView, invoiceView, pageOf, paymentView } from '../views.ts';

const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });
const AccountParams = Type.Object({ id: Type.String({ format: 'uuid' }), accountId: Type.String({ format: 'uuid' }) });
const errors = { 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema, 422: ErrorSchema };
const tags = ['bank statements'];
const MB = MAX_STATEMENT_BYTES / 1024 / 1024;
// The types banks' download buttons and browsers give statement files (Windows labels .csv as Excel).
const FILE_TYPES = ['application/xml', 'text/xml', 'text/csv', 'text/plain', 'application/octet-stream', 'application/vnd.ms-excel'];
const LINES_IN_RESPONSE = 500;
const uploadHelp = `Send the statement file as the request body (Content-Type ${FILE_TYPES.slice(0, 4).join(', ')}) or as the "file" field of a multipart form`;

const UploadOptions = Type.Object(
  {
    format: Type.Optional(Type.Union([Type.Literal('camt053'), Type.Literal('mt940'), Type.Literal('csv')], { description: 'Detected from the content when omitted' })),
    mappingId: Type.Optional(Type.String({ format: 'uuid', description: 'A saved CSV mapping' })),
    mapping: Type.Optional(Type.String({ maxLength: 20_000, description: 'A CSV mapping as JSON, instead of a saved one' })),
    accountIban: Type.Optional(Type.String({ maxLength: 64, description: 'The account a CSV export belongs to' })),
    encoding: Type.Optional(Type.Unsafe<TextEncoding>({ type: 'string', enum: [...TEXT_ENCODINGS], description: 'MT940 files not in UTF-8' })),
    fileName: Type.Optional(Type.String({ maxLength: 255 })),
    dryRun: Type.Optional(Type.Union([Type.Literal('true'), Type.Literal('false')], { description: 'Match and report, store nothing' })),
  },
  { additionalProperties: false },
);
type UploadOptions = Static<typeof UploadOptions>;

interface Upload {
  readonly content: Buffer;
  readonly fileName?: string;
  readonly options: UploadOptions;
}

const ImportResponse = Type.Object({
  dryRun: Type.Boolean(),
  statement: BankStatementView,
  lines: Type.Array(BankTransactionView, { description: `The new lines in booking order, at most ${LINES_IN_RESPONSE}; page through all with GET /bank-transactions?statementId=` }),
  linesOmitted: Type.Integer(),
});

const ImportError = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    field: Type.Optional(Type.String()),
    rowErrors: Type.Optional(Type.Array(Type.Object({ row: Type.Integer(), column: Type.String(), code: Type.String(), message: Type.String() }))),
  }),
});

/** The file and the options, from a multipart form (file + fields) or a raw body (options in the query). */
async function readUpload(request: FastifyRequest, query: UploadOptions): Promise<Result<Upload>> {
  if (!request.isMultipart()) {
    if (!Buffer.isBuffer(request.body)) return failure('UNSUPPORTED_MEDIA_TYPE', uploadHelp, 'file');
    return success({ content: request.body, options: query });
  }
  let content: Buffer | undefined;
  let fileName: string | undefined;
  const fields: Record<string, string | undefined> = { ...query };
  for await (const part of request.parts()) {
    if (part.type === 'file') {
      if (part.fieldname !== 'file') return failure('VALIDATION_FAILED', 'Send the statement in the form field "file"', part.fieldname);
      content = await part.toBuffer();
      fileName = part.filename || undefined;
    } else {
      fields[part.fieldname] = String(part.value);
    }
  }
  if (content === undefined) return failure('VALIDATION_FAILED', 'The form has no "file" field with the statement', 'file');
  const issue = Errors(UploadOptions, fields)[0];
  if (issue) {
    const extra = (issue.params as { additionalProperties?: string[] }).additionalProperties?.[0];
    return failure('VALIDATION_FAILED', extra ? 'unknown field' : issue.message, extra ?? (fieldPath(issue.instancePath) || 'body'));
  }
  return success({ content, ...(fileName ? { fileName } : {}), options: fields as UploadOptions });
}

function mappingChoice(o: UploadOptions): Result<MappingChoice | undefined> {
  if (o.mappingId && o.mapping) return failure('VALIDATION_FAILED', 'Give a saved mapping or an inline one, not both', 'mapping');
  if (o.mappingId) return success({ id: o.mappingId });
  if (o.mapping === undefined) return success(undefined);
  try {
    return success({ inline: JSON.parse(o.mapping) as unknown });
  } catch {
    return failure('INVALID_JSON', 'The mapping is not valid JSON', 'mapping');
  }
}

function sendImportFailure(reply: FastifyReply, f: StatementReadFailure) {
  const body = errorBody(f);
  return reply.status(statusOf(f.code)).send(f.rowErrors ? { error: { ...body.error, rowErrors: [...f.rowErrors] } } : body);
}

export const bankStatementRoutes: FastifyPluginAsyncTypebox = async (app) => {
  await app.register(multipart, { limits: { fileSize: MAX_STATEMENT_BYTES, files: 1, fields: 10, fieldSize: 20_000, parts: 12 } });
  app.addContentTypeParser(FILE_TYPES, { parseAs: 'buffer', bodyLimit: MAX_STATEMENT_BYTES }, (_request, body, done) => done(null, body));

  // Upload problems get a message about statement files rather than the API's generic JSON wording.
  app.setErrorHandler((error: FastifyError, _request, reply) => {
    switch (error.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
      case 'FST_REQ_FILE_TOO_LARGE':
        return sendFailure(reply, { code: 'PAYLOAD_TOO_LARGE', message: `A statement file may be at most ${MB} MB; split larger exports by period`, field: 'file' });
      case 'FST_FILES_LIMIT':
      case 'FST_FIELDS_LIMIT':
      case 'FST_PARTS_LIMIT':
        return sendFailure(reply, { code: 'PAYLOAD_TOO_LARGE', message: 'Send one statement file per upload, with at most the documented fields', field: 'file' });
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendFailure(reply, { code: 'UNSUPPORTED_MEDIA_TYPE', message: uploadHelp, field: 'file' });
      default:
        throw error;
    }
  });

  app.post(
    '/bank-statements',
    {
      config: { permission: 'payments:write' },
      bodyLimit: MAX_STATEMENT_BYTES,
      schema: {
        tags,
        summary: 'Import a bank statement (CAMT.053, MT940 or CSV): sure matches are recorded as payments, the rest queued for review',
        description: `Raw body (Content-Type ${FILE_TYPES.join(', ')}) with the options in the query, or multipart/form-data with a "file" field and the options as fields. At most ${MB} MB.`,
        querystring: UploadOptions,
        response: { 200: ImportResponse, 201: ImportResponse, 400: ImportError, 404: ErrorSchema, 409: ErrorSchema, 413: ErrorSchema, 415: ErrorSchema, 422: ImportError },
      },
    },
    async (request, reply) => {
      const upload = await readUpload(request, request.query);
      if (!upload.ok) return sendFailure(reply, upload);
      const { content, options } = upload.value;
      const mapping = mappingChoice(options);
      if (!mapping.ok) return sendFailure(reply, mapping);
      const dryRun = options.dryRun === 'true';
      const fileName = options.fileName ?? upload.value.fileName;
      const result = await importStatement(
        request.ctx,
        {
          content,
          ...(fileName ? { fileName } : {}),
          ...(options.format ? { format: options.format } : {}),
          ...(options.encoding ? { encoding: options.encoding } : {}),
          ...(mapping.value ? { mapping: mapping.value } : {}),
          ...(options.accountIban ? { accountIban: options.accountIban } : {}),
        },
        { dryRun },
      );
      if (!result.ok) return sendImportFailure(reply, result);
      const { statement, lines } = result.value;
      return reply.status(dryRun ? 200 : 201).send({
        dryRun,
        statement: bankStatementView(statement),
        lines: lines.slice(0, LINES_IN_RESPONSE).map(bankTransactionView),
        linesOmitted: Math.max(0, lines.length - LINES_IN_RESPONSE),
      });
    },
  );

  app.get(
    '/bank-statements',
    { config: { permission: 'payments:read' }, schema: { tags, summary: 'Imported statements, newest first', querystring: Type.Object(PageQuery), response: { 200: pageOf(BankStatementView), 400: ErrorSchema } } },
    async (request, reply) => {
      const { limit = 50, cursor } = request.query;
      const before = decodeCursor(cursor);
      if (before === null) return sendFailure(reply, { code: 'INVALID_CURSOR', message: 'Unknown cursor', field: 'cursor' });
      return page(await listStatements(request.ctx.db, request.ctx.orgId, { before, limit }), limit, bankStatementView);
    },
  );

  app.get(
    '/bank-statements/:id',
    {
      config: { permission: 'payments:read' },
      schema: {
        tags,
        summary: 'One imported statement with its lines (paged, booking order)',
        params: IdParams,
        querystring: Type.Object(PageQuery),
        response: { 200: Type.Object({ statement: BankStatementView, transactions: pageOf(BankTransactionView) }), 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { db, orgId } = request.ctx;
      const { limit = 50, cursor } = request.query;
      const after = decodeCursor(cursor);
      if (after === null) return sendFailure(reply, { code: 'INVALID_CURSOR', message: 'Unknown cursor', field: 'cursor' });
      const statement = await findStatement(db, orgId, request.params.id);
      if (!statement) return sendFailure(reply, { code: 'BANK_STATEMENT_NOT_FOUND', message: 'No such bank statement', field: 'id' });
      const rows = await listTransactions(db, orgId, { statementId: statement.id, after, limit });
      return { statement: bankStatementView(statement), transactions: page(rows, limit, bankTransactionView) };
    },
  );

  app.get(
    '/bank-transactions',
    {
      config: { permission: 'payments:read' },
      schema: {
        tags,
        summary: 'Statement lines in the order they were booked; status=review is the review queue',
        querystring: Type.Object({
          ...PageQuery,
          status: Type.Optional(Type.Union([Type.Literal('recorded'), Type.Literal('review'), Type.Literal('unmatched'), Type.Literal('ignored')])),
          statementId: Type.Optional(Type.String({ format: 'uuid' })),
        }),
        response: { 200: pageOf(BankTransactionView), 400: ErrorSchema },
      },
    },
    async (request, reply) => {
      const { limit = 50, cursor, ...filter } = request.query;
      const after = decodeCursor(cursor);
      if (after === null) return sendFailure(reply, { code: 'INVALID_CURSOR', message: 'Unknown cursor', field: 'cursor' });
      return page(await listTransactions(request.ctx.db, request.ctx.orgId, { ...filter, after, limit }), limit, bankTransactionView);
    },
  );

  app.get(
    '/bank-transactions/:id',
    { config: { permission: 'payments:read' }, schema: { tags, summary: 'One statement line with its match', params: IdParams, response: { 200: BankTransactionView, 404: ErrorSchema } } },
    async (request, reply) => {
      const row = await findTransaction(request.ctx.db, request.ctx.orgId, request.params.id);
      if (!row) return sendFailure(reply, { code: 'BANK_TRANSACTION_NOT_FOUND', message: 'No such bank transaction', field: 'id' });
      return bankTransactionView(row);
    },
  );

  app.post(
    '/bank-transactions/:id/confirm',
    {
      config: { permission: 'payments:write' },
      schema: {
        tags,
        summary: 'Record a review (or unmatched) line as a payment with the allocations a person chose',
        params: IdParams,
        body: ConfirmTransactionInput,
        response: { 200: Type.Object({ transaction: BankTransactionView, payment: PaymentView, invoices: Type.Array(InvoiceView) }), ...errors },
      },
    },
    async (request, reply) =>
      sendResult(reply, await confirmTransaction(request.ctx, request.params.id, request.body), (r) => ({
        transaction: bankTransactionView(r.transaction),
        payment: paymentView(r.payment),
        invoices: r.invoices.map((i) => invoiceView(request.today, i)),
      })),
  );

  app.post(
    '/bank-transactions/:id/ignore',
    { config: { permission: 'payments:write' }, schema: { tags, summary: 'Take a line off the queue: not a customer paying', params: IdParams, body: IgnoreTransactionInput, response: { 200: BankTransactionView, ...errors } } },
    async (request, reply) => sendResult(reply, await ignoreTransaction(request.ctx, request.params.id, request.body.reason), bankTransactionView),
  );

  app.get(
    '/bank-csv-mappings',
    { config: { permission: 'payments:read' }, schema: { tags, summary: 'Saved CSV column mappings, by name', response: { 200: Type.Object({ data: Type.Array(CsvMappingView) }) } } },
    async (request) => ({ data: (await listCsvMappings(request.ctx.db, request.ctx.orgId)).map(csvMappingView) }),
  );

  app.post(
    '/bank-csv-mappings',
    { config: { permission: 'payments:write' }, schema: { tags, summary: "Save how to read one bank's CSV export", body: CreateCsvMappingInput, response: { 201: CsvMappingView, ...errors } } },
    async (request, reply) => sendResult(reply, await createCsvMapping(request.ctx, request.body), csvMappingView, 201),
  );

  app.get(
    '/bank-csv-mappings/:id',
    { config: { permission: 'payments:read' }, schema: { tags, summary: 'One saved CSV mapping', params: IdParams, response: { 200: CsvMappingView, 404: ErrorSchema } } },
    async (request, reply) => {
      const row = await findCsvMapping(request.ctx.db, request.ctx.orgId, request.params.id);
      if (!row) return sendFailure(reply, { code: 'CSV_MAPPING_NOT_FOUND', message: 'No such saved CSV mapping', field: 'id' });
      return csvMappingView(row);
    },
  );

  app.patch(
    '/bank-csv-mappings/:id',
    { config: { permission: 'payments:write' }, schema: { tags, summary: 'Change a saved CSV mapping', params: IdParams, body: UpdateCsvMappingInput, response: { 200: CsvMappingView, ...errors } } },
    async (request, reply) => sendResult(reply, await updateCsvMapping(request.ctx, request.params.id, request.body), csvMappingView),
  );

  app.delete(
    '/bank-csv-mappings/:id',
    { config: { permission: 'payments:write' }, schema: { tags, summary: 'Delete a saved CSV mapping', params: IdParams, response: { 200: CsvMappingView, 404: ErrorSchema } } },
    async (request, reply) => sendResult(reply, await deleteCsvMapping(request.ctx, request.params.id), csvMappingView),
  );

  app.get(
    '/customers/:id/bank-accounts',
    { config: { permission: 'customers:read' }, schema: { tags, summary: 'The accounts a customer pays from', params: IdParams, response: { 200: Type.Object({ data: Type.Array(CustomerBankAccountView) }), 404: ErrorSchema } } },
    async (request, reply) =>
      sendResult(reply, await listCustomerBankAccounts(request.ctx.db, request.ctx.orgId, request.params.id), (rows) => ({ data: rows.map(customerBankAccountView) })),
  );

  app.post(
    '/customers/:id/bank-accounts',
    { config: { permission: 'customers:write' }, schema: { tags, summary: 'Register an account the customer pays from', params: IdParams, body: CustomerBankAccountInput, response: { 201: CustomerBankAccountView, ...errors } } },
    async (request, reply) => sendResult(reply, await addCustomerBankAccount(request.ctx, request.params.id, request.body.account), customerBankAccountView, 201),
  );

  app.delete(
    '/customers/:id/bank-accounts/:accountId',
    { config: { permission: 'customers:write' }, schema: { tags, summary: 'Forget an account of the customer', params: AccountParams, response: { 200: CustomerBankAccountView, 404: ErrorSchema } } },
    async (request, reply) => sendResult(reply, await removeCustomerBankAccount(request.ctx, request.params.id, request.params.accountId), customerBankAccountView),
  );
};

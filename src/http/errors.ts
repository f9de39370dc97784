import type { FastifyError, FastifyReply } from 'fastify';
import type { Failure, Result } from '../domain/result.ts';

// The one place where business failure codes become HTTP statuses. Codes not listed are rule violations
// of well-formed input: 422.
const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  INVALID_CURSOR: 400,
  INVALID_CURRENCY: 400,
  INVALID_DATE: 400,
  INVALID_LOCALE: 400,
  INVALID_TIME_ZONE: 400,
  INVALID_PAYMENT_TERMS: 400,
  INVALID_QUANTITY: 400,
  INVALID_AMOUNT: 400,
  INVALID_EMAIL: 400,
  INVALID_PHONE: 400,
  INVALID_WEBHOOK_URL: 400,
  INVALID_NAME: 400,
  INVALID_CREDIT_NOTE: 400,
  INVALID_TAX_EXEMPTION_CODE: 400,
  INVALID_TAX_EXEMPTION_REASON: 400,
  INVALID_ELECTRONIC_ADDRESS: 400,
  INVALID_ELECTRONIC_ADDRESS_SCHEME: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  DUPLICATE_CUSTOMER_REF: 409,
  DUPLICATE_PAYMENT: 409,
  DUPLICATE_INVOICE_NUMBER: 409,
  INVOICE_ALREADY_PAID: 409,
  INVOICE_ALREADY_ISSUED: 409,
  INVOICE_NOT_DRAFT: 409,
  INVOICE_NOT_ISSUED: 409,
  INVOICE_NOT_OPEN: 409,
  INVOICE_VOID: 409,
  INVOICE_WRITTEN_OFF: 409,
  INVOICE_HAS_PAYMENTS: 409,
  INVOICE_ALREADY_VOID: 409,
  INVOICE_ALREADY_WRITTEN_OFF: 409,
  INVOICE_ALREADY_UNCOLLECTIBLE: 409,
  PAYMENT_ALREADY_REVERSED: 409,
  PAYMENT_REVERSED: 409,
  PAYMENT_HAS_REFUNDS: 409,
  NO_CREDIT_LEFT: 409,
  POLICY_BUILT_IN: 409,
  POLICY_IN_USE: 409,
  DISPUTE_ALREADY_OPEN: 409,
  DISPUTE_NOT_OPEN: 409,
  PROMISE_ALREADY_OPEN: 409,
  PROMISE_NOT_OPEN: 409,
  CLAIM_NOT_OPEN: 409,
  PLAN_ALREADY_ACTIVE: 409,
  PLAN_NOT_ACTIVE: 409,
  TASK_NOT_OPEN: 409,
  // Collection-agency hand-off: an invoice not yet overdue, or already with an agency.
  INVOICE_NOT_OVERDUE: 409,
  INVOICE_ALREADY_HANDED_OVER: 409,
  NOT_A_USER: 400,
  PORTAL_LINK_INVALID: 401,
  WEBHOOK_SIGNATURE_INVALID: 400,
  WEBHOOK_MALFORMED: 400,
  ONLINE_PAYMENT_UNAVAILABLE: 409,
  AUTOPAY_NOT_ENROLLED: 409,
  AUTOPAY_ALREADY_CHARGED: 409,
  PAYMENT_PROVIDER_ERROR: 502,
  EARLY_TERMS_MALFORMED: 400,
  RRULE_INVALID: 400,
  RATE_TABLE_MALFORMED: 400,
  LATE_FEE_ALREADY_WAIVED: 409,
  DEPOSIT_ALREADY_SETTLED: 409,
  DEPOSIT_ALREADY_CREDITED: 409,
  DEPOSIT_NOT_PAID: 409,
  SCHEDULE_ENDED: 409,
  SCHEDULE_ALREADY_PAUSED: 409,
  SCHEDULE_NOT_PAUSED: 409,
  // Bank statements: the same file twice, a line already decided, a taken mapping name or known account.
  STATEMENT_ALREADY_IMPORTED: 409,
  BANK_TRANSACTION_ALREADY_RECORDED: 409,
  BANK_TRANSACTION_ALREADY_IGNORED: 409,
  CSV_MAPPING_NAME_TAKEN: 409,
  BANK_ACCOUNT_ALREADY_REGISTERED: 409,
  STATEMENT_EMPTY: 400,
  INVALID_BANK_ACCOUNT: 400,
  // A template addressed by an unknown key or language does not exist.
  TEMPLATE_UNKNOWN_KEY: 404,
  TEMPLATE_UNKNOWN_LOCALE: 404,
  INVALID_CREDENTIALS: 401,
  CSRF_FAILED: 403,
  ROLE_NOT_ALLOWED: 403,
  LOGIN_LOCKED: 429,
  WEAK_PASSWORD: 400,
  TOKEN_INVALID: 400,
  INVALID_COUNTRY: 400,
  NOT_A_SESSION: 400,
  EMAIL_TAKEN: 409,
  LAST_OWNER: 409,
  CANNOT_DEACTIVATE_SELF: 409,
  API_KEY_REVOKED: 409,
  NUMBER_ALREADY_USED: 409,
  INVALID_IMAGE: 415,
};

export function statusOf(code: string): number {
  return STATUS_BY_CODE[code] ?? (code.endsWith('_NOT_FOUND') ? 404 : 422);
}

export interface ErrorBody {
  error: { code: string; message: string; field?: string };
}

export function errorBody(f: Pick<Failure, 'code' | 'message' | 'field'>): ErrorBody {
  return { error: f.field === undefined ? { code: f.code, message: f.message } : { code: f.code, message: f.message, field: f.field } };
}

export function sendFailure(reply: FastifyReply, f: Pick<Failure, 'code' | 'message' | 'field'>) {
  return reply.status(statusOf(f.code)).send(errorBody(f));
}

/** Send a service result: the value mapped by `view` with `status`, or the failure with its mapped status. */
export function sendResult<T>(reply: FastifyReply, result: Result<T>, view: (value: T) => unknown, status = 200) {
  return result.ok ? reply.status(status).send(view(result.value)) : sendFailure(reply, result);
}

/** "/lines/0/quantity" → "lines[0].quantity": the field path our clients see everywhere. */
export function fieldPath(pointer: string): string {
  return pointer
    .split('/')
    .filter(Boolean)
    .map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : path ? `${path}.${part}` : part), '');
}

interface AjvIssue {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** Turn Fastify's own errors (schema validation, bad JSON, size limits) into our error body. */
export function frameworkFailure(error: FastifyError): Pick<Failure, 'code' | 'message' | 'field'> | null {
  if (error.validation) {
    const issues = error.validation as unknown as AjvIssue[];
    // A union reports one issue per branch; the most specific (deepest) issue names the field best.
    const issue = [...issues].sort((a, b) => b.instancePath.length - a.instancePath.length)[0]!;
    const base = fieldPath(issue.instancePath);
    const extra = (issue.params.missingProperty ?? issue.params.additionalProperty) as string | undefined;
    const field = extra ? (base ? `${base}.${extra}` : extra) : base;
    const where = error.validationContext === 'body' ? '' : `${error.validationContext}: `;
    const message = issue.keyword === 'additionalProperties' ? `${where}unknown field` : `${where}${issue.message ?? 'invalid value'}`;
    return { code: 'VALIDATION_FAILED', message, field: field || (error.validationContext ?? 'body') };
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { code: 'INVALID_JSON', message: 'The request body is not valid JSON' };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send JSON with Content-Type: application/json' };
    default:
      return error.statusCode && error.statusCode < 500 ? { code: 'BAD_REQUEST', message: error.message } : null;
  }
}

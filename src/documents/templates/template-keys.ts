import { SMS_DETAILS } from './sms.ts';

export const TONES = ['friendly', 'firm', 'final'] as const;
export type Tone = (typeof TONES)[number];

export const CHANNELS = ['email', 'sms', 'letter'] as const;
export type Channel = (typeof CHANNELS)[number];

/** Where an invoice stands on the message date; `paid` once its balance is zero (receipts). */
export const INVOICE_STATUSES = ['overdue', 'dueToday', 'upcoming', 'paid'] as const;
export type InvoiceStatus = (typeof INVOICE_STATUSES)[number];

export const TEMPLATE_KEYS = [
  'common.greeting',
  'common.signature',
  'common.contact',
  'common.payOnline',
  'common.cta',
  'common.bankTransfer',
  'common.earlyDiscount',
  'common.lateFeeTerms',
  'common.total',
  'common.table.invoice',
  'common.table.issueDate',
  'common.table.dueDate',
  'common.table.status',
  'common.table.balance',
  'common.invoiceStatus',
  'common.invoiceLine',
  'reminder.alreadyPaid',
  'reminder.friendly.email.subject',
  'reminder.friendly.intro',
  'reminder.friendly.closing',
  'reminder.friendly.letter.title',
  'reminder.friendly.sms',
  'reminder.firm.email.subject',
  'reminder.firm.intro',
  'reminder.firm.closing',
  'reminder.firm.letter.title',
  'reminder.firm.sms',
  'reminder.final.email.subject',
  'reminder.final.intro',
  'reminder.final.closing',
  'reminder.final.letter.title',
  'reminder.final.sms',
  'invoice.email.subject',
  'invoice.intro',
  'invoice.closing',
  'receipt.email.subject',
  'receipt.intro',
  'receipt.balance',
  'receipt.closing',
] as const;
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

/** A full set of messages for one language; an organization's overrides are a partial one. */
export type Catalogue = Readonly<Record<TemplateKey, string>>;
export type TemplateOverrides = Readonly<Partial<Record<string, string>>>;

export function isTemplateKey(value: unknown): value is TemplateKey {
  return typeof value === 'string' && (TEMPLATE_KEYS as readonly string[]).includes(value);
}

/**
 * How a template may use a variable. Text arrives already formatted for the locale (money, dates), so it
 * is only ever placed as `{name}`; numbers drive `plural` / `selectordinal` (and may be placed as they are);
 * selects take one of their options or `other`.
 */
export type VariableKind =
  | { readonly type: 'text' }
  | { readonly type: 'number' }
  | { readonly type: 'select'; readonly options: readonly string[] };

const text: VariableKind = { type: 'text' };
const number: VariableKind = { type: 'number' };
const select = (options: readonly string[]): VariableKind => ({ type: 'select', options });
const yesNo = select(['yes', 'no']);

/**
 * Variables every template may use. `invoiceNumber`, `issueDate`, `dueDate`, `balance`, `status`,
 * `daysOverdue` and `daysUntilDue` describe the lead invoice (the earliest due) in message texts, and the
 * invoice of the row in `common.invoiceLine` / `common.invoiceStatus`.
 */
const MESSAGE_VARIABLES = {
  customerName: text,
  contactName: text,
  hasContact: yesNo,
  organizationName: text,
  portalUrl: text,
  paymentReference: text,
  bankDetails: text,
  replyTo: text,
  date: text,
  deadline: text,
  totalDue: text,
  invoiceCount: number,
  invoiceNumber: text,
  issueDate: text,
  dueDate: text,
  balance: text,
  status: select(INVOICE_STATUSES),
  daysOverdue: number,
  daysUntilDue: number,
  earlyDiscountAmount: text,
  earlyDiscountDeadline: text,
  lateFeeTerms: text,
  channel: select(CHANNELS),
} as const satisfies Record<string, VariableKind>;

const REMINDER_VARIABLES = { tone: select(TONES) } as const;
const SMS_VARIABLES = { detail: select(SMS_DETAILS) } as const;
const LINE_VARIABLES = { statusText: text } as const;
const RECEIPT_VARIABLES = { paymentAmount: text, paymentDate: text, hasBalance: yesNo } as const;

export type MessageVariable = keyof typeof MESSAGE_VARIABLES;
export type TemplateVariable =
  | MessageVariable
  | keyof typeof REMINDER_VARIABLES
  | keyof typeof SMS_VARIABLES
  | keyof typeof LINE_VARIABLES
  | keyof typeof RECEIPT_VARIABLES;

/** The variables a template may use, by name. A Map, so `__proto__` or `constructor` are never "known". */
export function variablesFor(key: TemplateKey): ReadonlyMap<string, VariableKind> {
  const extra = {
    ...(key.startsWith('reminder.') ? REMINDER_VARIABLES : {}),
    ...(key.endsWith('.sms') ? SMS_VARIABLES : {}),
    ...(key === 'common.invoiceLine' ? LINE_VARIABLES : {}),
    ...(key.startsWith('receipt.') ? RECEIPT_VARIABLES : {}),
  };
  return new Map(Object.entries({ ...MESSAGE_VARIABLES, ...extra }));
}

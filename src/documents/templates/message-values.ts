import { addDays, compareDates, daysBetween, type PlainDate } from '../../domain/dates.ts';
import { add, type Money } from '../../domain/money.ts';
import { formatDate, formatMoney, formatMoneyList, type MoneyFormatOptions } from './format-values.ts';
import { LOCALE_PROFILES, type Locale } from './locales.ts';
import { multiLine, singleLine } from './sanitize-text.ts';
import type { Channel, InvoiceStatus, MessageVariable, Tone } from './template-keys.ts';
import type { TemplateValues } from './format-template.ts';

export interface MessageInvoice {
  readonly number: string;
  readonly issueDate: PlainDate;
  readonly dueDate: PlainDate;
  /** What is still owed on the invoice (zero once paid). */
  readonly balance: Money;
}

export interface EarlyDiscount {
  readonly amount: Money;
  /** Last day on which the discount may be taken; it is mentioned only up to that day. */
  readonly deadline: PlainDate;
}

export interface PaymentReceived {
  readonly amount: Money;
  readonly receivedOn: PlainDate;
}

/** What a message says about one customer on one day. Days overdue are counted from `asOf`. */
export interface MessageVars {
  /** The day the message is for: days overdue and early-discount availability are judged on it; letters print it. */
  readonly asOf: PlainDate;
  readonly customerName: string;
  readonly contactName?: string;
  readonly organizationName: string;
  readonly invoices: readonly MessageInvoice[];
  /** Owed per currency; defaults to the invoice balances summed per currency. */
  readonly totalDue?: readonly Money[];
  /** Absolute http(s) link to the customer portal. */
  readonly portalUrl: string;
  readonly paymentReference: string;
  /** Free text, several lines (account holder, bank, IBAN / account number, SWIFT). Empty hides the paragraph. */
  readonly bankDetails: string;
  readonly replyTo: string;
  readonly earlyDiscount?: EarlyDiscount;
  readonly lateFeeTerms?: string;
  /** The pay-by date a final notice names; defaults to asOf + DEFAULT_NOTICE_DAYS. */
  readonly deadline?: PlainDate;
  /** The payment a receipt acknowledges. */
  readonly payment?: PaymentReceived;
}

export const DEFAULT_NOTICE_DAYS = 7;

export interface MessageContext {
  /** Values for message-level templates. */
  readonly values: TemplateValues;
  /** One value set per invoice, earliest due first, for `common.invoiceLine` / `common.invoiceStatus`. */
  readonly rows: readonly TemplateValues[];
  readonly invoiceCount: number;
  readonly portalUrl: string;
  readonly date: string;
  readonly showEarlyDiscount: boolean;
  readonly hasLateFeeTerms: boolean;
  readonly hasBankDetails: boolean;
}

export interface ContextOptions {
  readonly channel: Channel;
  readonly tone?: Tone;
}

function invoiceStatus(invoice: MessageInvoice, asOf: PlainDate): InvoiceStatus {
  if (invoice.balance.amount <= 0) return 'paid';
  const late = daysBetween(invoice.dueDate, asOf);
  return late > 0 ? 'overdue' : late === 0 ? 'dueToday' : 'upcoming';
}

/** Balances summed per currency, in order of first appearance. */
function totalsByCurrency(invoices: readonly MessageInvoice[]): Money[] {
  const totals = new Map<string, Money>();
  for (const { balance } of invoices) {
    const seen = totals.get(balance.currency);
    totals.set(balance.currency, seen ? add(seen, balance) : balance);
  }
  return [...totals.values()];
}

export function messageContext(vars: MessageVars, locale: Locale, options: ContextOptions): MessageContext {
  if (!/^https?:\/\/[^\s"'<>]+$/iu.test(vars.portalUrl)) throw new RangeError('portalUrl must be an absolute http(s) URL');
  const moneyOptions: MoneyFormatOptions = {
    gsm7Symbols: options.channel === 'sms' && LOCALE_PROFILES[locale].smsAlphabet === 'gsm7',
  };
  const money = (m: Money) => formatMoney(m, locale, moneyOptions);
  const day = (d: PlainDate) => formatDate(d, locale);

  const invoices = [...vars.invoices].sort(
    (a, b) => compareDates(a.dueDate, b.dueDate) || a.number.localeCompare(b.number),
  );
  const totals = vars.totalDue ?? totalsByCurrency(invoices);
  const owed = totals.filter((m) => m.amount !== 0);
  const shownTotals = owed.length > 0 ? owed : totals.slice(0, 1);
  const discount = vars.earlyDiscount;
  const showEarlyDiscount = discount !== undefined && compareDates(vars.asOf, discount.deadline) <= 0;
  const lateFeeTerms = multiLine(vars.lateFeeTerms ?? '');
  const bankDetails = multiLine(vars.bankDetails);
  const contactName = singleLine(vars.contactName ?? '');
  const date = day(vars.asOf);

  const invoiceValues = (invoice: MessageInvoice | undefined) => {
    const late = invoice ? daysBetween(invoice.dueDate, vars.asOf) : 0;
    return {
      invoiceNumber: invoice ? singleLine(invoice.number) : '',
      issueDate: invoice ? day(invoice.issueDate) : '',
      dueDate: invoice ? day(invoice.dueDate) : '',
      balance: invoice ? money(invoice.balance) : '',
      status: invoice ? invoiceStatus(invoice, vars.asOf) : 'paid',
      daysOverdue: Math.max(0, late),
      daysUntilDue: Math.max(0, -late),
    } satisfies Partial<Record<MessageVariable, string | number>>;
  };

  const values: Record<MessageVariable, string | number> = {
    customerName: singleLine(vars.customerName),
    contactName,
    hasContact: contactName === '' ? 'no' : 'yes',
    organizationName: singleLine(vars.organizationName),
    portalUrl: vars.portalUrl,
    paymentReference: singleLine(vars.paymentReference),
    bankDetails,
    replyTo: singleLine(vars.replyTo),
    date,
    deadline: day(vars.deadline ?? addDays(vars.asOf, DEFAULT_NOTICE_DAYS)),
    totalDue: formatMoneyList(shownTotals, locale, moneyOptions),
    invoiceCount: invoices.length,
    ...invoiceValues(invoices[0]),
    earlyDiscountAmount: showEarlyDiscount ? money(discount.amount) : '',
    earlyDiscountDeadline: showEarlyDiscount ? day(discount.deadline) : '',
    lateFeeTerms,
    channel: options.channel,
  };
  const extra = {
    tone: options.tone ?? '',
    paymentAmount: vars.payment ? money(vars.payment.amount) : '',
    paymentDate: vars.payment ? day(vars.payment.receivedOn) : '',
    hasBalance: owed.some((m) => m.amount > 0) ? 'yes' : 'no',
  };
  const messageValues = { ...values, ...extra };
  return {
    values: messageValues,
    rows: invoices.map((invoice) => ({ ...messageValues, ...invoiceValues(invoice) })),
    invoiceCount: invoices.length,
    portalUrl: vars.portalUrl,
    date,
    showEarlyDiscount,
    hasLateFeeTerms: lateFeeTerms !== '',
    hasBankDetails: bankDetails !== '',
  };
}

import type { PlainDate } from '../../domain/dates.ts';
import type { ReminderMessage } from '../../domain/dunning/index.ts';
import { failure, type Result, success } from '../../domain/result.ts';
import { renderMessage, type Locale, type MessageInvoice, type TemplateOverrides } from '../../documents/templates/index.ts';

/** What the organization puts in every reminder. */
export interface Sender {
  readonly organizationName: string;
  readonly replyTo: string;
  readonly portalUrl: string;
  readonly overrides: ReadonlyMap<string, TemplateOverrides>;
  /** Bank-transfer details per currency, several lines each. */
  readonly bankDetails: ReadonlyMap<string, string>;
}

export interface MessageInvoiceFacts {
  readonly number: string | null;
  readonly issueDate: PlainDate;
  /** Installments in the invoice's payment plan, to label an installment reminder "INV-7 (2/4)". */
  readonly installments: number;
}

export interface ComposedContent {
  readonly subject: string | null;
  readonly bodyText: string;
  readonly bodyHtml: string | null;
  /** Channel extras for delivery: the letter's layout, the webhook's JSON body, the SMS encoding. */
  readonly extra: Record<string, unknown>;
}

export interface ComposeArgs {
  readonly message: ReminderMessage;
  readonly sender: Sender;
  readonly locale: Locale;
  readonly customer: { readonly id: string; readonly name: string; readonly externalRef: string | null };
  readonly contactName: string | null;
  readonly invoices: ReadonlyMap<string, MessageInvoiceFacts>;
}

function invoiceLabel(facts: MessageInvoiceFacts, installment: number | null): string {
  const number = facts.number ?? '';
  return installment === null ? number : `${number} (${installment}/${facts.installments})`;
}

/**
 * The content of one reminder in the customer's language: the rendered email, SMS or letter, or for a webhook
 * the JSON the organization's system receives. Each item is shown with the amount it asks for (the balance,
 * or what is left of an installment) and the date it was due.
 */
export function composeReminder(args: ComposeArgs): Result<ComposedContent> {
  const { message, sender, locale, customer } = args;
  const facts = (invoiceId: string) => {
    const f = args.invoices.get(invoiceId);
    if (!f) throw new Error(`Invoice ${invoiceId} of a reminder was not loaded`);
    return f;
  };
  if (message.channel === 'webhook') {
    const body = {
      type: 'dunning.reminder',
      id: message.idempotencyKey,
      on: message.on.toString(),
      tone: message.tone,
      templateKey: message.templateKey,
      customer: { id: customer.id, name: customer.name, externalRef: customer.externalRef },
      invoices: message.items.map((i) => ({
        invoiceId: i.invoiceId,
        number: facts(i.invoiceId).number,
        installment: i.installment,
        stepId: i.stepId,
        occurrence: i.occurrence,
        dueDate: i.paymentDueDate.toString(),
        amountMinor: i.amountMinor,
        currency: i.currency,
      })),
      totals: message.totals,
    };
    return success({ subject: null, bodyText: JSON.stringify(body), bodyHtml: null, extra: { webhookBody: body } });
  }
  if (message.channel === 'call_task') throw new Error('A call step makes a task, not a message');
  const invoices: MessageInvoice[] = message.items.map((i) => ({
    number: invoiceLabel(facts(i.invoiceId), i.installment),
    issueDate: facts(i.invoiceId).issueDate,
    dueDate: i.paymentDueDate,
    balance: { amount: i.amountMinor, currency: i.currency },
  }));
  const numbers = [...new Set(message.items.map((i) => facts(i.invoiceId).number ?? ''))];
  const rendered = renderMessage({
    kind: 'reminder',
    tone: message.tone,
    channel: message.channel,
    locale,
    overrides: sender.overrides.get(locale),
    vars: {
      asOf: message.on,
      customerName: customer.name,
      ...(args.contactName ? { contactName: args.contactName } : {}),
      organizationName: sender.organizationName,
      invoices,
      totalDue: message.totals.map((t) => ({ amount: t.amountMinor, currency: t.currency })),
      portalUrl: sender.portalUrl,
      paymentReference: numbers.join(', '),
      bankDetails: sender.bankDetails.get(message.totals[0]?.currency ?? '') ?? '',
      replyTo: sender.replyTo,
    },
  });
  if (!rendered.ok) return failure(rendered.code, rendered.message);
  const out = rendered.message;
  switch (out.channel) {
    case 'email':
      return success({ subject: out.subject, bodyText: out.text, bodyHtml: out.html, extra: {} });
    case 'sms':
      return success({ subject: null, bodyText: out.text, bodyHtml: null, extra: { sms: { encoding: out.encoding, units: out.units, detail: out.detail } } });
    case 'letter':
      return success({ subject: out.title, bodyText: out.text, bodyHtml: null, extra: { letter: { title: out.title, date: out.date, blocks: out.blocks } } });
  }
}

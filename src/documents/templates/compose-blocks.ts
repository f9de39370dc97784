import type { TemplateValues } from './format-template.ts';
import type { MessageContext } from './message-values.ts';
import type { TemplateKey, Tone } from './template-keys.ts';

export type MessageSpec = { readonly kind: 'reminder'; readonly tone: Tone } | { readonly kind: 'invoice' } | { readonly kind: 'receipt' };

/** A message as a sequence of layout-neutral blocks, laid out as HTML, plain text or a printed letter. */
export type MessageBlock =
  | { readonly type: 'paragraph'; readonly text: string }
  | {
      readonly type: 'invoices';
      readonly columns: readonly string[];
      /** Cells per invoice: number, issue date, due date, status, amount due. */
      readonly rows: ReadonlyArray<readonly string[]>;
      /** The same invoices as one sentence each, for plain text. */
      readonly lines: readonly string[];
    }
  | { readonly type: 'action'; readonly label: string; readonly url: string; readonly text: string };

export type Translate = (key: TemplateKey, values: TemplateValues) => string;

export function subjectKey(spec: MessageSpec): TemplateKey {
  return spec.kind === 'reminder' ? `reminder.${spec.tone}.email.subject` : `${spec.kind}.email.subject`;
}

/**
 * The order of a message: greeting, what is owed, the invoices, what helps (discount) or costs (late
 * terms, shown from the firm tone on and on invoices), how to pay, then closing and signature. Receipts
 * say what was received and what is left.
 */
export function composeBlocks(spec: MessageSpec, context: MessageContext, t: Translate): MessageBlock[] {
  const values = context.values;
  const paragraphs = (key: TemplateKey): MessageBlock[] =>
    t(key, values)
      .split(/\n\s*\n/u)
      .map((text) => text.trim())
      .filter((text) => text !== '')
      .map((text): MessageBlock => ({ type: 'paragraph', text }));
  const prefix = spec.kind === 'reminder' ? (`reminder.${spec.tone}` as const) : spec.kind;

  const blocks = [...paragraphs('common.greeting'), ...paragraphs(`${prefix}.intro`)];
  if (context.rows.length > 0) blocks.push(invoiceTable(context, t));
  if (spec.kind === 'receipt') {
    blocks.push(...paragraphs('receipt.balance'));
  } else {
    blocks.push(...paragraphs('common.total'));
    if (context.showEarlyDiscount) blocks.push(...paragraphs('common.earlyDiscount'));
    const chargesLateFees = spec.kind === 'invoice' || spec.tone !== 'friendly';
    if (context.hasLateFeeTerms && chargesLateFees) blocks.push(...paragraphs('common.lateFeeTerms'));
    blocks.push({ type: 'action', label: t('common.cta', values), url: context.portalUrl, text: t('common.payOnline', values) });
    if (context.hasBankDetails) blocks.push(...paragraphs('common.bankTransfer'));
    if (spec.kind === 'reminder') blocks.push(...paragraphs('reminder.alreadyPaid'));
  }
  blocks.push(...paragraphs(`${prefix}.closing`), ...paragraphs('common.contact'), ...paragraphs('common.signature'));
  return blocks;
}

function invoiceTable(context: MessageContext, t: Translate): MessageBlock {
  const columns = (
    ['common.table.invoice', 'common.table.issueDate', 'common.table.dueDate', 'common.table.status', 'common.table.balance'] as const
  ).map((key) => t(key, context.values));
  const rows = context.rows.map((row) => ({ row, statusText: t('common.invoiceStatus', row) }));
  return {
    type: 'invoices',
    columns,
    rows: rows.map(({ row, statusText }) => [row.invoiceNumber, row.issueDate, row.dueDate, statusText, row.balance].map(String)),
    lines: rows.map(({ row, statusText }) => t('common.invoiceLine', { ...row, statusText })),
  };
}

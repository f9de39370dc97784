import type { Catalogue } from '../template-keys.ts';

// International business English. Plain and courteous; "=1" branches name the single invoice, other
// branches count them. SMS are GSM-7 and written for 160 characters.
export const en: Catalogue = {
  'common.greeting': '{hasContact, select, yes {Dear {contactName},} other {Dear {customerName},}}',
  'common.signature': 'Kind regards,\n{organizationName}',
  'common.contact':
    '{channel, select, email {If you have any questions, simply reply to this email or write to {replyTo}.} other {If you have any questions, please contact us at {replyTo}.}}',
  'common.payOnline': 'View and pay online: {portalUrl}',
  'common.cta': 'View and pay online',
  'common.bankTransfer':
    'To pay by bank transfer, please use the details below and quote the reference {paymentReference}:\n{bankDetails}',
  'common.earlyDiscount':
    'If you pay in full by {earlyDiscountDeadline}, you may deduct an early payment discount of {earlyDiscountAmount}.',
  'common.lateFeeTerms': 'Late payment terms: {lateFeeTerms}',
  'common.total': 'Total due: {totalDue}',
  'common.table.invoice': 'Invoice',
  'common.table.issueDate': 'Issue date',
  'common.table.dueDate': 'Due date',
  'common.table.status': 'Status',
  'common.table.balance': 'Amount due',
  'common.invoiceStatus':
    '{status, select, overdue {{daysOverdue, plural, one {# day overdue} other {# days overdue}}} dueToday {due today} upcoming {{daysUntilDue, plural, one {due tomorrow} other {due in # days}}} other {paid}}',
  'common.invoiceLine': '- Invoice {invoiceNumber} dated {issueDate}, due {dueDate}: {balance} ({statusText})',
  'reminder.alreadyPaid':
    '{tone, select, friendly {If you have already paid, thank you, and please disregard this reminder.} firm {If you have paid in the last few days, please disregard this message: payments can take a little time to reach us.} other {If you have already paid, please send us the payment confirmation so that we can update our records straight away.}}',

  'reminder.friendly.email.subject':
    '{invoiceCount, plural, =1 {Payment reminder: invoice {invoiceNumber} is due {status, select, dueToday {today} other {on {dueDate}}}} other {Payment reminder: # invoices due soon}}',
  'reminder.friendly.intro':
    'This is a friendly reminder that {invoiceCount, plural, =1 {invoice {invoiceNumber} for {totalDue} is due {status, select, dueToday {today} other {on {dueDate}}}} other {the # invoices below, totalling {totalDue}, will soon be due for payment}}.',
  'reminder.friendly.closing': 'Thank you for your business. We look forward to receiving your payment.',
  'reminder.friendly.letter.title': 'Payment reminder',
  'reminder.friendly.sms':
    '{detail, select, full {{organizationName}: Dear {customerName}, {invoiceCount, plural, =1 {invoice {invoiceNumber} for {totalDue} is due on {dueDate}} other {# invoices totalling {totalDue} are due soon}}. Pay online: {portalUrl}} short {{organizationName}: {customerName}, {totalDue} is due on {dueDate}. Pay: {portalUrl}} other {Reminder: {totalDue} is due on {dueDate}. Pay online: {portalUrl}}}',

  'reminder.firm.email.subject':
    '{invoiceCount, plural, =1 {Overdue invoice {invoiceNumber}: {totalDue} outstanding} other {# overdue invoices: {totalDue} outstanding}}',
  'reminder.firm.intro':
    'Our records show that {invoiceCount, plural, =1 {invoice {invoiceNumber} for {totalDue}, due on {dueDate}, is now {daysOverdue, plural, one {# day} other {# days}} overdue} other {the # invoices below, totalling {totalDue}, are now past their due date}}. We would be grateful if you could arrange payment as soon as possible.',
  'reminder.firm.closing':
    'If there is a problem with {invoiceCount, plural, =1 {this invoice} other {these invoices}}, or if you need more time to pay, please let us know so that we can find a solution together.',
  'reminder.firm.letter.title': 'Overdue payment reminder',
  'reminder.firm.sms':
    '{detail, select, full {{organizationName}: Dear {customerName}, {invoiceCount, plural, =1 {invoice {invoiceNumber} for {totalDue} is} other {# invoices totalling {totalDue} are}} now overdue. Please pay today: {portalUrl}} short {{organizationName}: {customerName}, {totalDue} is overdue. Please pay: {portalUrl}} other {Overdue: {totalDue}. Please pay now: {portalUrl}}}',

  'reminder.final.email.subject': 'Final notice: {totalDue} overdue, payment required by {deadline}',
  'reminder.final.intro':
    'Despite our previous reminders, {invoiceCount, plural, =1 {invoice {invoiceNumber} for {totalDue}, due on {dueDate}, remains unpaid} other {the # invoices below, totalling {totalDue}, remain unpaid}}. This is our final notice before we take further action.\n\nPlease pay the full amount of {totalDue} by {deadline}. If we have not received payment by then, we may charge late payment interest and fees as set out in our terms and refer the debt to a collection agency, which may result in additional costs for you.',
  'reminder.final.closing':
    'If you are unable to pay the full amount at once, please contact us before {deadline} to agree a payment plan.',
  'reminder.final.letter.title': 'Final notice before collection',
  'reminder.final.sms':
    '{detail, select, full {{organizationName}: FINAL NOTICE for {customerName}. {totalDue} is overdue. Pay by {deadline} to avoid further action: {portalUrl}} short {FINAL NOTICE {customerName}: pay {totalDue} by {deadline}: {portalUrl}} other {FINAL NOTICE: pay {totalDue} by {deadline}: {portalUrl}}}',

  'invoice.email.subject':
    '{invoiceCount, plural, =1 {Invoice {invoiceNumber} from {organizationName}} other {# invoices from {organizationName}}}',
  'invoice.intro':
    'Thank you for your business. {invoiceCount, plural, =1 {Invoice {invoiceNumber} for {totalDue} is now available and is due for payment on {dueDate}} other {# new invoices totalling {totalDue} are now available}}.',
  'invoice.closing': 'We appreciate your prompt payment.',

  'receipt.email.subject': 'Payment of {paymentAmount} received, thank you',
  'receipt.intro':
    'We received your payment of {paymentAmount} on {paymentDate}{invoiceCount, plural, =0 {} =1 { for invoice {invoiceNumber}} other { for # invoices}}. Thank you!',
  'receipt.balance':
    '{hasBalance, select, yes {The remaining balance on your account is {totalDue}.} other {Your account is now fully paid; there is nothing further to pay.}}',
  'receipt.closing': 'Thank you for your prompt payment and for your business.',
};

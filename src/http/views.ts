import { Type } from 'typebox';
import { daysBetween, parseDate, type PlainDate } from '../domain/dates.ts';
import { isReceivable, type InvoiceStatus } from '../domain/invoice-status.ts';
import type { ContactRow, CustomerRow } from '../db/repositories/customers.ts';
import type { AllocationRow, InvoiceLineRow, InvoiceRow } from '../db/repositories/invoices.ts';
import type { PaymentRow, RefundRow } from '../db/repositories/payments.ts';
import { invoicePaymentReference } from '../services/documents/payment-reference.ts';
import { EarlyPaymentView, earlyPaymentView } from './early-payment-view.ts';

// Response shapes: documented in OpenAPI and used by Fastify to serialise, which also guarantees no
// column leaks out by accident.
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Minor = Type.Integer({ description: 'Minor units of the currency' });
const Str = Type.String();
const Day = Type.String({ description: 'YYYY-MM-DD' });
// Rows carry Date objects; Fastify's serialiser writes them as ISO 8601 strings.
const Instant = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' });

const Address = Type.Object({}, { additionalProperties: true });
export const ElectronicAddressView = Type.Object({ scheme: Str, value: Str }, { description: 'Where e-invoices are delivered: EAS scheme and identifier' });

export const ErrorSchema = Type.Object({
  error: Type.Object({ code: Str, message: Str, field: Type.Optional(Str) }),
});

export const ContactView = Type.Object({
  id: Str,
  name: Str,
  email: Nullable(Str),
  phone: Nullable(Str),
  role: Str,
  preferredChannel: Str,
  isPrimary: Type.Boolean(),
});

export const CustomerView = Type.Object({
  id: Str,
  externalRef: Nullable(Str),
  name: Str,
  legalName: Nullable(Str),
  taxId: Nullable(Str),
  billingAddress: Address,
  shippingAddress: Nullable(Address),
  electronicAddress: Nullable(ElectronicAddressView),
  locale: Str,
  timeZone: Str,
  currency: Str,
  paymentTerms: Str,
  creditLimit: Nullable(Minor),
  status: Str,
  tags: Type.Array(Str),
  contacts: Type.Optional(Type.Array(ContactView)),
  credit: Type.Optional(Type.Array(Type.Object({ currency: Str, amount: Minor }))),
  createdAt: Instant,
  updatedAt: Instant,
});

export const LineView = Type.Object({
  id: Str,
  position: Type.Integer(),
  description: Str,
  quantity: Str,
  unitPrice: Minor,
  taxRateBp: Type.Integer(),
  taxCategory: Str,
  taxExemptionCode: Nullable(Str),
  taxExemptionReason: Nullable(Str),
  discountBp: Type.Integer(),
  netAmount: Minor,
});

export const AllocationView = Type.Object({
  id: Str,
  invoiceId: Str,
  paymentId: Nullable(Str),
  creditNoteId: Nullable(Str),
  amount: Minor,
  allocatedOn: Day,
});

export const InvoiceView = Type.Object({
  id: Str,
  kind: Str,
  number: Nullable(Str),
  series: Str,
  status: Str,
  customerId: Str,
  issueDate: Day,
  dueDate: Day,
  paymentTerms: Str,
  poNumber: Nullable(Str),
  billingContactId: Nullable(Str),
  currency: Str,
  subtotal: Minor,
  discountTotal: Minor,
  taxTotal: Minor,
  total: Minor,
  taxBreakdown: Type.Array(
    Type.Object({
      taxCategory: Str,
      taxRateBp: Type.Integer(),
      taxExemptionCode: Type.Optional(Str),
      taxExemptionReason: Type.Optional(Str),
      taxableAmount: Minor,
      taxAmount: Minor,
    }),
  ),
  amountPaid: Minor,
  amountCredited: Minor,
  balance: Minor,
  daysOverdue: Type.Integer({ description: 'Days past the due date while money is owed; 0 otherwise' }),
  paymentReference: Type.Union([Str, Type.Null()], { description: 'ISO 11649 RF creditor reference printed on the invoice and carried in its payment QR; null for drafts and credit notes' }),
  notes: Nullable(Str),
  termsText: Nullable(Str),
  originalInvoiceId: Nullable(Str),
  lateFeeForInvoiceId: Nullable(Str),
  earlyPayment: Nullable(EarlyPaymentView),
  statusReason: Nullable(Str),
  issuedAt: Nullable(Instant),
  createdAt: Instant,
  updatedAt: Instant,
  lines: Type.Optional(Type.Array(LineView)),
  allocations: Type.Optional(Type.Array(AllocationView)),
});

export const PaymentView = Type.Object({
  id: Str,
  customerId: Str,
  amount: Minor,
  currency: Str,
  receivedOn: Day,
  method: Str,
  reference: Nullable(Str),
  source: Str,
  externalId: Nullable(Str),
  status: Str,
  unallocated: Minor,
  refunded: Minor,
  reversedAt: Nullable(Instant),
  reversalReason: Nullable(Str),
  createdAt: Instant,
  allocations: Type.Optional(Type.Array(AllocationView)),
  refunds: Type.Optional(Type.Array(Type.Object({ id: Str, amount: Minor, refundedOn: Day, method: Str, reference: Nullable(Str) }))),
});

export const EventView = Type.Object({
  id: Str,
  occurredAt: Instant,
  actorType: Str,
  actorId: Nullable(Str),
  entityType: Str,
  entityId: Str,
  action: Str,
  before: Type.Unknown(),
  after: Type.Unknown(),
});

export const pageOf = <T extends Parameters<typeof Type.Array>[0]>(item: T) => Type.Object({ data: Type.Array(item), nextCursor: Nullable(Str) });

export function contactView(c: ContactRow) {
  return { id: c.id, name: c.name, email: c.email, phone: c.phone, role: c.role, preferredChannel: c.preferredChannel, isPrimary: c.isPrimary };
}

export function customerView(c: CustomerRow, contacts?: readonly ContactRow[], credit?: { currency: string; amount: number }[]) {
  const { orgId: _org, ...rest } = c;
  return { ...rest, ...(contacts ? { contacts: contacts.map(contactView) } : {}), ...(credit ? { credit } : {}) };
}

export function allocationView(a: AllocationRow) {
  return { id: a.id, invoiceId: a.invoiceId, paymentId: a.paymentId, creditNoteId: a.creditNoteId, amount: a.amount, allocatedOn: a.allocatedOn };
}

export function invoiceView(today: PlainDate, i: InvoiceRow, lines?: readonly InvoiceLineRow[], allocations?: readonly AllocationRow[]) {
  const { orgId: _org, ...rest } = i;
  const late = daysBetween(parseDate(i.dueDate)!, today);
  const owed = i.kind === 'invoice' && isReceivable(i.status as InvoiceStatus) && i.balance > 0;
  return {
    ...rest,
    daysOverdue: owed && late > 0 ? late : 0,
    paymentReference: i.kind === 'invoice' ? invoicePaymentReference(i.number) : null,
    earlyPayment: earlyPaymentView(i, today),
    ...(lines ? { lines: lines.map(({ orgId: _o, invoiceId: _i, ...l }) => l) } : {}),
    ...(allocations ? { allocations: allocations.map(allocationView) } : {}),
  };
}

export function paymentView(p: PaymentRow, allocations?: readonly AllocationRow[], refunds?: readonly RefundRow[]) {
  const { orgId: _org, ...rest } = p;
  return {
    ...rest,
    ...(allocations ? { allocations: allocations.map(allocationView) } : {}),
    ...(refunds ? { refunds: refunds.map((r) => ({ id: r.id, amount: r.amount, refundedOn: r.refundedOn, method: r.method, reference: r.reference })) } : {}),
  };
}

import { Type } from 'typebox';
import type { HandoffRow } from '../db/repositories/collection-handoffs.ts';
import type { ClaimRow, DisputeRow, InstallmentRow, NoteRow, PlanRow, PromiseRow, TaskRow } from '../db/repositories/collections.ts';

// Response shapes of the dunning and collections API (OpenAPI, and the serialiser's whitelist).
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const Str = Type.String();
const Int = Type.Integer();
const Minor = Type.Integer({ description: 'Minor units of the currency' });
const Day = Type.String({ description: 'YYYY-MM-DD' });
const Instant = Type.Unsafe<Date | string>({ type: 'string', format: 'date-time' });
const Anything = Type.Unknown();

const Conditions = Type.Object({
  minBalanceMinor: Type.Optional(Type.Record(Type.String(), Minor)),
  requiredTags: Type.Optional(Type.Array(Str)),
  excludedTags: Type.Optional(Type.Array(Str)),
  riskLevels: Type.Optional(Type.Array(Str)),
});

export const StepView = Type.Object({
  id: Str,
  offsetDays: Int,
  repeatEveryDays: Type.Optional(Int),
  maxRepeats: Type.Optional(Int),
  channel: Str,
  templateKey: Str,
  tone: Str,
  conditions: Type.Optional(Conditions),
  actions: Type.Optional(Type.Array(Str)),
});

export const PolicyView = Type.Object({ id: Str, name: Str, builtIn: Type.Boolean(), isDefault: Type.Boolean(), steps: Type.Array(StepView) });

export const SettingsView = Type.Object({
  defaultPolicyId: Str,
  excluded: Type.Boolean(),
  windowStart: Str,
  windowEnd: Str,
  workingDays: Type.Array(Int),
  nonWorkingDates: Type.Array(Day),
  replyTo: Nullable(Str),
});

export const CustomerDunningView = Type.Object({ policyId: Nullable(Str), excluded: Type.Boolean(), collectorId: Nullable(Str), riskLevel: Nullable(Str) });
export const InvoiceDunningView = Type.Object({ policyId: Nullable(Str), excluded: Type.Boolean(), paused: Type.Boolean() });

export const DisputeView = Type.Object({
  id: Str,
  invoiceId: Str,
  customerId: Str,
  reasonCode: Str,
  description: Nullable(Str),
  status: Str,
  openedAt: Instant,
  resolvedAt: Nullable(Instant),
  resolution: Nullable(Str),
  resolutionNote: Nullable(Str),
});

export const PromiseView = Type.Object({
  id: Str,
  invoiceId: Str,
  customerId: Str,
  promisedDate: Day,
  amount: Minor,
  currency: Str,
  promisedBy: Str,
  channel: Str,
  note: Nullable(Str),
  status: Str,
  closedReason: Nullable(Str),
  createdAt: Instant,
  closedAt: Nullable(Instant),
});

export const ClaimView = Type.Object({
  id: Str,
  invoiceId: Str,
  customerId: Str,
  until: Day,
  paidOn: Nullable(Day),
  reference: Nullable(Str),
  claimedBy: Nullable(Str),
  status: Str,
  createdAt: Instant,
  closedAt: Nullable(Instant),
});

export const PlanView = Type.Object({
  id: Str,
  invoiceId: Str,
  customerId: Str,
  currency: Str,
  balanceAtAgreement: Minor,
  agreedOn: Day,
  graceDays: Int,
  status: Str,
  brokenInstallment: Nullable(Int),
  note: Nullable(Str),
  createdAt: Instant,
  closedAt: Nullable(Instant),
  installments: Type.Optional(Type.Array(Type.Object({ number: Int, dueDate: Day, amount: Minor }))),
});

export const TaskView = Type.Object({
  id: Str,
  customerId: Str,
  kind: Str,
  title: Str,
  invoiceIds: Type.Array(Str),
  phone: Nullable(Str),
  contactName: Nullable(Str),
  assigneeId: Nullable(Str),
  dueOn: Day,
  reason: Str,
  details: Anything,
  status: Str,
  outcome: Nullable(Str),
  reasonCode: Nullable(Str),
  note: Nullable(Str),
  completedAt: Nullable(Instant),
  completedBy: Nullable(Str),
  createdAt: Instant,
  amountAtRisk: Type.Optional(Minor),
  daysOverdue: Type.Optional(Int),
});

export const NoteView = Type.Object({ id: Str, customerId: Str, body: Str, authorType: Str, authorId: Nullable(Str), createdAt: Instant });

const Item = Type.Object({
  invoiceId: Str,
  invoiceNumber: Nullable(Str),
  stepId: Str,
  occurrence: Int,
  installment: Nullable(Int),
  reason: Str,
  amountMinor: Minor,
  currency: Str,
  paymentDueDate: Day,
});

export const PreviewView = Type.Object({
  date: Nullable(Day),
  messages: Type.Array(
    Type.Object({
      customerId: Str,
      customerName: Str,
      channel: Str,
      recipient: Str,
      sendAt: Instant,
      batch: Type.Boolean(),
      tone: Str,
      subject: Nullable(Str),
      text: Str,
      idempotencyKey: Str,
      items: Type.Array(Item),
    }),
  ),
  tasks: Type.Array(Type.Object({ customerId: Str, customerName: Str, kind: Str, title: Str, phone: Nullable(Str), assigneeId: Nullable(Str), invoiceIds: Type.Array(Str), reason: Str })),
  notSent: Type.Array(Type.Object({ customerId: Str, customerName: Str, channel: Str, reason: Str, items: Type.Array(Item) })),
  skippedSteps: Type.Array(
    Type.Object({ invoiceId: Str, invoiceNumber: Nullable(Str), stepId: Str, occurrence: Int, installment: Nullable(Int), dueOn: Day, reason: Str, condition: Nullable(Str) }),
  ),
  deferred: Type.Array(Type.Object({ invoiceId: Str, stepId: Str, channel: Str, reason: Str })),
  held: Type.Array(Type.Object({ invoiceId: Str, invoiceNumber: Nullable(Str), holds: Type.Array(Type.Object({ reason: Str, refId: Nullable(Str), until: Nullable(Day) })) })),
  actions: Type.Array(Type.Object({ kind: Str, customerId: Str, invoiceId: Str, ref: Str, reason: Str })),
  waiting: Type.Array(Type.Object({ customerId: Str, customerName: Str, reason: Str })),
});

export const ScheduleView = Type.Object({
  invoiceId: Str,
  today: Day,
  policy: Nullable(Type.Object({ id: Str, name: Str, decidedBy: Str })),
  excludedBy: Nullable(Str),
  settings: InvoiceDunningView,
  state: Nullable(
    Type.Object({
      kind: Str,
      reason: Type.Optional(Str),
      schedule: Type.Optional(Str),
      holds: Type.Optional(Type.Array(Type.Object({ reason: Str, refId: Nullable(Str), until: Nullable(Day) }))),
    }),
  ),
  paymentPlan: Nullable(PlanView),
  past: Type.Array(
    Type.Object({
      stepId: Str,
      occurrence: Int,
      installment: Nullable(Int),
      on: Day,
      outcome: Str,
      reason: Str,
      channel: Nullable(Str),
      released: Type.Boolean(),
      message: Nullable(Type.Object({ outboxId: Str, status: Str, recipient: Str, subject: Nullable(Str), sendAt: Instant, sentAt: Nullable(Instant) })),
      task: Nullable(Type.Object({ taskId: Str, status: Str, outcome: Nullable(Str) })),
    }),
  ),
  upcoming: Type.Array(Type.Object({ stepId: Str, occurrence: Int, installment: Nullable(Int), on: Day, channel: Str, tone: Str, owed: Type.Boolean() })),
});

export const TickView = Type.Object({
  customersDecided: Int,
  customersWaiting: Int,
  invoicesPlanned: Int,
  messagesQueued: Int,
  messagesSkipped: Int,
  tasksCreated: Int,
  stepsSkipped: Int,
  deferred: Int,
});

const strip = <T extends { orgId: string }>(row: T): Omit<T, 'orgId'> => {
  const { orgId: _org, ...rest } = row;
  return rest;
};

export const disputeView = (d: DisputeRow) => strip(d);
export const promiseView = (p: PromiseRow) => strip(p);
export const claimView = (c: ClaimRow) => strip(c);
export const noteView = (n: NoteRow) => strip(n);
export const taskView = (t: TaskRow) => strip(t);

export function planView(p: PlanRow, installments?: readonly InstallmentRow[]) {
  const { reminderSteps: _steps, ...rest } = strip(p);
  return { ...rest, ...(installments ? { installments: installments.map(({ number, dueDate, amount }) => ({ number, dueDate, amount })) } : {}) };
}

export const pageView = <T extends Parameters<typeof Type.Array>[0]>(item: T) => Type.Object({ data: Type.Array(item), nextCursor: Nullable(Str) });

export const HandoffView = Type.Object({
  id: Str,
  customerId: Str,
  invoiceIds: Type.Array(Str),
  invoices: Type.Array(
    Type.Object({ id: Str, number: Str, currency: Str, issueDate: Day, dueDate: Day, daysOverdue: Int, total: Minor, balance: Minor }, { description: 'As handed over: later payments do not change it' }),
  ),
  agency: Nullable(Str),
  note: Nullable(Str),
  createdBy: Type.Object({ type: Str, id: Nullable(Str) }),
  createdAt: Instant,
  pack: Type.Object({ fileName: Str, sha256: Str, size: Int, url: Type.String({ description: 'Download the ZIP as it was handed over' }) }),
});

export function handoffView(h: HandoffRow) {
  return {
    id: h.id,
    customerId: h.customerId,
    invoiceIds: h.invoiceIds,
    invoices: h.invoices,
    agency: h.agency,
    note: h.note,
    createdBy: { type: h.createdByType, id: h.createdById },
    createdAt: h.createdAt,
    pack: { fileName: h.packName, sha256: h.packSha256, size: h.packSize, url: `/api/v1/collection-handoffs/${h.id}/pack.zip` },
  };
}

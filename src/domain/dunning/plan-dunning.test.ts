import { describe, expect, it } from 'vitest';
import { date } from '../dates.ts';
import type { DunningAction, SendAction } from './actions.ts';
import type { ActivePaymentPlan } from './plan-dunning.ts';
import { planDunning } from './plan-dunning.ts';
import { DEFAULT_INSTALLMENT_STEPS } from './payment-plan.ts';
import type { DunningPolicy } from './policy.ts';
import { ACTIVE_CUSTOMER, done, doneThrough, DUE, dueDay, dunningInput, invoiceFacts, STANDARD_POLICY } from './test-fixtures.ts';

const sends = (actions: readonly DunningAction[]): SendAction[] => actions.filter((a): a is SendAction => a.kind === 'send');
const kinds = (actions: readonly DunningAction[]): string[] =>
  actions.map((a) => (a.kind === 'send' || a.kind === 'skip' ? `${a.kind}:${a.stepId}#${a.occurrence}` : a.kind));

describe('planDunning: the schedule', () => {
  it('does nothing before the first step falls', () => {
    // first step -5 → 26 March; 25 March is one day early
    const plan = planDunning(dunningInput(dueDay(-6)));
    expect(plan.state).toEqual({ kind: 'active', schedule: 'invoice' });
    expect(plan.actions).toEqual([]);
  });

  it('sends a step on its day, for the balance, with everything a message needs', () => {
    // 31 March − 5 days = 26 March
    const plan = planDunning(dunningInput(date('2025-03-26')));
    expect(plan.actions).toEqual([
      {
        kind: 'send',
        invoiceId: 'inv-1',
        customerId: 'cus-1',
        stepId: 'before',
        occurrence: 1,
        installment: null,
        channel: 'email',
        tone: 'friendly',
        templateKey: 'upcoming',
        dueOn: date('2025-03-26'),
        paymentDueDate: DUE,
        currency: 'EUR',
        amountMinor: 100_000,
        reason: 'DUE_TODAY',
      },
    ]);
  });

  it('does nothing more the same day once the step is recorded', () => {
    const plan = planDunning(dunningInput(dueDay(-5), { history: [done('before', dueDay(-5))] }));
    expect(plan.actions).toEqual([]);
  });

  it('after downtime sends only the latest owed step and records the missed ones as caught up', () => {
    // Last tick on 26 March (before sent); the next runs on 8 April = due + 8: due (0), after1 (+1) and after7 (+7) are owed.
    const plan = planDunning(dunningInput(dueDay(8), { history: [done('before', dueDay(-5))] }));
    expect(kinds(plan.actions)).toEqual(['skip:due#1', 'skip:after1#1', 'send:after7#1']);
    expect(plan.actions[0]).toMatchObject({ reason: 'CAUGHT_UP', dueOn: DUE, condition: null });
    expect(sends(plan.actions)[0]).toMatchObject({ reason: 'DUE_EARLIER', dueOn: dueDay(7), tone: 'firm' });
  });

  it('still applies the late fee of a caught-up step, and the hold of the one sent', () => {
    // Ticks stopped after after7; next tick at +31: after14 (late fee) and after30 (hold) are owed.
    const plan = planDunning(dunningInput(dueDay(31), { history: doneThrough(7) }));
    expect(plan.actions).toEqual([
      { kind: 'skip', stepId: 'after14', occurrence: 1, installment: null, dueOn: dueDay(14), reason: 'CAUGHT_UP', condition: null },
      { kind: 'apply_late_fee', stepId: 'after14', occurrence: 1, installment: null, reason: 'STEP_ACTION' },
      expect.objectContaining({ kind: 'send', stepId: 'after30', reason: 'DUE_EARLIER' }),
      { kind: 'put_on_hold', stepId: 'after30', reason: 'STEP_ACTION' },
    ]);
  });

  it('does not put a customer on hold twice', () => {
    const plan = planDunning(dunningInput(dueDay(30), { customer: { ...ACTIVE_CUSTOMER, status: 'on_hold' }, history: doneThrough(14) }));
    expect(kinds(plan.actions)).toEqual(['send:after30#1']);
  });

  it('repeats the last step counting from the day the previous occurrence went out', () => {
    // after30 falls on 30 April but went out on 2 May (+32); the repeat is 14 days later: 16 May (+46).
    const history = [...doneThrough(14), done('after30', dueDay(32))];
    expect(planDunning(dunningInput(dueDay(45), { history })).actions).toEqual([]);
    const plan = planDunning(dunningInput(dueDay(46), { history }));
    expect(sends(plan.actions)).toEqual([expect.objectContaining({ stepId: 'after30', occurrence: 2, dueOn: dueDay(46), reason: 'DUE_TODAY' })]);
  });

  it('stops after maxRepeats repeats', () => {
    // maxRepeats 3: occurrences 1 (first) + 3 repeats = 4 in all.
    const repeats = [1, 2, 3, 4].map((n) => done('after30', dueDay(30 + 14 * (n - 1)), n));
    expect(planDunning(dunningInput(dueDay(200), { history: [...doneThrough(14), ...repeats] })).actions).toEqual([]);
    const three = [...doneThrough(14), ...repeats.slice(0, 3)];
    expect(sends(planDunning(dunningInput(dueDay(200), { history: three })).actions)[0]).toMatchObject({ occurrence: 4, dueOn: dueDay(72) });
  });

  it('reminds of the balance left after a partial payment', () => {
    // 1 000.00 EUR invoiced, 600.00 paid: the reminder asks for 400.00
    const invoice = invoiceFacts({ status: 'partially_paid', balanceMinor: 40_000 });
    expect(sends(planDunning(dunningInput(DUE, { invoice, history: [done('before', dueDay(-5))] })).actions)[0]?.amountMinor).toBe(40_000);
  });

  it('does not send steps falling on or before the issue day: the invoice itself just told the customer', () => {
    // Due on receipt: issued and due on 31 March. Steps -5 and 0 fall on or before the issue day.
    const invoice = invoiceFacts({ issuedOn: DUE });
    const onIssue = planDunning(dunningInput(DUE, { invoice }));
    expect(onIssue.actions).toEqual([
      { kind: 'skip', stepId: 'before', occurrence: 1, installment: null, dueOn: dueDay(-5), reason: 'BEFORE_SCHEDULE_START', condition: null },
      { kind: 'skip', stepId: 'due', occurrence: 1, installment: null, dueOn: DUE, reason: 'BEFORE_SCHEDULE_START', condition: null },
    ]);
    const next = planDunning(dunningInput(dueDay(1), { invoice, history: [done('before', DUE), done('due', DUE)] }));
    expect(kinds(next.actions)).toEqual(['send:after1#1']);
  });

  it('never steps back when a policy edit adds a step before one already done', () => {
    const policy: DunningPolicy = {
      ...STANDARD_POLICY,
      steps: [...STANDARD_POLICY.steps.slice(0, 3), { id: 'after3', offsetDays: 3, channel: 'email', tone: 'friendly', templateKey: 'overdue_3' }, ...STANDARD_POLICY.steps.slice(3)],
    };
    const plan = planDunning(dunningInput(dueDay(8), { policy, history: doneThrough(7) }));
    expect(plan.actions).toEqual([expect.objectContaining({ kind: 'skip', stepId: 'after3', reason: 'SUPERSEDED' })]);
  });
});

describe('planDunning: step conditions', () => {
  const policy: DunningPolicy = {
    id: 'conditional',
    name: 'Conditional',
    steps: [
      { id: 'mail', offsetDays: 1, channel: 'email', tone: 'friendly', templateKey: 'overdue' },
      {
        id: 'sms',
        offsetDays: 7,
        channel: 'sms',
        tone: 'firm',
        templateKey: 'overdue_sms',
        conditions: { minBalanceMinor: { EUR: 50_000 }, excludedTags: ['vip'] },
        actions: ['apply_late_fee'],
      },
      { id: 'call', offsetDays: 10, channel: 'call_task', tone: 'firm', templateKey: 'call', conditions: { riskLevels: ['high'], requiredTags: ['phone_ok'] } },
    ],
  };

  it('skips a step whose minimum balance is not reached, and its late fee with it', () => {
    // 400.00 EUR < 500.00 EUR minimum
    const invoice = invoiceFacts({ balanceMinor: 40_000, status: 'partially_paid' });
    const plan = planDunning(dunningInput(dueDay(7), { policy, invoice, history: [done('mail', dueDay(1))] }));
    expect(plan.actions).toEqual([{ kind: 'skip', stepId: 'sms', occurrence: 1, installment: null, dueOn: dueDay(7), reason: 'CONDITION_NOT_MET', condition: 'BELOW_MIN_BALANCE' }]);
  });

  it('has no minimum for a currency the condition does not list', () => {
    const invoice = invoiceFacts({ currency: 'VND', balanceMinor: 1 });
    expect(kinds(planDunning(dunningInput(dueDay(7), { policy, invoice, history: [done('mail', dueDay(1))] })).actions)).toEqual([
      'apply_late_fee',
      'send:sms#1',
    ]);
  });

  it('names each unmet condition', () => {
    const history = [done('mail', dueDay(1)), done('sms', dueDay(7))];
    const vip = planDunning(dunningInput(dueDay(7), { policy, customer: { ...ACTIVE_CUSTOMER, tags: ['vip'] }, history: history.slice(0, 1) }));
    expect(vip.actions[0]).toMatchObject({ reason: 'CONDITION_NOT_MET', condition: 'HAS_EXCLUDED_TAG' });
    const lowRisk = planDunning(dunningInput(dueDay(10), { policy, customer: { ...ACTIVE_CUSTOMER, tags: ['phone_ok'], riskLevel: 'low' }, history }));
    expect(lowRisk.actions[0]).toMatchObject({ condition: 'RISK_LEVEL_NOT_TARGETED' });
    const noTag = planDunning(dunningInput(dueDay(10), { policy, customer: { ...ACTIVE_CUSTOMER, riskLevel: 'high' }, history }));
    expect(noTag.actions[0]).toMatchObject({ condition: 'MISSING_REQUIRED_TAG' });
    const ok = planDunning(dunningInput(dueDay(10), { policy, customer: { ...ACTIVE_CUSTOMER, tags: ['phone_ok'], riskLevel: 'high' }, history }));
    expect(kinds(ok.actions)).toEqual(['send:call#1']);
  });

  it('when catching up, sends the latest step whose conditions hold', () => {
    // At +10 after downtime: mail (+1) and sms (+7) are runnable, call (+10) is not (risk medium): send sms.
    const plan = planDunning(dunningInput(dueDay(10), { policy }));
    expect(kinds(plan.actions)).toEqual(['skip:mail#1', 'skip:call#1', 'apply_late_fee', 'send:sms#1']);
    expect(plan.actions[0]).toMatchObject({ reason: 'CAUGHT_UP' });
    expect(plan.actions[1]).toMatchObject({ reason: 'CONDITION_NOT_MET' });
  });
});

describe('planDunning: when nothing is sent', () => {
  const today = dueDay(7);
  it.each([
    ['draft', 'INVOICE_DRAFT'],
    ['paid', 'INVOICE_PAID'],
    ['void', 'INVOICE_VOID'],
    ['written_off', 'INVOICE_WRITTEN_OFF'],
    ['uncollectible', 'INVOICE_UNCOLLECTIBLE'],
  ] as const)('stops for a %s invoice', (status, reason) => {
    expect(planDunning(dunningInput(today, { invoice: invoiceFacts({ status }) }))).toMatchObject({ state: { kind: 'stopped', reason }, actions: [] });
  });

  it('stops when nothing is owed, even if the status lags behind', () => {
    for (const balanceMinor of [0, -500]) {
      expect(planDunning(dunningInput(today, { invoice: invoiceFacts({ balanceMinor }) }))).toMatchObject({ state: { reason: 'NO_BALANCE' }, actions: [] });
    }
  });

  it('stops for a customer in collections or excluded', () => {
    const inCollections = planDunning(dunningInput(today, { customer: { ...ACTIVE_CUSTOMER, status: 'in_collections' } }));
    expect(inCollections).toMatchObject({ state: { kind: 'stopped', reason: 'CUSTOMER_IN_COLLECTIONS' }, actions: [] });
    const excluded = planDunning(dunningInput(today, { customer: { ...ACTIVE_CUSTOMER, excluded: true } }));
    expect(excluded).toMatchObject({ state: { kind: 'stopped', reason: 'CUSTOMER_EXCLUDED' }, actions: [] });
  });

  it('holds while paused by hand, disputed, promised or claimed paid, and says until when', () => {
    const plan = planDunning(
      dunningInput(today, {
        invoice: invoiceFacts({ dunningPaused: true }),
        disputes: [{ id: 'dsp-1' }],
        promises: [{ id: 'prm-1', promisedDate: dueDay(10), amountMinor: 100_000, paidMinor: 0 }],
        paymentClaims: [{ id: 'clm-1', until: dueDay(7) }],
      }),
    );
    expect(plan).toMatchObject({
      state: {
        kind: 'held',
        holds: [
          { reason: 'INVOICE_PAUSED', refId: null, until: null },
          { reason: 'DISPUTE_OPEN', refId: 'dsp-1', until: null },
          { reason: 'PROMISE_TO_PAY', refId: 'prm-1', until: dueDay(10) },
          { reason: 'PAYMENT_CLAIMED', refId: 'clm-1', until: dueDay(7) },
        ],
      },
      actions: [],
    });
  });

  it('resumes the day after a payment claim expires, catching up once', () => {
    const paymentClaims = [{ id: 'clm-1', until: dueDay(7) }];
    const plan = planDunning(dunningInput(dueDay(8), { paymentClaims, history: doneThrough(0) }));
    expect(kinds(plan.actions)).toEqual(['skip:after1#1', 'send:after7#1']);
  });
});

describe('planDunning: promises to pay', () => {
  const history = doneThrough(1);

  it('holds through the promised day itself', () => {
    const promises = [{ id: 'prm-1', promisedDate: dueDay(10), amountMinor: 100_000, paidMinor: 0 }];
    expect(planDunning(dunningInput(dueDay(10), { history, promises })).state).toMatchObject({ kind: 'held' });
  });

  it('marks a promise broken the day after, opens a task and resumes with the step now owed', () => {
    // Promised on +2 to pay by +10; on +11 nothing arrived. after7 fell during the promise: it goes out now.
    const promises = [{ id: 'prm-1', promisedDate: dueDay(10), amountMinor: 100_000, paidMinor: 0 }];
    const plan = planDunning(dunningInput(dueDay(11), { history, promises }));
    expect(plan.state).toEqual({ kind: 'active', schedule: 'invoice' });
    expect(plan.actions).toEqual([
      { kind: 'mark_promise_broken', promiseId: 'prm-1', reason: 'PROMISE_DATE_PASSED_UNPAID' },
      { kind: 'create_task', task: 'call_about_broken_promise', refId: 'prm-1', dueOn: dueDay(11), reason: 'PROMISE_BROKEN' },
      expect.objectContaining({ kind: 'send', stepId: 'after7', reason: 'DUE_EARLIER' }),
    ]);
  });

  it('marks a partial promise kept once its amount is paid, and reminds of the rest', () => {
    // Promised 300.00 of 1 000.00 by +10; 300.00 paid, 700.00 left.
    const promises = [{ id: 'prm-1', promisedDate: dueDay(10), amountMinor: 30_000, paidMinor: 30_000 }];
    const invoice = invoiceFacts({ status: 'partially_paid', balanceMinor: 70_000 });
    const plan = planDunning(dunningInput(dueDay(11), { history, promises, invoice }));
    expect(plan.actions[0]).toEqual({ kind: 'mark_promise_kept', promiseId: 'prm-1', reason: 'PROMISED_AMOUNT_PAID' });
    expect(sends(plan.actions)[0]).toMatchObject({ stepId: 'after7', amountMinor: 70_000 });
  });

  it('records a broken promise even while a dispute holds reminders', () => {
    const promises = [{ id: 'prm-1', promisedDate: dueDay(10), amountMinor: 100_000, paidMinor: 0 }];
    const plan = planDunning(dunningInput(dueDay(11), { history, promises, disputes: [{ id: 'dsp-1' }] }));
    expect(plan.state).toMatchObject({ kind: 'held' });
    expect(kinds(plan.actions)).toEqual(['mark_promise_broken', 'create_task']);
  });
});

describe('planDunning: payment plans', () => {
  // Agreed on +3 for 1 000.00 EUR: 500.00 on +10 and 500.00 on +40, 5 grace days.
  const plan: ActivePaymentPlan = {
    id: 'plan-1',
    agreedOn: dueDay(3),
    graceDays: 5,
    reminderSteps: DEFAULT_INSTALLMENT_STEPS,
    installments: [
      { number: 1, dueDate: dueDay(10), amountMinor: 50_000, paidMinor: 0 },
      { number: 2, dueDate: dueDay(40), amountMinor: 50_000, paidMinor: 0 },
    ],
  };
  const history = doneThrough(1);

  it('replaces the invoice reminders by reminders for each installment', () => {
    // installment_upcoming is -3 from +10 = +7, the day after7 of the invoice would have gone out.
    const result = planDunning(dunningInput(dueDay(7), { history, paymentPlan: plan }));
    expect(result.state).toEqual({ kind: 'active', schedule: 'payment_plan' });
    expect(result.actions).toEqual([
      expect.objectContaining({
        kind: 'send',
        stepId: 'installment_upcoming',
        installment: 1,
        dueOn: dueDay(7),
        paymentDueDate: dueDay(10),
        amountMinor: 50_000,
        reason: 'DUE_TODAY',
      }),
    ]);
  });

  it('reminds of what is left of a partly paid installment and keeps installments apart in the history', () => {
    const partly = { ...plan, installments: [{ ...plan.installments[0]!, paidMinor: 20_000 }, plan.installments[1]!] };
    const result = planDunning(dunningInput(dueDay(10), { history: [...history, done('installment_upcoming', dueDay(7), 1, 1)], paymentPlan: partly }));
    expect(sends(result.actions)).toEqual([expect.objectContaining({ stepId: 'installment_due', installment: 1, amountMinor: 30_000 })]);
  });

  it('keeps reminding within grace and breaks the plan the day after grace ends, resuming on the whole balance', () => {
    const withinGrace = planDunning(dunningInput(dueDay(15), { history, paymentPlan: plan }));
    expect(withinGrace.state).toEqual({ kind: 'active', schedule: 'payment_plan' });
    // grace ends on +15; on +16 the plan breaks and after14 (owed since +14) goes out for the whole balance.
    const broken = planDunning(dunningInput(dueDay(16), { history, paymentPlan: plan }));
    expect(broken.state).toEqual({ kind: 'active', schedule: 'invoice' });
    expect(kinds(broken.actions)).toEqual(['break_plan', 'create_task', 'skip:after7#1', 'apply_late_fee', 'send:after14#1']);
    expect(broken.actions[0]).toEqual({ kind: 'break_plan', planId: 'plan-1', installment: 1, reason: 'INSTALLMENT_MISSED' });
    expect(sends(broken.actions)[0]?.amountMinor).toBe(100_000);
  });

  it('skips installment reminders falling on or before the day the plan was agreed', () => {
    const early = { ...plan, agreedOn: dueDay(8) };
    const result = planDunning(dunningInput(dueDay(8), { history, paymentPlan: early }));
    expect(result.actions).toEqual([expect.objectContaining({ kind: 'skip', stepId: 'installment_upcoming', installment: 1, reason: 'BEFORE_SCHEDULE_START' })]);
  });

  it('goes back to the invoice schedule when a completed plan leaves a balance (a fee added later)', () => {
    const paid = { ...plan, installments: plan.installments.map((i) => ({ ...i, paidMinor: i.amountMinor })) };
    const result = planDunning(dunningInput(dueDay(50), { history, paymentPlan: paid, invoice: invoiceFacts({ balanceMinor: 4_000 }) }));
    expect(result.state).toEqual({ kind: 'active', schedule: 'invoice' });
    expect(sends(result.actions)[0]).toMatchObject({ stepId: 'after30', amountMinor: 4_000 });
  });
});

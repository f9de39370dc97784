import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, compareDates, type PlainDate } from '../dates.ts';
import type { InvoiceStatus } from '../invoice-status.ts';
import { type DoneStep, doneStep, type DunningAction, type SendAction, type SkipAction } from './actions.ts';
import { DEFAULT_INSTALLMENT_STEPS } from './payment-plan.ts';
import { type ActivePaymentPlan, type CustomerFacts, type OpenDispute, type OpenPromise, type PaymentClaim, planDunning } from './plan-dunning.ts';
import { DUNNING_CHANNELS, type DunningPolicy, type DunningStep, STEP_ACTIONS, TONES } from './policy.ts';
import { ACTIVE_CUSTOMER, DUE, invoiceFacts, STANDARD_POLICY } from './test-fixtures.ts';

// Simulations of the dunning tick over random policies and random lives of an invoice: ticks that run or
// not (downtime), payments, disputes, promises, "already paid" claims, manual pauses. After every tick the
// world applies the plan the way the service will (history rows for sends and skips, promises closed, the
// customer put on hold or handed off), and the invariants are checked against an independent reading of
// the facts, not against the planner's own explanation.

const FIRST_DAY = -12;
const LAST_DAY = 70;
const DAYS = LAST_DAY - FIRST_DAY + 1;
const BALANCE = 100_000;

const stepArb = (offsetDays: number, id: string): fc.Arbitrary<DunningStep> =>
  fc.record({
    id: fc.constant(id),
    offsetDays: fc.constant(offsetDays),
    channel: fc.constantFrom(...DUNNING_CHANNELS),
    tone: fc.constantFrom(...TONES),
    templateKey: fc.constant(`tpl_${id}`),
    conditions: fc.option(fc.record({ minBalanceMinor: fc.record({ EUR: fc.integer({ min: 0, max: BALANCE }) }) }), { nil: undefined }),
    actions: fc.option(fc.subarray([...STEP_ACTIONS], { minLength: 1 }), { nil: undefined }),
  }).map((s) => Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined)) as unknown as DunningStep);

const policyArb: fc.Arbitrary<DunningPolicy> = fc
  .uniqueArray(fc.integer({ min: -10, max: 45 }), { minLength: 1, maxLength: 7 })
  .chain((offsets) => {
    const sorted = [...offsets].sort((a, b) => a - b);
    return fc.tuple(
      fc.tuple(...sorted.map((o, i) => stepArb(o, `s${i}`))),
      fc.option(fc.record({ repeatEveryDays: fc.integer({ min: 1, max: 10 }), maxRepeats: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }) }), { nil: undefined }),
    );
  })
  .map(([steps, repeat]) => {
    const last = steps.at(-1) as DunningStep;
    const withRepeat: DunningStep = repeat
      ? { ...last, repeatEveryDays: repeat.repeatEveryDays, ...(repeat.maxRepeats !== undefined && { maxRepeats: repeat.maxRepeats }) }
      : last;
    return { id: 'random', name: 'Random', steps: [...steps.slice(0, -1), withRepeat] };
  });

interface DayEvents {
  readonly tick: boolean;
  readonly tickTwice: boolean;
  readonly payment: number;
  readonly dispute: 'open' | 'close' | null;
  readonly promise: { readonly inDays: number; readonly amountMinor: number } | null;
  readonly claimDays: number | null;
  readonly togglePause: boolean;
}

const rare = <T,>(arb: fc.Arbitrary<T>, weight = 1): fc.Arbitrary<T | null> => fc.oneof({ arbitrary: fc.constant(null), weight: 30 }, { arbitrary: arb, weight });

const dayArb = (tickWeight: number): fc.Arbitrary<DayEvents> =>
  fc.record({
    tick: fc.oneof({ arbitrary: fc.constant(true), weight: tickWeight }, { arbitrary: fc.constant(false), weight: 10 - tickWeight }),
    tickTwice: fc.boolean(),
    payment: fc.oneof({ arbitrary: fc.constant(0), weight: 25 }, { arbitrary: fc.integer({ min: 1, max: 40_000 }), weight: 1 }),
    dispute: rare(fc.constantFrom('open' as const, 'close' as const)),
    promise: rare(fc.record({ inDays: fc.integer({ min: 0, max: 12 }), amountMinor: fc.integer({ min: 1, max: BALANCE }) })),
    claimDays: rare(fc.integer({ min: 0, max: 7 })),
    togglePause: fc.oneof({ arbitrary: fc.constant(false), weight: 40 }, { arbitrary: fc.constant(true), weight: 1 }),
  });

const lifeArb = fc.record({
  policy: policyArb,
  issuedOffset: fc.integer({ min: -30, max: 5 }),
  tags: fc.subarray(['vip', 'phone_ok']),
  days: fc.integer({ min: 1, max: 10 }).chain((w) => fc.array(dayArb(w), { minLength: DAYS, maxLength: DAYS })),
});

const key = (r: { stepId: string; occurrence: number; installment?: number | null }): string => `${r.installment ?? '-'}|${r.stepId}|${r.occurrence}`;
const isRecorded = (a: DunningAction): a is SendAction | SkipAction => a.kind === 'send' || a.kind === 'skip';

interface World {
  balance: number;
  status: InvoiceStatus;
  paused: boolean;
  disputes: OpenDispute[];
  promises: OpenPromise[];
  claims: PaymentClaim[];
  history: DoneStep[];
  customer: CustomerFacts;
  plan: ActivePaymentPlan | null;
}

function newWorld(tags: readonly string[], plan: ActivePaymentPlan | null = null): World {
  return { balance: BALANCE, status: 'open', paused: false, disputes: [], promises: [], claims: [], history: [], customer: { ...ACTIVE_CUSTOMER, tags }, plan };
}

function pay(world: World, amount: number): void {
  const paid = Math.min(amount, world.balance);
  if (paid <= 0) return;
  world.balance -= paid;
  world.status = world.balance === 0 ? 'paid' : 'partially_paid';
  world.promises = world.promises.map((p) => ({ ...p, paidMinor: p.paidMinor + paid }));
}

function tick(world: World, policy: DunningPolicy, issuedOn: PlainDate, today: PlainDate) {
  const input = {
    invoice: invoiceFacts({ issuedOn, balanceMinor: world.balance, status: world.status, dunningPaused: world.paused }),
    customer: world.customer,
    policy,
    history: [...world.history],
    today,
    disputes: [...world.disputes],
    promises: [...world.promises],
    paymentClaims: [...world.claims],
    paymentPlan: world.plan,
  };
  const plan = planDunning(input);
  expect(planDunning(input)).toEqual(plan);
  return plan;
}

function apply(world: World, actions: readonly DunningAction[], today: PlainDate): void {
  for (const a of actions) {
    if (isRecorded(a)) world.history.push(doneStep(a, today));
    if (a.kind === 'mark_promise_broken' || a.kind === 'mark_promise_kept') world.promises = world.promises.filter((p) => p.id !== a.promiseId);
    if (a.kind === 'break_plan') world.plan = null;
    if (a.kind === 'put_on_hold') world.customer = { ...world.customer, status: 'on_hold' };
    if (a.kind === 'hand_to_collections') world.customer = { ...world.customer, status: 'in_collections' };
  }
}

/** The oracle: read the facts directly, independently of the planner's code. */
function stoppedByFacts(world: World): boolean {
  return !['open', 'partially_paid'].includes(world.status) || world.balance <= 0 || world.customer.status === 'in_collections' || world.customer.excluded;
}

function heldByFacts(world: World, today: PlainDate): boolean {
  return (
    world.paused ||
    world.disputes.length > 0 ||
    world.promises.some((p) => compareDates(today, p.promisedDate) <= 0) ||
    world.claims.some((c) => compareDates(today, c.until) <= 0)
  );
}

/** Checks every rule a single tick must keep, given the world before the tick. */
function checkTick(world: World, policy: DunningPolicy, issuedOn: PlainDate, today: PlainDate, actions: readonly DunningAction[]): void {
  const recorded = actions.filter(isRecorded);
  const sendActions = recorded.filter((a): a is SendAction => a.kind === 'send');
  if (stoppedByFacts(world)) expect(actions).toEqual([]);
  if (heldByFacts(world, today)) expect(recorded).toEqual([]);
  // One reminder per invoice per tick, however many days were missed.
  expect(sendActions.length).toBeLessThanOrEqual(1);
  const before = new Set(world.history.map(key));
  const seen = new Set<string>();
  for (const a of recorded) {
    // Never a step twice: not in the history, not twice in one tick.
    expect(before.has(key(a))).toBe(false);
    expect(seen.has(key(a))).toBe(false);
    seen.add(key(a));
    if (a.installment !== null) continue;
    const index = policy.steps.findIndex((s) => s.id === a.stepId);
    const step = policy.steps[index] as DunningStep;
    // Never before its step's day: the first occurrence on due + offset, a repeat `repeatEveryDays` after the previous one.
    const firstDay = addDays(DUE, step.offsetDays);
    if (a.occurrence === 1) expect(a.dueOn).toEqual(firstDay);
    else {
      const previous = world.history.find((h) => h.stepId === a.stepId && h.occurrence === a.occurrence - 1);
      expect(previous).toBeDefined();
      expect(a.dueOn).toEqual(addDays(previous?.on as PlainDate, step.repeatEveryDays as number));
      expect(a.occurrence - 1).toBeLessThanOrEqual(step.maxRepeats ?? Infinity);
    }
    expect(compareDates(firstDay, today)).toBeLessThanOrEqual(0);
    expect(compareDates(a.dueOn, today)).toBeLessThanOrEqual(0);
  }
  // A late fee for the step sent and for every step it caught up, and for no other.
  const fees = actions.filter((a) => a.kind === 'apply_late_fee').map(key);
  const owedFees = recorded
    .filter((a) => a.kind === 'send' || a.reason === 'CAUGHT_UP')
    .filter((a) => a.installment === null && policy.steps.find((s) => s.id === a.stepId)?.actions?.includes('apply_late_fee'))
    .map(key);
  expect(fees.sort()).toEqual(owedFees.sort());
  for (const s of sendActions) {
    if (s.installment === null) expect(s.amountMinor).toBe(world.balance);
    expect(compareDates(s.dueOn, issuedOn)).toBeGreaterThan(0);
    expect(s.reason).toBe(compareDates(s.dueOn, today) === 0 ? 'DUE_TODAY' : 'DUE_EARLIER');
  }
}

/** After an active tick, every step whose first day has come is accounted for: sent or skipped with a reason. */
function checkNothingLost(world: World, policy: DunningPolicy, today: PlainDate): void {
  const firsts = new Set(world.history.filter((h) => (h.installment ?? null) === null && h.occurrence === 1).map((h) => h.stepId));
  for (const step of policy.steps) {
    if (compareDates(addDays(DUE, step.offsetDays), today) <= 0) expect(firsts.has(step.id)).toBe(true);
  }
}

function live(policy: DunningPolicy, issuedOffset: number, tags: readonly string[], days: readonly DayEvents[]): void {
  const issuedOn = addDays(DUE, issuedOffset);
  const world = newWorld(tags);
  days.forEach((events, i) => {
    const today = addDays(DUE, FIRST_DAY + i);
    pay(world, events.payment);
    if (events.dispute === 'open') world.disputes.push({ id: `dsp-${i}` });
    if (events.dispute === 'close') world.disputes.pop();
    if (events.promise) world.promises.push({ id: `prm-${i}`, promisedDate: addDays(today, events.promise.inDays), amountMinor: events.promise.amountMinor, paidMinor: 0 });
    if (events.claimDays !== null) world.claims.push({ id: `clm-${i}`, until: addDays(today, events.claimDays) });
    if (events.togglePause) world.paused = !world.paused;
    if (!events.tick) return;
    const plan = tick(world, policy, issuedOn, today);
    checkTick(world, policy, issuedOn, today, plan.actions);
    apply(world, plan.actions, today);
    if (plan.state.kind === 'active') checkNothingLost(world, policy, today);
    // Catching up happens once: the same day, with the history stored, there is nothing left to do.
    if (events.tickTwice) expect(tick(world, policy, issuedOn, today).actions).toEqual([]);
  });
}

// Hundreds of simulated invoice lives, each ticked day by day: seconds of work, more on a busy CI machine.
const LONG_PROPERTY = 60_000;

describe('planDunning invariants over simulated lives of an invoice', () => {
  it('never sends early, never twice, never while stopped or held, loses no step, catches up once, asks for the balance', () => {
    fc.assert(
      fc.property(lifeArb, ({ policy, issuedOffset, tags, days }) => live(policy, issuedOffset, tags, days)),
      { numRuns: 300 },
    );
  }, LONG_PROPERTY);

  it('with a tick every day and nothing in the way, sends every step on its own day and skips none', () => {
    fc.assert(
      fc.property(policyArb, (random) => {
        // Conditions stripped so every step may run; issued long before the first step can fall.
        const policy = { ...random, steps: random.steps.map(({ conditions: _c, actions: _a, ...s }) => s) };
        const world = newWorld([]);
        const last = policy.steps.at(-1) as DunningStep;
        for (let offset = FIRST_DAY; offset <= LAST_DAY; offset++) {
          const today = addDays(DUE, offset);
          const { actions } = tick(world, policy, addDays(DUE, -40), today);
          expect(actions.every((a) => a.kind === 'send' && compareDates(a.dueOn, today) === 0)).toBe(true);
          apply(world, actions, today);
        }
        const expected = policy.steps.filter((s) => s.offsetDays <= LAST_DAY).map((s) => ({ stepId: s.id, occurrence: 1, installment: null, on: addDays(DUE, s.offsetDays) }));
        if (last.repeatEveryDays !== undefined) {
          const limit = last.maxRepeats ?? Infinity;
          for (let n = 1, day = last.offsetDays + last.repeatEveryDays; n <= limit && day <= LAST_DAY; n++, day += last.repeatEveryDays) {
            expected.push({ stepId: last.id, occurrence: n + 1, installment: null, on: addDays(DUE, day) });
          }
        }
        expect(world.history).toEqual(expected);
      }),
    );
  });
});

// Payment plans: installments monthly from a random first date; each installment paid in full or in half on
// a random day relative to its due date (early, on time, within grace, late), or never.
const planLifeArb = fc.record({
  firstDueOffset: fc.integer({ min: 4, max: 20 }),
  count: fc.integer({ min: 1, max: 4 }),
  graceDays: fc.integer({ min: 0, max: 7 }),
  payments: fc.array(fc.option(fc.record({ day: fc.integer({ min: -5, max: 12 }), half: fc.boolean() }), { nil: null }), { minLength: 4, maxLength: 4 }),
  ticks: fc.array(fc.boolean(), { minLength: DAYS + 60, maxLength: DAYS + 60 }),
});

describe('planDunning invariants with a payment plan', () => {
  it('replaces invoice reminders while the plan holds, reminds each installment on its days, breaks exactly when an installment is past grace', () => {
    fc.assert(
      fc.property(planLifeArb, ({ firstDueOffset, count, graceDays, payments, ticks }) => {
        const amounts = Array.from({ length: count }, (_, i) => Math.floor(BALANCE / count) + (i < BALANCE % count ? 1 : 0));
        const installments = amounts.map((amountMinor, i) => ({ number: i + 1, dueDate: addDays(DUE, firstDueOffset + 30 * i), amountMinor, paidMinor: 0 }));
        const world = newWorld([], { id: 'plan-1', agreedOn: DUE, graceDays, reminderSteps: DEFAULT_INSTALLMENT_STEPS, installments });
        let broken = false;
        ticks.forEach((runs, i) => {
          const today = addDays(DUE, i);
          installments.forEach((inst, n) => {
            const payment = payments[n];
            if (!payment || !addDays(inst.dueDate, payment.day).equals(today)) return;
            const paid = payment.half ? Math.floor(inst.amountMinor / 2) : inst.amountMinor;
            pay(world, paid);
            if (world.plan) world.plan = { ...world.plan, installments: world.plan.installments.map((x) => (x.number === inst.number ? { ...x, paidMinor: paid } : x)) };
          });
          if (!runs) return;
          const before = world.plan;
          const { actions, state } = tick(world, STANDARD_POLICY, addDays(DUE, -30), today);
          checkTick(world, STANDARD_POLICY, addDays(DUE, -30), today, actions);
          const breaks = actions.filter((a) => a.kind === 'break_plan');
          const pastGrace = before?.installments.some((x) => x.paidMinor < x.amountMinor && compareDates(addDays(x.dueDate, graceDays), today) < 0) ?? false;
          // The plan breaks exactly on the first tick that sees an installment unpaid past its grace days.
          expect(breaks.length).toBe(pastGrace && !stoppedByFacts(world) ? 1 : 0);
          if (breaks.length > 0) broken = true;
          for (const a of actions.filter(isRecorded)) {
            if (a.installment === null) {
              // The invoice's own reminders only once the plan is broken.
              expect(broken).toBe(true);
              continue;
            }
            const inst = before?.installments.find((x) => x.number === a.installment);
            const step = DEFAULT_INSTALLMENT_STEPS.find((s) => s.id === a.stepId) as DunningStep;
            expect(inst).toBeDefined();
            expect(a.dueOn).toEqual(addDays(inst?.dueDate as PlainDate, step.offsetDays));
            expect(compareDates(a.dueOn, today)).toBeLessThanOrEqual(0);
            expect(inst?.paidMinor).toBeLessThan(inst?.amountMinor as number);
            if (a.kind === 'send') expect(a.amountMinor).toBe((inst?.amountMinor as number) - (inst?.paidMinor as number));
          }
          if (state.kind === 'active') expect(state.schedule).toBe(broken ? 'invoice' : 'payment_plan');
          apply(world, actions, today);
        });
      }),
      { numRuns: 300 },
    );
  }, LONG_PROPERTY);
});

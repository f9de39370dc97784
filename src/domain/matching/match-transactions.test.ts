import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, date } from '../dates.ts';
import { matchTransactions } from './match-transactions.ts';
import type { CreditToMatch, MatchResult, OpenInvoice } from './types.ts';

const ACME_IBAN = 'RO49 AAAA 1B31 0075 9384 0000';

function invoice(fields: Partial<OpenInvoice> & Pick<OpenInvoice, 'id' | 'number' | 'balanceMinor' | 'dueDate'>): OpenInvoice {
  return { customerId: 'c-acme', customerName: 'S.C. ACME Trading S.R.L.', customerIbans: [ACME_IBAN], currency: 'RON', ...fields };
}

// Acme owes A 1,190.00 + B 500.00 + C 250.00 RON; Sinar Jaya owes F 500.00 RON (same amount as B);
// Đại Phát owes D 5,000,000 VND; Romashka owes E 15,000.00 RUB.
const A = invoice({ id: 'A', number: 'INV-2025-0001', balanceMinor: 119_000, dueDate: date('2025-03-10'), rfReference: 'RF18 5390 0754 7034' });
const B = invoice({ id: 'B', number: 'INV-2025-0002', balanceMinor: 50_000, dueDate: date('2025-03-20') });
const C = invoice({ id: 'C', number: 'INV-2025-0003', balanceMinor: 25_000, dueDate: date('2025-04-05') });
const D = invoice({ id: 'D', number: 'INV-2025-0010', customerId: 'c-daiphat', customerName: 'Công ty TNHH Đại Phát', customerIbans: [], currency: 'VND', balanceMinor: 5_000_000, dueDate: date('2025-03-15') });
const E = invoice({ id: 'E', number: 'INV-2025-0011', customerId: 'c-romashka', customerName: 'ООО «Ромашка»', customerIbans: ['40702810900000001234'], currency: 'RUB', balanceMinor: 1_500_000, dueDate: date('2025-03-01') });
const F = invoice({ id: 'F', number: 'INV-2025-0012', customerId: 'c-sinar', customerName: 'PT Sinar Jaya', customerIbans: [], balanceMinor: 50_000, dueDate: date('2025-03-18') });
const OPEN = [A, B, C, D, E, F];

function credit(amountMinor: number, remittanceText: string, extra: Partial<CreditToMatch> = {}): CreditToMatch {
  return { bookingDate: date('2025-03-19'), amountMinor, currency: 'RON', remittanceText, ...extra };
}

const one = (c: CreditToMatch, invoices: readonly OpenInvoice[] = OPEN): MatchResult => {
  const [result] = matchTransactions([c], invoices);
  if (!result) throw new Error('no result');
  return result;
};

describe('rule (a): references in the text', () => {
  it('an RF reference settles its invoice', () => {
    expect(one(credit(119_000, 'Plata RF18 5390 0754 7034'))).toEqual({
      status: 'sure', allocations: [{ invoiceId: 'A', amountMinor: 119_000 }], overpaymentMinor: 0, rule: 'RF_REFERENCE', reason: 'PAID_IN_FULL',
    });
  });

  it('an amount below the referenced balance is a sure partial payment', () => {
    // B owes 500.00; 200.00 paid → allocation 200.00, 300.00 still owed
    expect(one(credit(20_000, 'contravaloare factura inv 2025 0002 partial'))).toEqual({
      status: 'sure', allocations: [{ invoiceId: 'B', amountMinor: 20_000 }], overpaymentMinor: 0, rule: 'INVOICE_NUMBER', reason: 'PARTIAL_PAYMENT',
    });
  });

  it('several numbers split the amount, oldest due first, the rest as overpayment', () => {
    // 1,500.00 for C (due 04-05) and A (due 03-10): A 1,190.00, then C 250.00 → 1,440.00; 60.00 left over
    expect(one(credit(150_000, 'INV-2025-0003 si INV-2025-0001'))).toEqual({
      status: 'sure',
      allocations: [{ invoiceId: 'A', amountMinor: 119_000 }, { invoiceId: 'C', amountMinor: 25_000 }],
      overpaymentMinor: 6_000, rule: 'INVOICE_NUMBER', reason: 'OVERPAYMENT',
    });
  });

  it('several numbers and too little money: the oldest is settled, the next partly', () => {
    // 1,300.00 for A and B: A 1,190.00, B 110.00 (of 500.00)
    const result = one(credit(130_000, 'INV-2025-0002 INV-2025-0001'));
    expect(result.allocations).toEqual([{ invoiceId: 'A', amountMinor: 119_000 }, { invoiceId: 'B', amountMinor: 11_000 }]);
    expect(result.reason).toBe('PARTIAL_PAYMENT');
  });

  it('reads the structured creditor reference and the end-to-end id too', () => {
    expect(one(credit(119_000, '', { creditorReference: 'RF18539007547034' })).allocations).toEqual([{ invoiceId: 'A', amountMinor: 119_000 }]);
    expect(one(credit(25_000, 'NOTPROVIDED', { endToEndId: 'INV-2025-0003' })).allocations).toEqual([{ invoiceId: 'C', amountMinor: 25_000 }]);
  });

  it('a reference to an invoice in another currency is unmatched with CURRENCY_MISMATCH', () => {
    expect(one(credit(5_000_000, 'thanh toan INV-2025-0010'))).toEqual({
      status: 'unmatched', allocations: [], overpaymentMinor: 0, rule: 'INVOICE_NUMBER',
      candidates: [{ invoiceId: 'D', daysFromDueDate: 4 }], reason: 'CURRENCY_MISMATCH',
    });
  });

  it('a second payment of a settled invoice goes to review, not to a balance of zero', () => {
    const [first, second] = matchTransactions([credit(50_000, 'INV-2025-0002'), credit(50_000, 'INV-2025-0002 again')], OPEN);
    expect(first?.allocations).toEqual([{ invoiceId: 'B', amountMinor: 50_000 }]);
    expect(second).toEqual({
      status: 'review', allocations: [], overpaymentMinor: 0, rule: 'INVOICE_NUMBER',
      candidates: [{ invoiceId: 'B', daysFromDueDate: -1 }], reason: 'ALREADY_SETTLED',
    });
  });

  it('a number shared by two open invoices is a question, not a guess', () => {
    const twin = invoice({ id: 'B2', number: 'INV 2025 0002', customerId: 'c-other', customerName: 'Other', balanceMinor: 50_000, dueDate: date('2025-03-20') });
    const result = one(credit(50_000, 'INV-2025-0002'), [...OPEN, twin]);
    expect(result.status).toBe('review');
    expect(result.reason).toBe('AMBIGUOUS_REFERENCE');
    expect(result.candidates?.map((c) => c.invoiceId)).toEqual(['B', 'B2']);
  });
});

describe('rule (b): payer and amount', () => {
  it('a payer recognized by its Cyrillic name settles the balance of that amount', () => {
    const result = one(credit(1_500_000, 'Оплата по договору', { currency: 'RUB', counterpartyName: 'ООО РОМАШКА' }));
    expect(result).toEqual({ status: 'sure', allocations: [{ invoiceId: 'E', amountMinor: 1_500_000 }], overpaymentMinor: 0, rule: 'PAYER_AMOUNT', reason: 'PAID_IN_FULL' });
  });

  it('a payer recognized by account settles its oldest invoices when the amount is their sum', () => {
    // A 1,190.00 + B 500.00 = 1,690.00
    const result = one(credit(169_000, 'plata facturi', { counterpartyIban: 'RO49AAAA1B31007593840000' }));
    expect(result.allocations).toEqual([{ invoiceId: 'A', amountMinor: 119_000 }, { invoiceId: 'B', amountMinor: 50_000 }]);
    expect(result.rule).toBe('PAYER_AMOUNT');
  });

  it('a payer name with the city after it still contains the customer name', () => {
    const result = one(credit(25_000, 'plata', { counterpartyName: 'ACME TRADING SRL BUCURESTI SECTOR 1' }));
    expect(result.allocations).toEqual([{ invoiceId: 'C', amountMinor: 25_000 }]);
  });

  it('a Vietnamese payer without diacritics is the customer with them', () => {
    const result = one(credit(5_000_000, 'CK thanh toan', { currency: 'VND', counterpartyName: 'CONG TY TNHH DAI PHAT' }));
    expect(result.allocations).toEqual([{ invoiceId: 'D', amountMinor: 5_000_000 }]);
  });

  it('a one-word customer name is not found inside a longer payer name', () => {
    const acme = invoice({ id: 'X', number: 'X-0001', customerId: 'c-x', customerName: 'Acme', customerIbans: [], balanceMinor: 7_000, dueDate: date('2024-01-01') });
    expect(one(credit(7_000, '', { counterpartyName: 'ACME BAKERY' }), [acme]).status).toBe('unmatched');
    expect(one(credit(7_000, '', { counterpartyName: 'ACME S.R.L.' }), [acme]).status).toBe('sure');
  });

  it('two customers that both fit leave the decision to a person', () => {
    const twin = invoice({ id: 'T', number: 'T-0001', customerId: 'c-twin', customerName: 'Twin', customerIbans: [ACME_IBAN], balanceMinor: 25_000, dueDate: date('2025-04-05') });
    const result = one(credit(25_000, '', { counterpartyIban: ACME_IBAN }), [C, twin]);
    expect(result.status).toBe('review');
    expect(result.candidates?.map((c) => c.invoiceId)).toEqual(['C', 'T']);
  });

  it('a name shared by more than ten customers identifies none of them', () => {
    const namesakes = Array.from({ length: 11 }, (_, i) =>
      invoice({ id: `N${i}`, number: `N-${1000 + i}`, customerId: `c-n${i}`, customerName: 'Acme Trading', customerIbans: [], balanceMinor: 7_000 + i, dueDate: date('2024-01-01') }),
    );
    expect(one(credit(7_000, '', { counterpartyName: 'ACME TRADING' }), namesakes).status).toBe('unmatched');
    expect(one(credit(7_000, '', { counterpartyName: 'ACME TRADING' }), namesakes.slice(0, 10)).status).toBe('sure');
  });

  it('uses what a partial payment earlier in the run left open', () => {
    // B: 500.00 − 200.00 (referenced) = 300.00, then Acme pays exactly 300.00 without a reference
    const results = matchTransactions([credit(20_000, 'INV-2025-0002'), credit(30_000, 'rest', { counterpartyIban: ACME_IBAN })], OPEN);
    expect(results[1]?.allocations).toEqual([{ invoiceId: 'B', amountMinor: 30_000 }]);
  });
});

describe('rule (c): amount near the due date', () => {
  it('lists invoices of that exact balance, nearest due date first, overdue first on a tie', () => {
    // booked 03-19: F due 03-18 (1 day overdue), B due 03-20 (1 day early)
    expect(one(credit(50_000, 'transfer', { counterpartyName: 'Someone Else' }))).toEqual({
      status: 'review', allocations: [], overpaymentMinor: 0, rule: 'AMOUNT_NEAR_DUE_DATE',
      candidates: [{ invoiceId: 'F', daysFromDueDate: 1 }, { invoiceId: 'B', daysFromDueDate: -1 }],
      reason: 'AMOUNT_MATCHES_OPEN_INVOICES',
    });
  });

  it('honours the window and the candidate limit', () => {
    const late = credit(50_000, 'transfer', { bookingDate: date('2025-06-30') });
    expect(one(late).reason).toBe('NO_MATCH');
    // 06-30 − 03-20 = 102 days
    expect(matchTransactions([late], OPEN, { dateWindowDays: 102, maxCandidates: 1 })[0]?.candidates).toEqual([{ invoiceId: 'B', daysFromDueDate: 102 }]);
  });
});

describe('ordering and refusals', () => {
  it('a line naming an invoice wins its balance over an earlier line that only has the same amount', () => {
    const results = matchTransactions([credit(50_000, '', { counterpartyIban: ACME_IBAN }), credit(50_000, 'INV-2025-0002')], OPEN);
    expect(results[1]?.allocations).toEqual([{ invoiceId: 'B', amountMinor: 50_000 }]);
    expect(results[0]?.allocations).toEqual([]);
    expect(results[0]?.candidates?.map((c) => c.invoiceId)).toEqual(['F']);
  });

  it('debits, zero amounts and reversals are not matched', () => {
    const results = matchTransactions([credit(-50_000, 'INV-2025-0002'), credit(0, 'INV-2025-0002'), credit(50_000, 'INV-2025-0002', { reversal: true })], OPEN);
    expect(results.map((r) => r.reason)).toEqual(['NOT_A_CREDIT', 'NOT_A_CREDIT', 'REVERSAL']);
  });

  it('an amount nobody owes is unmatched', () => {
    expect(one(credit(12_345, 'hello'))).toEqual({ status: 'unmatched', allocations: [], overpaymentMinor: 0, rule: 'NONE', reason: 'NO_MATCH' });
  });

  it('ignores invoices with nothing owed and refuses a duplicated invoice id as a bug', () => {
    expect(one(credit(50_000, 'INV-2025-0002'), [{ ...B, balanceMinor: 0 }]).reason).toBe('NO_MATCH');
    expect(() => matchTransactions([], [B, B])).toThrow(/listed twice/);
  });
});

describe('invariants', () => {
  const customers = ['Acme Trading SRL', 'Đại Phát', 'Ромашка', 'Sinar Jaya'];
  const amounts = [10_000, 25_000, 50_000, 75_000, 100_000];
  const base = date('2025-01-01');
  const invoicesArb = fc.uniqueArray(
    fc.record({ n: fc.integer({ min: 1, max: 40 }), c: fc.nat(3), balance: fc.constantFrom(...amounts), due: fc.nat(90), currency: fc.constantFrom('RON', 'EUR') }),
    { selector: (r) => r.n, maxLength: 25 },
  ).map((rows) =>
    rows.map<OpenInvoice>((r) => ({
      id: `i${r.n}`, number: `INV-${r.n}`, customerId: `c${r.c}`, customerName: customers[r.c] as string, customerIbans: [`RO00BANK000000000000000${r.c}`],
      currency: r.currency, balanceMinor: r.balance, dueDate: addDays(base, r.due), ...(r.n % 3 === 0 ? { rfReference: 'RF18539007547034' } : {}),
    })),
  );
  const creditsArb = fc.array(
    fc.record({
      refs: fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 3 }),
      amount: fc.oneof(fc.constantFrom(...amounts, 35_000, 150_000), fc.integer({ min: -1_000, max: 300_000 })),
      payer: fc.option(fc.nat(3), { nil: undefined }),
      byIban: fc.boolean(),
      day: fc.nat(120),
      currency: fc.constantFrom('RON', 'EUR'),
    }),
    { maxLength: 30 },
  ).map((rows) =>
    rows.map<CreditToMatch>((r) => ({
      bookingDate: addDays(base, r.day), amountMinor: r.amount, currency: r.currency,
      remittanceText: r.refs.map((n) => `INV-${n}`).join(', '),
      ...(r.payer === undefined ? {} : r.byIban ? { counterpartyIban: `RO00BANK000000000000000${r.payer}` } : { counterpartyName: (customers[r.payer] as string).toUpperCase() }),
    })),
  );

  it('never allocates more than a balance or a transaction, and sure lines account for every unit', () => {
    fc.assert(
      fc.property(invoicesArb, creditsArb, (invoices, credits) => {
        const results = matchTransactions(credits, invoices);
        expect(results).toHaveLength(credits.length);
        const allocated = new Map<string, number>();
        results.forEach((result, i) => {
          const c = credits[i] as CreditToMatch;
          const total = result.allocations.reduce((s, a) => s + a.amountMinor, 0);
          for (const a of result.allocations) {
            expect(a.amountMinor).toBeGreaterThan(0);
            const inv = invoices.find((x) => x.id === a.invoiceId);
            expect(inv?.currency).toBe(c.currency);
            allocated.set(a.invoiceId, (allocated.get(a.invoiceId) ?? 0) + a.amountMinor);
          }
          expect(total).toBeLessThanOrEqual(Math.max(c.amountMinor, 0));
          if (result.status === 'sure') expect(total + result.overpaymentMinor).toBe(c.amountMinor);
          else expect(total + result.overpaymentMinor).toBe(0);
        });
        for (const inv of invoices) expect(allocated.get(inv.id) ?? 0).toBeLessThanOrEqual(inv.balanceMinor);
      }),
      { numRuns: 300 },
    );
  });

  it('matches 100,000 lines against 100,000 open invoices in a few seconds', () => {
    const dates = Array.from({ length: 400 }, (_, d) => addDays(base, d));
    const invoices: OpenInvoice[] = Array.from({ length: 100_000 }, (_, i) => ({
      id: `i${i}`, number: `INV-2025-${String(i).padStart(6, '0')}`, customerId: `c${i % 20_000}`, customerName: `Customer ${i % 20_000} SRL`,
      customerIbans: [`RO00BANK${String(i % 20_000).padStart(16, '0')}`], currency: 'RON',
      balanceMinor: 10_000 + (i % 500) * 100, dueDate: dates[i % 365] as (typeof dates)[number],
    }));
    const credits: CreditToMatch[] = invoices.map((inv, i) => ({
      bookingDate: dates[(i % 365) + 5] as (typeof dates)[number], amountMinor: inv.balanceMinor, currency: 'RON',
      remittanceText: i % 3 === 0 ? `Plata factura ${inv.number} conform contract` : 'Plata servicii luna curenta',
      ...(i % 3 === 1 ? { counterpartyName: inv.customerName.toUpperCase() } : {}),
    }));
    const started = performance.now();
    const results = matchTransactions(credits, invoices);
    const elapsed = performance.now() - started;
    expect(results.filter((r) => r.status === 'sure').length).toBeGreaterThan(60_000);
    expect(elapsed).toBeLessThan(10_000);
  }, 60_000);
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ledgerBreaches } from '../src/db/repositories/ledger-check.ts';
import { useApi } from './support/app.ts';

const suite = useApi();

type Op =
  | { op: 'invoice'; amount: number }
  | { op: 'pay'; amount: number; manual: boolean }
  | { op: 'reverse'; pick: number }
  | { op: 'credit'; pick: number; share: number }
  | { op: 'unallocate'; pick: number }
  | { op: 'refund'; pick: number }
  | { op: 'void'; pick: number };

const ops: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('invoice' as const), amount: fc.integer({ min: 1, max: 50_000 }) }),
  fc.record({ op: fc.constant('pay' as const), amount: fc.integer({ min: 1, max: 80_000 }), manual: fc.boolean() }),
  fc.record({ op: fc.constant('reverse' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('credit' as const), pick: fc.nat(), share: fc.integer({ min: 1, max: 100 }) }),
  fc.record({ op: fc.constant('unallocate' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('refund' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('void' as const), pick: fc.nat() }),
);

describe('money invariants under any sequence of operations', () => {
  it('balances always equal totals minus what was applied; no 5xx; refusals change nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(ops, { minLength: 5, maxLength: 25 }), async (sequence) => {
        const customerId = (await suite.t.call('POST', '/api/v1/customers', { name: 'Ledger', currency: 'EUR' })).json().id;
        const invoices: string[] = [];
        const payments: string[] = [];
        const allocationsOf = async (id: string) => (await suite.t.call('GET', `/api/v1/invoices/${id}`)).json().allocations as { id: string }[];
        for (const step of sequence) {
          const pick = <T>(xs: T[], n: number) => (xs.length ? xs[n % xs.length] : undefined);
          let r;
          switch (step.op) {
            case 'invoice':
              r = await suite.t.call('POST', '/api/v1/invoices', { customerId, issue: true, lines: [{ description: 'x', quantity: 1, unitPrice: step.amount, taxRateBp: 1900 }] });
              if (r.statusCode === 201) invoices.push(r.json().id);
              break;
            case 'pay': {
              const target = invoices.at(-1);
              r = await suite.t.call('POST', '/api/v1/payments', {
                customerId, amount: step.amount, currency: 'EUR', receivedOn: '2025-06-10', method: 'bank_transfer',
                ...(step.manual && target ? { allocations: [{ invoiceId: target, amount: Math.min(step.amount, 1) }] } : {}),
              });
              if (r.statusCode === 201) payments.push(r.json().payment.id);
              break;
            }
            case 'reverse': {
              const p = pick(payments, step.pick);
              if (p) r = await suite.t.call('POST', `/api/v1/payments/${p}/reverse`, { reason: 'test' });
              break;
            }
            case 'credit': {
              const i = pick(invoices, step.pick);
              if (i) r = await suite.t.call('POST', `/api/v1/invoices/${i}/credit-notes`, { reason: 'test', amount: step.share * 10 });
              break;
            }
            case 'unallocate': {
              const i = pick(invoices, step.pick);
              const a = i ? pick(await allocationsOf(i), step.pick) : undefined;
              if (a) r = await suite.t.call('POST', `/api/v1/allocations/${a.id}/reverse`);
              break;
            }
            case 'refund': {
              const p = pick(payments, step.pick);
              if (p) r = await suite.t.call('POST', `/api/v1/payments/${p}/refunds`, { amount: 1, refundedOn: '2025-06-11', method: 'bank_transfer' });
              break;
            }
            case 'void': {
              const i = pick(invoices, step.pick);
              if (i) r = await suite.t.call('POST', `/api/v1/invoices/${i}/void`, { reason: 'test' });
              break;
            }
          }
          if (r) expect(r.statusCode, r.body).toBeLessThan(500);
        }
        expect(await ledgerBreaches(suite.database.db, suite.t.orgId)).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });
});

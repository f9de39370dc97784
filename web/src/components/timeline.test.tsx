import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '../api/timeline.ts';
import { renderApp } from '../test/render.tsx';
import { condense, Timeline } from './timeline.tsx';

const entry = (over: Partial<TimelineEntry>): TimelineEntry => ({
  kind: 'event', id: crypto.randomUUID(), at: '2025-06-10T11:00:00.000000Z', entityType: 'invoice', entityId: 'i1', action: null, actorType: 'user', actorName: 'Ana',
  before: null, after: null, invoiceNumber: 'INV-00001', currency: 'EUR', channel: null, status: null, subject: null, body: null, recipient: null, views: null, ...over,
});

const entries: TimelineEntry[] = [
  entry({ kind: 'message', entityType: 'message', action: 'reminder', channel: 'email', status: 'sent', subject: 'Invoice INV-00001 is overdue', body: 'Dear Ana,\nthe invoice is 7 days overdue.', recipient: 'ana@x.ro', at: '2025-06-12T07:00:00.000000Z' }),
  entry({ entityType: 'payment', entityId: 'p1', action: 'payment.recorded', after: { amount: 15_000, currency: 'EUR', method: 'bank_transfer', reference: 'OP 77' } }),
  entry({ action: 'invoice.payment_applied', after: { amount: 10_000 } }),
  entry({ entityId: 'i2', invoiceNumber: 'INV-00002', action: 'invoice.payment_applied', after: { amount: 5_000 } }),
  entry({ action: 'dunning.step_skipped', after: { reason: 'CAUGHT_UP' }, at: '2025-06-05T06:00:00.000000Z' }),
  entry({ action: 'dunning.step_skipped', after: { reason: 'CAUGHT_UP' }, at: '2025-06-05T06:00:00.000000Z' }),
  entry({ action: 'invoice.issued', after: { number: 'INV-00001' }, at: '2025-05-01T07:00:00.000000Z' }),
  entry({ action: 'invoice.created', at: '2025-05-01T07:00:00.000000Z' }),
  entry({ entityType: 'customer', entityId: 'c1', action: 'note.added', after: { body: 'Pays on Fridays.' }, at: '2025-04-01T07:00:00.000000Z' }),
];

describe('the customer timeline', () => {
  it('shows each fact once', () => {
    const lines = condense(entries);
    expect(lines.map((l) => [l.entry.action, l.appliedTo, l.count])).toEqual([
      ['reminder', [], 1],
      ['payment.recorded', ['INV-00001', 'INV-00002'], 1],
      ['dunning.step_skipped', [], 2],
      ['invoice.issued', [], 1],
      ['note.added', [], 1],
    ]);
  });

  it('tells it in the chosen language, messages with their content', async () => {
    renderApp(<Timeline customerId="c1" currency="EUR" />, { locale: 'ru', api: { 'GET /api/v1/insight/customers/c1/timeline': () => ({ data: entries, nextCursor: null }) } });
    const items = (await screen.findAllByRole('listitem')).map((li) => li.textContent!.replace(/[\u00a0\u202f]/g, ' '));
    expect(items[0]).toContain('Invoice INV-00001 is overdue');
    expect(items[0]).toContain('Эл. почта → ana@x.ro · sent');
    expect(items[1]).toContain('Получен платёж 150,00 €');
    expect(items[1]).toContain('зачтено по INV-00001, INV-00002');
    expect(items[2]).toContain('Пропущено 2 шага напоминаний');
    expect(items[2]).toContain('вместо него отправлен следующий шаг');
    expect(items[3]).toContain('Выставлен счёт INV-00001');
    expect(items[4]).toContain('Pays on Fridays.');
    expect(screen.getByRole('button', { name: 'Показать сообщение' })).toBeTruthy();
  });

  it('says which invoice was emailed to whom', async () => {
    const sent = entry({ entityType: 'customer', entityId: 'c1', action: 'invoice.sent', invoiceNumber: null, after: { number: 'INV-00009', recipient: 'ana@x.ro', outboxId: 'm1' } });
    renderApp(<Timeline customerId="c1" currency="EUR" />, { locale: 'ro', api: { 'GET /api/v1/insight/customers/c1/timeline': () => ({ data: [sent], nextCursor: null }) } });
    const [item] = await screen.findAllByRole('listitem');
    expect(item!.textContent).toContain('Factura INV-00009 trimisă');
    expect(item!.textContent).toContain('ana@x.ro');
  });
});

import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, errorOf, renderApp } from '../../test/render.tsx';
import { MessageTemplates } from './message-templates.tsx';

const BUILT_IN = 'We would like to remind you that {invoiceCount, plural, =1 {invoice {invoiceNumber} is} other {# invoices are}} now overdue.';
const invoice = { id: 'i1', number: 'INV-00042', status: 'open', currency: 'EUR', balance: 120_000, daysOverdue: 3 };

/**
 * Templates in English and Romanian: one Romanian override stored; the preview renders the draft it is sent,
 * and refuses a draft with an unknown variable the way the server's check words it.
 */
function templatesApi() {
  const stored = new Map<string, string>([['common.signature ro', 'Cu stimă, echipa Lumen']]);
  const view = (key: string, locale: string) => ({ key, locale, source: stored.get(`${key} ${locale}`) ?? BUILT_IN, overridden: stored.has(`${key} ${locale}`), defaultSource: BUILT_IN, updatedAt: null });
  const address = (url: URL) => url.pathname.split('/').slice(-2) as [string, string];
  const refuse = (source: string) => (source.includes('{nope}') ? apiError(422, 'TEMPLATE_UNKNOWN_VARIABLE', 'Unknown variable {nope}; available: customerName, invoiceNumber', 'source') : null);
  const handlers: Record<string, (body: unknown, url: URL) => unknown> = {
    'GET /api/v1/templates': (_b, url) => ({ data: [...stored.keys()].filter((k) => k.endsWith(` ${url.searchParams.get('locale')}`)).map((k) => view(...(k.split(' ') as [string, string]))) }),
    'GET /api/v1/invoices': () => ({ data: [invoice], nextCursor: null }),
    'POST /api/v1/templates/preview': (body) => {
      const b = body as { key: string; locale: string; source?: string };
      const source = b.source ?? stored.get(`${b.key} ${b.locale}`) ?? BUILT_IN;
      if (b.key.endsWith('.sms')) return { channel: 'sms', text: 'Lumen: INV-00042 is overdue.', encoding: 'GSM-7', units: 28, ignoredOverrides: [] };
      return refuse(source) ?? { channel: 'email', subject: `Overdue invoice ${invoice.number}`, text: `Dear Ana,\n\n${source.replace('{invoiceNumber}', invoice.number)}`, html: '', ignoredOverrides: [] };
    },
  };
  for (const key of ['reminder.friendly.intro', 'common.signature', 'reminder.firm.sms']) {
    for (const locale of ['en', 'ro']) {
      handlers[`GET /api/v1/templates/${key}/${locale}`] = (_b, url) => view(...address(url));
      handlers[`PUT /api/v1/templates/${key}/${locale}`] = (body, url) => {
        const source = (body as { source: string }).source;
        if (refuse(source)) return apiError(422, 'TEMPLATE_UNKNOWN_VARIABLE', 'Not saved: unknown variable {nope}', 'source');
        stored.set(address(url).join(' '), source);
        return view(...address(url));
      };
      handlers[`DELETE /api/v1/templates/${key}/${locale}`] = (_b, url) => {
        stored.delete(address(url).join(' '));
        return view(...address(url));
      };
    }
  }
  return handlers;
}


describe('Settings → Message templates', () => {
  it('previews the draft for a real invoice as it is typed, shows the server’s check at the text, and saves', async () => {
    const { calls } = renderApp(<MessageTemplates />, { api: templatesApi() });
    const preview = await screen.findByRole('region', { name: 'Preview' });
    expect(await within(preview).findByText('Overdue invoice INV-00042')).toBeTruthy();
    expect(screen.getByText('Built-in text')).toBeTruthy();
    expect((screen.getByLabelText('Sample invoice') as HTMLSelectElement).value).toBe('i1');
    // The template list is grouped by the message each part belongs to.
    const chosen = (screen.getByLabelText('Template') as HTMLSelectElement).selectedOptions[0]!;
    expect([chosen.closest('optgroup')!.label, chosen.textContent]).toEqual(['Reminder: friendly', 'Opening paragraph']);

    const text = screen.getByLabelText('Text');
    fireEvent.change(text, { target: { value: 'Invoice {nope} is late.' } });
    await waitFor(() => expect(errorOf(text)).toBe('Unknown variable {nope}; available: customerName, invoiceNumber'));
    expect(calls.filter((c) => c.path === '/api/v1/templates/preview').at(-1)!.body).toEqual({ invoiceId: 'i1', locale: 'en', key: 'reminder.friendly.intro', source: 'Invoice {nope} is late.' });

    fireEvent.change(text, { target: { value: 'Invoice {invoiceNumber} is late.' } });
    expect(await within(screen.getByRole('region', { name: 'Preview' })).findByText(/Invoice INV-00042 is late\./)).toBeTruthy();
    expect(errorOf(text)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Customised')).toBeTruthy();
    expect(calls.find((c) => c.method === 'PUT')).toMatchObject({ path: '/api/v1/templates/reminder.friendly.intro/en', body: { source: 'Invoice {invoiceNumber} is late.' } });
  });

  it('shows a refused save at the text, and puts a customised template back to the built-in text', async () => {
    const { calls } = renderApp(<MessageTemplates />, { api: templatesApi() });
    await screen.findByRole('region', { name: 'Preview' });
    fireEvent.change(screen.getByLabelText('Language'), { target: { value: 'ro' } });
    const picker = screen.getByLabelText('Template');
    await waitFor(() => expect(within(picker).getByRole('option', { name: 'Signature · Customised' })).toBeTruthy());
    fireEvent.change(picker, { target: { value: 'common.signature' } });
    const text = await screen.findByDisplayValue('Cu stimă, echipa Lumen');

    // Saved before the preview's check came back: the save's own refusal shows at the text.
    fireEvent.change(text, { target: { value: 'Cu stimă, {nope}' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(errorOf(text)).toBe('Not saved: unknown variable {nope}'));
    fireEvent.click(screen.getByRole('button', { name: 'Discard changes' }));
    expect((text as HTMLTextAreaElement).value).toBe('Cu stimă, echipa Lumen');
    await waitFor(() => expect(errorOf(text)).toBeNull());

    fireEvent.click(screen.getByRole('button', { name: 'Back to the built-in text' }));
    await waitFor(() => expect((screen.getByLabelText('Text') as HTMLTextAreaElement).value).toBe(BUILT_IN));
    expect(calls.find((c) => c.method === 'DELETE')!.path).toBe('/api/v1/templates/common.signature/ro');
    expect(screen.queryByRole('button', { name: 'Back to the built-in text' })).toBeNull();
  });

  it('lets an accountant read and preview but not change the wording', async () => {
    const { calls } = renderApp(<MessageTemplates />, { api: templatesApi(), role: 'accountant' });
    expect(await within(await screen.findByRole('region', { name: 'Preview' })).findByText('Overdue invoice INV-00042')).toBeTruthy();
    expect((screen.getByLabelText('Text') as HTMLTextAreaElement).readOnly).toBe(true);
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
    expect(calls.some((c) => c.method === 'PUT' || c.method === 'DELETE')).toBe(false);
  });

  it('shows a text message with its length and alphabet', async () => {
    renderApp(<MessageTemplates />, { api: templatesApi() });
    await screen.findByRole('region', { name: 'Preview' });
    fireEvent.change(screen.getByLabelText('Template'), { target: { value: 'reminder.firm.sms' } });
    expect(await screen.findByText('28 characters (GSM-7)')).toBeTruthy();
    expect(screen.getByText('Lumen: INV-00042 is overdue.')).toBeTruthy();
  });

  it('says that a preview needs an issued invoice', async () => {
    renderApp(<MessageTemplates />, { api: { ...templatesApi(), 'GET /api/v1/invoices': () => ({ data: [], nextCursor: null }) } });
    expect(await screen.findByText('Issue an invoice to see the preview with real figures.')).toBeTruthy();
  });
});

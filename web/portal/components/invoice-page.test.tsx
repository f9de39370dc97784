import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Locale } from '../../src/i18n/locales.ts';
import { I18nProvider } from '../i18n/i18n.tsx';
import type { InvoiceDetail, Overview } from '../types.ts';
import { InvoicePage } from './invoice-page.tsx';

const line = (id: string, description: string, taxCategory: string, taxRateBp: number, taxExemptionCode: string | null = null, taxExemptionReason: string | null = null) => ({
  id, description, quantity: '1.0000', unitPrice: 10_000, netAmount: 10_000, taxCategory, taxRateBp, taxExemptionCode, taxExemptionReason,
});

const INVOICE: InvoiceDetail = {
  id: 'i1', kind: 'invoice', number: 'INV-00042', status: 'open', issueDate: '2025-06-01', dueDate: '2025-07-01', currency: 'EUR',
  total: 41_900, amountPaid: 0, amountCredited: 0, balance: 41_900, daysOverdue: 0, payable: false, payOnline: false, holds: [],
  poNumber: null, notes: null, subtotal: 40_000, discountTotal: 0, taxTotal: 1_900, earlyPayment: null, bankTransfer: null,
  lines: [
    line('l1', 'Hosting', 'S', 1900),
    line('l2', 'Course', 'E', 0, 'VATEX-EU-132-1I', 'Art. 292 alin. (2) lit. a) Cod fiscal'),
    line('l3', 'Consulting', 'AE', 0, 'VATEX-EU-AE'),
    line('l4', 'Catalogues', 'K', 0, 'VATEX-EU-IC', 'Art. 294 alin. (2) lit. a) Cod fiscal'),
  ],
};

/** The portal's invoice page as the customer sees it, in a language, against the portal API's answer. */
function showInvoice(locale: Locale) {
  vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify(INVOICE), { status: 200, headers: { 'content-type': 'application/json' } })));
  render(
    <I18nProvider locale={locale}>
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <InvoicePage token={'t'.repeat(32)} overview={{ organization: { name: 'Lumen Studio SRL', legalName: null } } as Overview} invoiceId="i1" onBack={() => {}} onPay={() => {}} notify={() => {}} />
      </QueryClientProvider>
    </I18nProvider>,
  );
}

const taxOf = async (description: string) => (await screen.findByText(description)).parentElement!.querySelectorAll('.muted')[1]!.textContent;

describe('portal invoice lines', () => {
  it('show the rate of a taxed line, and for an untaxed one what the category means and the seller’s reason, never “0 %”', async () => {
    showInvoice('en');
    expect(await taxOf('Hosting')).toBe('Tax 19%');
    expect(await taxOf('Course')).toBe('Exempt from VAT — Art. 292 alin. (2) lit. a) Cod fiscal (VATEX-EU-132-1I)');
    expect(await taxOf('Consulting')).toBe('Reverse charge: you account for the VAT');
    expect(await taxOf('Catalogues')).toBe('Intra-EU supply, exempt from VAT — Art. 294 alin. (2) lit. a) Cod fiscal');
    expect(document.body.textContent).not.toContain('0%');
  });

  it.each([
    ['vi', 'Cơ chế đảo ngược: quý khách tự kê khai thuế GTGT', 'Miễn thuế GTGT'],
    ['id', 'Reverse charge: PPN terutang dan dilaporkan oleh Anda', 'Dibebaskan dari PPN'],
    ['ru', 'Обратное начисление: НДС уплачиваете вы', 'Освобождено от НДС'],
    ['ro', 'Taxare inversă: TVA este datorată de beneficiar', 'Scutit de TVA'],
  ] as const)('%s: in the customer’s language', async (locale, reverseCharge, exempt) => {
    showInvoice(locale);
    expect(await taxOf('Consulting')).toBe(reverseCharge);
    expect(await taxOf('Course')).toMatch(new RegExp(`^${exempt} — `));
  });
});

describe('portal downloads', () => {
  it('say so when the server cannot produce a file, instead of dropping it silently', async () => {
    const refused = { error: { code: 'ELECTRONIC_ADDRESS_REQUIRED', message: 'Set the organization electronic address', field: 'organization.electronicAddress' } };
    vi.stubGlobal('fetch', vi.fn(async (url: string) =>
      url.endsWith('/ubl')
        ? new Response(JSON.stringify(refused), { status: 422, headers: { 'content-type': 'application/json' } })
        : new Response(JSON.stringify(INVOICE), { status: 200, headers: { 'content-type': 'application/json' } }),
    ));
    const notify = vi.fn();
    const overview = { organization: { name: 'Lumen Studio SRL', legalName: null } } as Overview;
    render(
      <I18nProvider locale="ro">
        <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
          <InvoicePage token={'t'.repeat(32)} overview={overview} invoiceId="i1" onBack={() => {}} onPay={() => {}} notify={notify} />
        </QueryClientProvider>
      </I18nProvider>,
    );
    (await screen.findByText('Factură electronică (UBL)')).click();
    await vi.waitFor(() => expect(notify).toHaveBeenCalledWith('Lumen Studio SRL nu poate genera acest fișier momentan. Vă rugăm să îi contactați și vi-l vor trimite.'));
  });
});

import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, errorOf, renderApp } from '../test/render.tsx';
import { SettingsPage } from './settings.tsx';

const SETTINGS = {
  name: 'Moara Cibin',
  legalName: 'Moara Cibin S.A.',
  taxId: 'RO12345678',
  electronicAddress: { scheme: '9947', value: 'RO12345678' },
  baseCurrency: 'EUR',
  locale: 'en',
  timeZone: 'Europe/Bucharest',
  country: 'RO',
  defaultPaymentTerms: 'net_30',
  numberSeries: [],
  logo: null,
};

/** The settings API; an identifier with a wrong check digit is refused at its field, as the server does. */
function settingsApi() {
  let settings: Record<string, unknown> = SETTINGS;
  return {
    'GET /api/v1/settings': () => settings,
    'PATCH /api/v1/settings': (body: unknown) => {
      const patch = body as { electronicAddress: { value: string } | null };
      if (patch.electronicAddress?.value === '5790000435976') return apiError(400, 'INVALID_ELECTRONIC_ADDRESS', 'Not a valid identifier for scheme 0088 (check the digits)', 'electronicAddress.value');
      settings = { ...settings, ...patch };
      return settings;
    },
  };
}

async function organizationForm() {
  const heading = await screen.findByRole('heading', { name: 'Organization' });
  return within(heading.closest('form')!);
}

describe('Settings → Organization → e-invoicing address', () => {
  it('shows the saved address, refuses a wrong check digit at the identifier, and saves a corrected one', async () => {
    const { calls } = renderApp(<SettingsPage />, { api: settingsApi() });
    const form = await organizationForm();
    const scheme = form.getByLabelText('Scheme (EAS)') as HTMLSelectElement;
    const identifier = form.getByLabelText('Identifier') as HTMLInputElement;
    await waitFor(() => expect(scheme.value).toBe('9947'));
    expect(identifier.value).toBe('RO12345678');

    fireEvent.change(scheme, { target: { value: '0088' } });
    fireEvent.change(identifier, { target: { value: ' 5790000435976 ' } });
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(errorOf(identifier)).toBe('Not a valid identifier for scheme 0088 (check the digits)'));

    fireEvent.change(identifier, { target: { value: '5790000435975' } });
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    expect(await form.findByText('Saved.')).toBeTruthy();
    const patches = calls.filter((c) => c.method === 'PATCH');
    expect((patches.at(-1)!.body as { electronicAddress: unknown }).electronicAddress).toEqual({ scheme: '0088', value: '5790000435975' });
  });

  it('removes the address when no scheme is chosen', async () => {
    const { calls } = renderApp(<SettingsPage />, { api: settingsApi() });
    const form = await organizationForm();
    const scheme = form.getByLabelText('Scheme (EAS)') as HTMLSelectElement;
    await waitFor(() => expect(scheme.value).toBe('9947'));
    fireEvent.change(scheme, { target: { value: '' } });
    expect((form.getByLabelText('Identifier') as HTMLInputElement).disabled).toBe(true);
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'PATCH')).toBe(true));
    expect((calls.find((c) => c.method === 'PATCH')!.body as { electronicAddress: unknown }).electronicAddress).toBeNull();
  });
});

import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, errorOf, renderApp } from '../../test/render.tsx';
import { SettingsPage } from '../settings.tsx';
import { BankAccounts } from './bank-accounts.tsx';

const account = (id: string, currency: string, details: Record<string, string>, isDefault: boolean) => ({
  id, currency, accountHolder: null, iban: null, accountNumber: null, bankCode: null, bic: null, bankName: null, correspondentAccount: null, vietBankBin: null,
  ...details, isDefault, createdAt: '2025-06-01T08:00:00Z', updatedAt: '2025-06-01T08:00:00Z',
});

/** The bank-accounts API over a list the test changes; the first IBAN sent is refused as mistyped. */
function bankApi() {
  let accounts = [account('b1', 'EUR', { iban: 'RO49AAAA1B31007593840000', bic: 'AAAARO22', bankName: 'Banca Exemplu' }, true)];
  let refused = false;
  return {
    'GET /api/v1/settings/bank-accounts': () => ({ data: accounts }),
    'POST /api/v1/settings/bank-accounts': (body: unknown) => {
      if (!refused) {
        refused = true;
        return apiError(422, 'IBAN_CHECKSUM', 'The IBAN check digits do not match: a character is mistyped', 'iban');
      }
      const b = body as { currency: string; iban: string };
      accounts = [...accounts, account('b2', b.currency, { iban: b.iban.replaceAll(' ', '') }, false)];
      return accounts[1];
    },
    'PATCH /api/v1/settings/bank-accounts/b2': (body: unknown) => {
      if ((body as { isDefault?: boolean }).isDefault) accounts = accounts.map((a) => ({ ...a, isDefault: a.id === 'b2' }));
      return accounts[1];
    },
    'DELETE /api/v1/settings/bank-accounts/b2': () => {
      const gone = accounts[1];
      accounts = accounts.slice(0, 1);
      return gone;
    },
  };
}


describe('Settings → Bank accounts', () => {
  it('adds an account after showing the server’s refusal at the IBAN, makes it the default and removes it', async () => {
    const { calls } = renderApp(<BankAccounts />, { api: bankApi() });
    expect(await screen.findByText('RO49 AAAA 1B31 0075 9384 0000')).toBeTruthy();
    expect(screen.getByText('Default')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Add bank account' }));
    const dialog = screen.getByRole('dialog', { name: 'Add a bank account' });
    expect((within(dialog).getByLabelText('Currency') as HTMLInputElement).value).toBe('EUR');
    expect(within(dialog).getByText(/EPC \(SEPA\) QR code/)).toBeTruthy();
    // Fields only another currency's QR reads are not offered for euros.
    expect(within(dialog).queryByLabelText('Correspondent account')).toBeNull();
    fireEvent.change(within(dialog).getByLabelText('IBAN'), { target: { value: 'DE89 3704 0044 0532 0130 01' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add bank account' }));
    const iban = within(dialog).getByLabelText('IBAN');
    await waitFor(() => expect(errorOf(iban)).toBe('The IBAN check digits do not match: a character is mistyped'));
    expect(iban.getAttribute('aria-invalid')).toBe('true');
    expect(within(dialog).queryByRole('alert')).toBeNull();

    fireEvent.change(iban, { target: { value: 'DE89 3704 0044 0532 0130 00' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add bank account' }));
    expect(await screen.findByText('DE89 3704 0044 0532 0130 00')).toBeTruthy();
    expect(screen.queryByRole('dialog')).toBeNull();
    // Only what was filled in is sent; blanks stay out.
    expect(calls.filter((c) => c.method === 'POST').at(-1)!.body).toEqual({ currency: 'EUR', iban: 'DE89 3704 0044 0532 0130 00' });

    fireEvent.click(screen.getByRole('button', { name: 'Make DE89 3704 0044 0532 0130 00 the default' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: /^Make RO49/ })).toBeTruthy());
    expect(calls.find((c) => c.method === 'PATCH')!.body).toEqual({ isDefault: true });

    fireEvent.click(screen.getByRole('button', { name: 'Remove DE89 3704 0044 0532 0130 00' }));
    const confirm = screen.getByRole('dialog', { name: 'Remove this bank account?' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(screen.queryByText('DE89 3704 0044 0532 0130 00')).toBeNull());
    expect(calls.some((c) => c.method === 'DELETE' && c.path === '/api/v1/settings/bank-accounts/b2')).toBe(true);
  });

  it('asks for the details of the currency’s QR code and shows a refusal it cannot place above the buttons', async () => {
    renderApp(<BankAccounts />, {
      api: {
        'GET /api/v1/settings/bank-accounts': () => ({ data: [] }),
        'POST /api/v1/settings/bank-accounts': () => apiError(409, 'CONFLICT', 'Try again in a moment'),
      },
    });
    expect(await screen.findByText(/No bank account yet/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Add bank account' }));
    const dialog = screen.getByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Currency'), { target: { value: 'rub' } });
    expect((within(dialog).getByLabelText('Currency') as HTMLInputElement).value).toBe('RUB');
    expect(within(dialog).getByText(/GOST QR code/)).toBeTruthy();
    expect(within(dialog).getByLabelText('Correspondent account')).toBeTruthy();
    expect(within(dialog).queryByLabelText('Bank BIN (VietQR)')).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add bank account' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain('Try again in a moment');
  });

  it('shows an accountant the accounts without a button that changes them, and a collector no section at all', async () => {
    const { unmount } = renderApp(<BankAccounts />, { api: bankApi(), role: 'accountant' });
    expect(await screen.findByText('RO49 AAAA 1B31 0075 9384 0000')).toBeTruthy();
    expect(screen.queryAllByRole('button')).toEqual([]);
    unmount();

    const collector = renderApp(<SettingsPage />, { api: bankApi(), role: 'collector' });
    expect(await screen.findByRole('heading', { name: 'Settings' })).toBeTruthy();
    expect(screen.queryByRole('heading', { name: 'Bank accounts' })).toBeNull();
    expect(collector.calls.some((c) => c.path.startsWith('/api/v1/settings'))).toBe(false);
  });
});

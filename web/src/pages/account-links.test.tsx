import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp } from '../test/render.tsx';
import { AcceptInvitationPage, ResetPasswordPage } from './account-links.tsx';

describe('pages opened from emailed links', () => {
  it('accepts an invitation with the token from the address fragment', async () => {
    window.location.hash = '#token=invite-token-123';
    const { calls } = renderApp(<AcceptInvitationPage />, { signedOut: true, locale: 'id', path: '/accept-invitation', route: '/accept-invitation', api: { 'POST /api/v1/auth/invitations/accept': () => ({ csrfToken: 'c' }) } });
    fireEvent.change(screen.getByLabelText('Nama Anda'), { target: { value: 'Budi' } });
    fireEvent.change(screen.getByLabelText('Kata sandi baru'), { target: { value: 'a long passphrase' } });
    fireEvent.click(screen.getByRole('button', { name: 'Bergabung' }));
    await screen.findByText('elsewhere');
    expect(calls.find((c) => c.method === 'POST')!.body).toEqual({ token: 'invite-token-123', password: 'a long passphrase', name: 'Budi' });
  });

  it('shows the server’s reason when a reset link has expired', async () => {
    window.location.hash = '#token=old';
    renderApp(<ResetPasswordPage />, { signedOut: true, api: {} });
    fireEvent.change(screen.getByLabelText('New password'), { target: { value: 'another long passphrase' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('No answer for POST /api/v1/auth/password-reset/confirm'));
  });
});

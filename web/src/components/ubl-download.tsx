import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { UBL_PROFILES, type UblProfile } from '../../../src/documents/ubl/model.ts';
import { api, ApiError } from '../api/client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ErrorNotice } from './feedback.tsx';

// The e-invoice of an issued invoice or credit note, in the profile the user picks: Peppol BIS Billing 3.0 (the
// server's default) or Romania's CIUS-RO. The server refuses a document its profile would reject and names the
// setting to fix; the refusal is shown in the page, with the way to that setting.

/** Downloads the UBL file; `error` is the server's last refusal, for UblRefusal. */
export function useUblDownload(invoiceId: string) {
  return useMutation({ mutationFn: (profile: UblProfile) => api.download(`/invoices/${invoiceId}/ubl`, { profile }) });
}

export function UblDownload({ download }: { download: ReturnType<typeof useUblDownload> }) {
  const { t } = useI18n();
  const [profile, setProfile] = useState<UblProfile>('peppol');
  return (
    <>
      <select className="input" aria-label={t('invoice.ublProfile')} value={profile} style={{ width: 'auto' }} onChange={(e) => setProfile(e.target.value as UblProfile)}>
        {UBL_PROFILES.map((p) => <option key={p} value={p}>{t(`ublProfile.${p}`)}</option>)}
      </select>
      <button type="button" className="btn" disabled={download.isPending} onClick={() => download.mutate(profile)}>{t('invoice.ubl')}</button>
    </>
  );
}

/** Why the e-invoice was refused, and a link to the customer or the organization settings it names. */
export function UblRefusal({ error, customerId }: { error: unknown; customerId: string }) {
  const { t } = useI18n();
  const field = error instanceof ApiError ? (error.field ?? '') : '';
  const fix = field.startsWith('customer.') ? { to: `/customers/${customerId}`, label: t('invoice.ublFixCustomer') } : field.startsWith('organization.') ? { to: '/settings', label: t('invoice.ublFixSettings') } : null;
  return (
    <div className="stack" style={{ gap: 6 }}>
      <ErrorNotice error={error} />
      {fix && <Link to={fix.to}>{fix.label}</Link>}
    </div>
  );
}

import { type FormEvent, useState } from 'react';
import { api } from '../api/client.ts';
import { useChange } from '../api/mutations.ts';
import type { Customer } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../session.tsx';
import { ELECTRONIC_ADDRESS_FIELDS, ElectronicAddressFields, electronicAddressForm, electronicAddressInput, type ElectronicAddressForm } from './electronic-address-fields.tsx';
import { placeError } from './field.tsx';

/** The customer's e-invoicing address (Peppol participant identifier, BT-49), edited as the organization's own is in Settings. */
export function CustomerEInvoicing({ customer }: { customer: Customer }) {
  const { t } = useI18n();
  const editable = useSession().can('customers:write');
  const [form, setForm] = useState(electronicAddressForm(customer.electronicAddress));
  const input = electronicAddressInput(form);
  const changed = JSON.stringify(input) !== JSON.stringify(customer.electronicAddress);
  const save = useChange(() => api.patch<Customer>(`/customers/${customer.id}`, { electronicAddress: input }));
  const errors = placeError(save.error, ELECTRONIC_ADDRESS_FIELDS);
  const update = (next: ElectronicAddressForm) => {
    setForm(next);
    save.reset();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate(undefined);
  };
  return (
    <form className="card" onSubmit={submit}>
      <div className="card-head"><h2>{t('settings.electronicAddress')}</h2></div>
      <div className="card-body stack" style={{ gap: 12 }}>
        <p className="subtle">{t('customer.electronicAddressHelp')}</p>
        <ElectronicAddressFields form={form} onChange={update} editable={editable} errorAt={errors.at} />
        {errors.notice}
        {save.isSuccess && <div className="notice success" role="status">{t('settings.saved')}</div>}
        {editable && <div><button type="submit" className="btn primary" disabled={!changed || save.isPending}>{t('common.save')}</button></div>}
      </div>
    </form>
  );
}

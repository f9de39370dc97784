import { EAS_SCHEMES } from '../../../src/domain/electronic-address.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { Field } from './field.tsx';

// Where e-invoices reach a party (EN 16931 BT-34 for the organization, BT-49 for a customer): an EAS scheme and
// an identifier, edited the same way wherever a party is, with the server's refusal shown at the field it names.

export interface ElectronicAddressForm {
  readonly scheme: string;
  readonly value: string;
}

/** The fields the server names when it refuses an address (400 INVALID_ELECTRONIC_ADDRESS…). */
export const ELECTRONIC_ADDRESS_FIELDS = ['electronicAddress.scheme', 'electronicAddress.value'] as const;

export function electronicAddressForm(saved: { scheme: string; value: string } | null | undefined): ElectronicAddressForm {
  return { scheme: saved?.scheme ?? '', value: saved?.value ?? '' };
}

/** What to send: no scheme chosen means no address; the server checks the identifier against the scheme. */
export function electronicAddressInput(form: ElectronicAddressForm): { scheme: string; value: string } | null {
  return form.scheme ? { scheme: form.scheme, value: form.value.trim() } : null;
}

export function ElectronicAddressFields({ form, onChange, editable, errorAt }: {
  form: ElectronicAddressForm;
  onChange: (form: ElectronicAddressForm) => void;
  editable: boolean;
  errorAt: (field: string) => string | null;
}) {
  const { t } = useI18n();
  return (
    <div className="form-grid">
      <Field label={t('settings.easScheme')} error={errorAt('electronicAddress.scheme')}>
        {(input) => (
          <select className="input" {...input} value={form.scheme} disabled={!editable} onChange={(e) => onChange({ ...form, scheme: e.target.value })}>
            <option value="">{t('settings.easNone')}</option>
            {EAS_SCHEMES.map((s) => <option key={s.code} value={s.code}>{`${s.code} · ${s.name}`}</option>)}
          </select>
        )}
      </Field>
      <Field label={t('settings.easValue')} error={errorAt('electronicAddress.value')}>
        {(input) => <input className="input" {...input} value={form.value} disabled={!editable || !form.scheme} maxLength={254} onChange={(e) => onChange({ ...form, value: e.target.value })} />}
      </Field>
    </div>
  );
}

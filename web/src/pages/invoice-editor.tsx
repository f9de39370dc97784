import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useEffect, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { api } from '../api/client.ts';
import { useCustomerOptions } from '../api/customer-options.ts';
import { useChange } from '../api/mutations.ts';
import { isExemptCategory, VAT_CATEGORIES, type VatCategory } from '../../../src/domain/vat-category.ts';
import type { Customer, CustomerOverview, Invoice, InvoiceLine } from '../api/types.ts';
import { parseTypedAmount } from '../components/amount-field.tsx';
import { ErrorNotice, Loading } from '../components/feedback.tsx';
import { PageHead } from '../components/layout.tsx';
import { useOrgToday } from '../components/org-today.ts';
import { amountInput } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';

interface LineDraft {
  key: number;
  description: string;
  quantity: string;
  unitPrice: string;
  taxRate: string;
  /** '' lets the rate decide, as the API does: standard above 0 %, zero rated at 0 %. */
  category: '' | VatCategory;
  /** Why no VAT is charged, for the untaxed categories; a VATEX code set through the API is kept as it was. */
  reason: string;
  code: string | null;
  discount: string;
}

let nextKey = 1;
const blankLine = (): LineDraft => ({ key: nextKey++, description: '', quantity: '1', unitPrice: '', taxRate: '0', category: '', reason: '', code: null, discount: '0' });

/** A stored line's category as the editor shows it: S and Z as the rate says them, the others by name. */
function draftCategory(l: InvoiceLine): LineDraft['category'] {
  const category = l.taxCategory as VatCategory;
  return isExemptCategory(category) ? category : '';
}

/** What the API takes for a line's VAT: the category when one is chosen, and the reason where one belongs. */
function lineVat(l: LineDraft) {
  if (!l.category) return {};
  if (!isExemptCategory(l.category)) return { taxCategory: l.category };
  return { taxCategory: l.category, taxExemptionReason: l.reason.trim() || null, ...(l.code ? { taxExemptionCode: l.code } : {}) };
}

/** "19" or "19,5" percent as basis points; null when not a percentage. */
export function percentToBp(text: string): number | null {
  const m = /^(\d{1,3})(?:[.,](\d{1,2}))?$/.exec(text.trim());
  if (!m) return null;
  const bp = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return bp <= 10_000 ? bp : null;
}

/**
 * Create or edit a draft. Totals are computed by the server when the draft is saved; the invoice page then
 * shows them, with a warning when issuing would exceed the customer's credit limit.
 */
export function InvoiceEditorPage() {
  const { id } = useParams();
  const [params] = useSearchParams();
  const i18n = useI18n();
  const { t } = i18n;
  const navigate = useNavigate();
  const today = useOrgToday();
  const existing = useQuery({ queryKey: ['invoices', id], queryFn: () => api.get<Invoice>(`/invoices/${id}`), enabled: !!id });
  const [customerSearch, setCustomerSearch] = useState('');
  const customers = useCustomerOptions(customerSearch);
  const [customerId, setCustomerId] = useState(params.get('customerId') ?? '');
  const [issueDate, setIssueDate] = useState(today);
  const [dueDate, setDueDate] = useState('');
  const [poNumber, setPoNumber] = useState('');
  const [notes, setNotes] = useState('');
  const [lines, setLines] = useState<LineDraft[]>([blankLine()]);
  const [formError, setFormError] = useState<string | null>(null);
  const chosen = useQuery({ queryKey: ['customers', customerId], queryFn: () => api.get<Customer>(`/customers/${customerId}`), enabled: !!customerId && !id });
  const currency = existing.data?.currency ?? chosen.data?.currency ?? '';
  const options = [...(chosen.data && !customers.data?.data.some((c) => c.id === chosen.data.id) ? [chosen.data] : []), ...(customers.data?.data ?? [])];

  useEffect(() => {
    const inv = existing.data;
    if (!inv) return;
    setCustomerId(inv.customerId);
    setIssueDate(inv.issueDate);
    setDueDate(inv.dueDate);
    setPoNumber(inv.poNumber ?? '');
    setNotes(inv.notes ?? '');
    setLines(
      (inv.lines ?? []).map((l) => ({
        key: nextKey++,
        description: l.description,
        quantity: l.quantity.replace(/\.?0+$/, ''),
        unitPrice: amountInput(l.unitPrice, inv.currency),
        taxRate: String(l.taxRateBp / 100),
        category: draftCategory(l),
        reason: l.taxExemptionReason ?? '',
        code: l.taxExemptionCode,
        discount: String(l.discountBp / 100),
      })),
    );
  }, [existing.data]);

  const save = useChange(async (issue: boolean) => {
    const body = {
      ...(id ? {} : { customerId }),
      issueDate,
      ...(dueDate ? { dueDate } : {}),
      poNumber: poNumber.trim() || null,
      notes: notes.trim() || null,
      lines: lines.map((l) => ({
        description: l.description.trim(),
        quantity: l.quantity.trim().replace(',', '.'),
        unitPrice: parseTypedAmount(l.unitPrice, currency),
        taxRateBp: percentToBp(l.taxRate),
        ...lineVat(l),
        discountBp: percentToBp(l.discount),
      })),
    };
    const draft = id ? await api.patch<Invoice>(`/invoices/${id}`, body) : await api.post<Invoice>('/invoices', body);
    if (!issue) return draft;
    // Issue at once unless that would go beyond the credit limit: then the draft page asks first.
    const overview = await api.get<CustomerOverview>(`/insight/customers/${draft.customerId}`);
    const owed = overview.balances.find((b) => b.currency === draft.currency)?.balance ?? 0;
    if (overview.creditLimit !== null && overview.currency === draft.currency && owed + draft.total > overview.creditLimit) return draft;
    return api.post<Invoice>(`/invoices/${draft.id}/issue`);
  }, (saved) => navigate(`/invoices/${saved.id}`));

  if (id && existing.isPending) return <Loading />;
  if (existing.error) return <ErrorNotice error={existing.error} />;

  const setLine = (key: number, patch: Partial<LineDraft>) => setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  const submit = (issue: boolean) => (e?: FormEvent) => {
    e?.preventDefault();
    setFormError(null);
    if (!customerId) return setFormError(t('editor.chooseCustomer'));
    const bad = lines.findIndex((l) => !l.description.trim() || parseTypedAmount(l.unitPrice, currency) === null || percentToBp(l.taxRate) === null || percentToBp(l.discount) === null);
    if (bad >= 0) return setFormError(t('editor.badLine', { line: bad + 1 }));
    save.mutate(issue);
  };

  return (
    <form onSubmit={submit(false)}>
      <PageHead title={id ? t('editor.editTitle') : t('editor.newTitle')}>
        <button type="button" className="btn" onClick={() => navigate(-1)}>{t('common.cancel')}</button>
        <button type="submit" className="btn" disabled={save.isPending}>{t('editor.saveDraft')}</button>
        <button type="button" className="btn primary" disabled={save.isPending} onClick={() => submit(true)()}>{t('editor.saveAndIssue')}</button>
      </PageHead>
      <div className="stack">
        {(formError || save.error) && (formError ? <div className="notice error" role="alert">{formError}</div> : <ErrorNotice error={save.error} />)}
        <section className="card">
          <div className="card-body form-grid">
            {!id && (
              <div className="field">
                <span>{t('common.customer')}</span>
                <input className="input" type="search" aria-label={t('customers.search')} placeholder={t('common.search')} value={customerSearch} onChange={(e) => setCustomerSearch(e.target.value)} />
                <select className="input" required value={customerId} onChange={(e) => setCustomerId(e.target.value)} aria-label={t('common.customer')}>
                  <option value="">{t('editor.chooseCustomer')}</option>
                  {options.map((c) => <option key={c.id} value={c.id}>{c.name} ({c.currency})</option>)}
                </select>
              </div>
            )}
            <label className="field">
              <span>{t('editor.issueDate')}</span>
              <input className="input" type="date" required value={issueDate} onChange={(e) => setIssueDate(e.target.value)} />
            </label>
            <label className="field">
              <span>{t('editor.dueDate')}</span>
              <input className="input" type="date" value={dueDate} min={issueDate} onChange={(e) => setDueDate(e.target.value)} />
            </label>
            <label className="field">
              <span>{t('invoice.po')}</span>
              <input className="input" maxLength={100} value={poNumber} onChange={(e) => setPoNumber(e.target.value)} />
            </label>
          </div>
        </section>
        <section className="card">
          <div className="card-head"><h2>{t('invoice.lines')}{currency ? ` (${currency})` : ''}</h2></div>
          <div className="table-wrap">
            <table className="table">
              <thead>
                <tr>
                  <th style={{ width: '45%' }}>{t('invoice.description')}</th>
                  <th className="num">{t('invoice.quantity')}</th>
                  <th className="num">{t('invoice.unitPrice')}</th>
                  <th className="num">{t('invoice.taxRate')}</th>
                  <th>{t('invoice.vatCategory')}</th>
                  <th className="num">{t('invoice.discount')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {lines.map((l, i) => (
                  <tr key={l.key}>
                    <td><input className="input" aria-label={`${t('invoice.description')} ${i + 1}`} required maxLength={1000} value={l.description} onChange={(e) => setLine(l.key, { description: e.target.value })} /></td>
                    <td><input className="input num" aria-label={`${t('invoice.quantity')} ${i + 1}`} inputMode="decimal" required value={l.quantity} onChange={(e) => setLine(l.key, { quantity: e.target.value })} style={{ width: 70 }} /></td>
                    <td><input className="input num" aria-label={`${t('invoice.unitPrice')} ${i + 1}`} inputMode="decimal" required value={l.unitPrice} onChange={(e) => setLine(l.key, { unitPrice: e.target.value })} style={{ width: 120 }} /></td>
                    <td><input className="input num" aria-label={`${t('invoice.taxRate')} ${i + 1}`} inputMode="decimal" value={l.taxRate} disabled={l.category !== '' && l.category !== 'S'} onChange={(e) => setLine(l.key, { taxRate: e.target.value })} style={{ width: 64 }} /></td>
                    <td>
                      {/* The untaxed categories carry no VAT: their rate is 0 and they say why. */}
                      <select className="input" aria-label={`${t('invoice.vatCategory')} ${i + 1}`} value={l.category} onChange={(e) => { const category = e.target.value as LineDraft['category']; setLine(l.key, { category, code: null, ...(category && category !== 'S' ? { taxRate: '0' } : {}) }); }} style={{ width: 150 }}>
                        <option value="">{t('editor.categoryByRate')}</option>
                        {VAT_CATEGORIES.map((c) => <option key={c} value={c}>{t(`vatCategory.${c}`)}</option>)}
                      </select>
                      {l.category && isExemptCategory(l.category) && (
                        <input className="input" aria-label={`${t('invoice.exemptionReason')} ${i + 1}`} placeholder={t('invoice.exemptionReason')} maxLength={100} value={l.reason} onChange={(e) => setLine(l.key, { reason: e.target.value })} style={{ width: 150, marginTop: 4 }} />
                      )}
                    </td>
                    <td><input className="input num" aria-label={`${t('invoice.discount')} ${i + 1}`} inputMode="decimal" value={l.discount} onChange={(e) => setLine(l.key, { discount: e.target.value })} style={{ width: 64 }} /></td>
                    <td>
                      {lines.length > 1 && (
                        <button type="button" className="btn ghost small" aria-label={`${t('editor.removeLine')} ${i + 1}`} onClick={() => setLines((ls) => ls.filter((x) => x.key !== l.key))}>×</button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <div className="card-body">
            <button type="button" className="btn small" onClick={() => setLines((ls) => [...ls, blankLine()])}>+ {t('editor.addLine')}</button>
          </div>
        </section>
        <section className="card">
          <div className="card-body">
            <label className="field">
              <span>{t('invoice.notes')}</span>
              <textarea className="input" rows={3} maxLength={4000} value={notes} onChange={(e) => setNotes(e.target.value)} />
            </label>
          </div>
        </section>
      </div>
    </form>
  );
}

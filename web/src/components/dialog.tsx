import { type FormEvent, type ReactNode, useEffect, useId, useRef } from 'react';
import { useI18n } from '../i18n/i18n.tsx';

/** A modal form: Escape or Cancel closes it, the submit button shows progress, errors show above the buttons. */
export function Dialog(props: { title: string; children: ReactNode; submitLabel: string; busy?: boolean; danger?: boolean; error?: ReactNode; onSubmit: () => void; onClose: () => void }) {
  const { t } = useI18n();
  const titleId = useId();
  const first = useRef<HTMLDivElement>(null);
  useEffect(() => {
    first.current?.querySelector<HTMLElement>('input, select, textarea, button')?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && props.onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [props.onClose]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onSubmit();
  };
  return (
    <div className="dialog-backdrop" onMouseDown={(e) => e.target === e.currentTarget && props.onClose()}>
      <form className="dialog" role="dialog" aria-modal="true" aria-labelledby={titleId} onSubmit={submit}>
        <div className="dialog-head">
          <h2 id={titleId}>{props.title}</h2>
        </div>
        <div className="dialog-body" ref={first}>
          {props.children}
          {props.error}
        </div>
        <div className="dialog-foot">
          <button type="button" className="btn" onClick={props.onClose}>{t('common.cancel')}</button>
          <button type="submit" className={`btn ${props.danger ? 'danger' : 'primary'}`} disabled={props.busy}>
            {props.busy ? t('common.saving') : props.submitLabel}
          </button>
        </div>
      </form>
    </div>
  );
}

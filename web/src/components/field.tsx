import { type ReactNode, useId } from 'react';
import { ApiError } from '../api/client.ts';
import { ErrorNotice } from './feedback.tsx';

export interface InputProps {
  id: string;
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/** A labelled input with its error right under it, tied to it for screen readers. */
export function Field({ label, error, children }: { label: string; error?: string | null; children: (input: InputProps) => ReactNode }) {
  const id = useId();
  const errorId = `${id}-error`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(error ? { id, 'aria-invalid': true, 'aria-describedby': errorId } : { id })}
      {error && <span id={errorId} className="field-error">{error}</span>}
    </div>
  );
}

/**
 * Where an API refusal belongs on a form: under the input whose field the server named, when the form shows
 * that input; otherwise as a notice above the buttons, so no refusal goes unseen.
 */
export function placeError(error: unknown, fields: readonly string[]): { at: (field: string) => string | null; notice: ReactNode } {
  const placed = error instanceof ApiError && error.field !== undefined && fields.includes(error.field) ? error : null;
  return {
    at: (field) => (placed?.field === field ? placed.message : null),
    notice: error && !placed ? <ErrorNotice error={error} /> : null,
  };
}

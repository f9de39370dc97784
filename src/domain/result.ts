// Business failures are values with a stable code; the HTTP layer maps codes to statuses in one place.
export interface Failure {
  readonly ok: false;
  readonly code: string;
  readonly message: string;
  readonly field?: string;
}

export interface Success<T> {
  readonly ok: true;
  readonly value: T;
}

export type Result<T> = Success<T> | Failure;

export function success<T>(value: T): Success<T> {
  return { ok: true, value };
}

export function failure(code: string, message: string, field?: string): Failure {
  return field === undefined ? { ok: false, code, message } : { ok: false, code, message, field };
}

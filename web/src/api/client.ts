import { saveResponse } from './save-file.ts';

// The one way the app talks to Punctual: same-origin fetch with the session cookie, the session's CSRF token
// on every change, and API errors turned into ApiError with the server's stable code and field.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

let csrfToken: string | undefined;

/** Set from the login answer or /auth/me; sent as X-CSRF-Token on every request that changes something. */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

type Query = Record<string, string | number | boolean | readonly string[] | undefined | null>;

export function apiUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) for (const v of value) params.append(key, v);
    else params.set(key, String(value));
  }
  const qs = params.toString();
  return `/api/v1${path}${qs ? `?${qs}` : ''}`;
}

async function request<T>(method: string, path: string, body?: unknown, query?: Query, extraHeaders: Record<string, string> = {}): Promise<T> {
  const headers: Record<string, string> = { ...extraHeaders, accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(apiUrl(path, query), { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) throw await refusal(response);
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** The server's `{error: {code, message, field}}` as an ApiError; a body that is not one keeps the HTTP status. */
async function refusal(response: Response): Promise<ApiError> {
  const text = await response.text();
  let error: { code?: string; message?: string; field?: string } | undefined;
  try {
    error = text ? (JSON.parse(text) as { error?: typeof error }).error : undefined;
  } catch {
    error = undefined;
  }
  return new ApiError(response.status, error?.code ?? 'HTTP_' + response.status, error?.message ?? response.statusText, error?.field);
}

/** Fetches a generated file (an e-invoice, a PDF) and hands it to the browser; a refusal throws as any API call does. */
async function download(path: string, query?: Query): Promise<void> {
  const response = await fetch(apiUrl(path, query), { credentials: 'same-origin' });
  if (!response.ok) throw await refusal(response);
  await saveResponse(response);
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query),
  /** headers: e.g. an Idempotency-Key, so that a request sent twice is acted on once. */
  post: <T>(path: string, body: unknown = {}, headers?: Record<string, string>) => request<T>('POST', path, body, undefined, headers),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
  download,
};

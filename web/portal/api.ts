import { saveResponse } from '../src/api/save-file.ts';

// The portal's link token arrives in the URL fragment (#token), which browsers never send to a server. It is
// kept for this tab in sessionStorage so the page still works when Stripe sends the customer back without it.

const TOKEN_KEY = 'punctual.portal.token';
const TOKEN = /^[A-Za-z0-9_-]{32}$/;

export function portalToken(): string | null {
  const fromHash = window.location.hash.slice(1);
  if (TOKEN.test(fromHash)) {
    sessionStorage.setItem(TOKEN_KEY, fromHash);
    return fromHash;
  }
  const kept = sessionStorage.getItem(TOKEN_KEY);
  return kept && TOKEN.test(kept) ? kept : null;
}

export function forgetToken(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

export class PortalError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function request(token: string | null, method: string, path: string, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = {};
  if (token) headers['x-portal-token'] = token;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`/portal-api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!response.ok) {
    const payload = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
    throw new PortalError(response.status, payload?.error?.code ?? 'HTTP_ERROR', payload?.error?.message ?? response.statusText);
  }
  return response;
}

export async function getJson<T>(token: string, path: string): Promise<T> {
  return (await (await request(token, 'GET', path)).json()) as T;
}

export async function send<T>(token: string | null, method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
  return (await (await request(token, method, path, body)).json()) as T;
}

/** Fetches a file with the token header and hands it to the browser as a download. */
export async function download(token: string, path: string): Promise<void> {
  await saveResponse(await request(token, 'GET', path));
}

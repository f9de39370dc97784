import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';
import { MemoryRouter, Route, Routes } from 'react-router';
import { vi } from 'vitest';
import { I18nProvider } from '../i18n/i18n.tsx';
import type { Locale } from '../i18n/locales.ts';
import { SessionGate } from '../session.tsx';

export type Handler = (body: unknown, url: URL) => unknown;

export interface Call {
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
  readonly headers: Record<string, string>;
}

const ME = {
  organization: { id: 'org', name: 'Lumen Studio', baseCurrency: 'EUR', locale: 'en', timeZone: 'Europe/Bucharest' },
  role: 'owner',
  user: { id: 'u1', email: 'ana@lumen.example', name: 'Ana', role: 'owner' },
  csrfToken: 'csrf-123',
};

/** A refusal as the server words it, for a handler to return: `{error: {code, message, field}}` with its status. */
export function apiError(status: number, code: string, message: string, field?: string): Response {
  return new Response(JSON.stringify({ error: { code, message, ...(field === undefined ? {} : { field }) } }), { status, headers: { 'content-type': 'application/json' } });
}

/** The message shown under an input (its aria-describedby), as a screen reader announces it with the input; null when none. */
export function errorOf(input: HTMLElement): string | null {
  return document.getElementById(input.getAttribute('aria-describedby') ?? '')?.textContent ?? null;
}

/**
 * Renders a page as the app does (session, language, query cache, router) against answers given per
 * "METHOD /path": components see exactly the JSON the API would send, and every request is recorded.
 */
export function renderApp(ui: ReactElement, options: { path?: string; route?: string; locale?: Locale; api: Record<string, Handler>; role?: string; signedOut?: boolean }) {
  const calls: Call[] = [];
  const handlers: Record<string, Handler> = { 'GET /api/v1/auth/me': () => ({ ...ME, role: options.role ?? 'owner' }), ...options.api };
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: string, init: RequestInit = {}) => {
      const url = new URL(input, 'http://localhost');
      const method = init.method ?? 'GET';
      const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
      calls.push({ method, path: url.pathname, body, headers: (init.headers ?? {}) as Record<string, string> });
      const handler = handlers[`${method} ${url.pathname}`];
      if (!handler) return new Response(JSON.stringify({ error: { code: 'NOT_FOUND', message: `No answer for ${method} ${url.pathname}` } }), { status: 404 });
      const answer = handler(body, url);
      if (answer instanceof Response) return answer;
      return new Response(JSON.stringify(answer ?? {}), { status: 200, headers: { 'content-type': 'application/json' } });
    }),
  );
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const view = render(
    <I18nProvider locale={options.locale ?? 'en'}>
      <QueryClientProvider client={queryClient}>
        <MemoryRouter initialEntries={[options.path ?? '/']}>
          {options.signedOut ? (
            <Routes>
              <Route path={options.route ?? '/'} element={ui} />
              <Route path="*" element={<p>elsewhere</p>} />
            </Routes>
          ) : (
            <SessionGate>
              <Routes>
                <Route path={options.route ?? '/'} element={ui} />
              </Routes>
            </SessionGate>
          )}
        </MemoryRouter>
      </QueryClientProvider>
    </I18nProvider>,
  );
  return { ...view, calls };
}

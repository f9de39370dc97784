import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { retryDelaySeconds } from './backoff.ts';
import { domainOfAddress, messageIdFor } from './message-id.ts';
import { checkWebhookUrl } from './webhook-endpoint.ts';

describe('retry backoff', () => {
  it('doubles from 30 s up to six hours, jittered within the upper half', () => {
    expect([1, 2, 3, 4].map((n) => retryDelaySeconds(n, () => 1))).toEqual([30, 60, 120, 240]);
    expect([1, 2, 3, 4].map((n) => retryDelaySeconds(n, () => 0))).toEqual([15, 30, 60, 120]);
    expect(retryDelaySeconds(40, () => 1)).toBe(21_600);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 1, noNaN: true }), (attempt, r) => {
        const ceiling = Math.min(21_600, 30 * 2 ** (attempt - 1));
        const delay = retryDelaySeconds(attempt, () => r);
        return delay >= Math.floor(ceiling / 2) && delay <= ceiling;
      }),
    );
  });
});

describe('Message-IDs', () => {
  it('depend on the outbox row alone', () => {
    expect(messageIdFor('0197a1b2-0000-7000-8000-000000000001', 'lumen.example')).toBe('<0197a1b2-0000-7000-8000-000000000001@lumen.example>');
    expect(domainOfAddress('Lumen Studio <billing@Lumen.Example>')).toBe('lumen.example');
    expect(domainOfAddress('billing@lumen.example')).toBe('lumen.example');
    expect(domainOfAddress('no address')).toBeUndefined();
    expect(domainOfAddress(undefined)).toBeUndefined();
  });
});

describe('webhook URLs', () => {
  it('take http(s) URLs without credentials, and drop the fragment', () => {
    expect(checkWebhookUrl('https://hooks.example.com/punctual?x=1#top')).toEqual({ ok: true, value: 'https://hooks.example.com/punctual?x=1' });
    for (const bad of ['', 'hooks.example.com', 'ftp://example.com', 'javascript:alert(1)', 'data:text/plain,hi', 'file:///etc/passwd', 'https://u:p@example.com', 'https://u@example.com', 'http://', 'https://exa mple.com'])
      expect(checkWebhookUrl(bad), bad).toMatchObject({ ok: false, code: 'INVALID_WEBHOOK_URL', field: 'url' });
  });
});

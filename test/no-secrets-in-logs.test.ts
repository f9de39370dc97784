import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SECRETS = {
  SMTP_URL: 'smtp://mailer:smtp-pass-5c1e7@127.0.0.1:1',
  STRIPE_SECRET_KEY: 'sk_test_secret_9f8e7d6c5b4a',
  STRIPE_WEBHOOK_SECRET: 'whsec_secret_0a1b2c3d4e5f',
  TWILIO_ACCOUNT_SID: 'AC0123456789abcdef0123456789abcdef',
  TWILIO_AUTH_TOKEN: 'twilio-token-77aa88bb99cc',
};

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

describe('secrets never reach the logs', () => {
  it('a full start, sign-in attempts, API calls with keys and a shutdown print none of them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'punctual-logs-'));
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'start'], {
      env: { ...process.env, ...SECRETS, DATABASE_URL: '', PUNCTUAL_DATA_DIR: join(dir, 'data'), PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'trace', NODE_ENV: 'development' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    try {
      const base = `http://127.0.0.1:${port}`;
      for (let i = 0; i < 240 && !output.includes('running at'); i++) await new Promise((r) => setTimeout(r, 500));
      expect(output).toContain('running at');
      const apiKey = /API key (pk_\S+)/.exec(output)?.[1] ?? '';
      const wrongKey = `${apiKey.slice(0, -4)}zzzz`;
      await fetch(`${base}/api/v1/invoices`, { headers: { authorization: `Bearer ${apiKey}` } });
      await fetch(`${base}/api/v1/invoices`, { headers: { authorization: `Bearer ${wrongKey}` } });
      const password = 'not-the-password-3e9f';
      await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: 'owner@lumen.example', password }) });
      await fetch(`${base}/api/v1/customers`, { method: 'POST', headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 42, secret: SECRETS.STRIPE_SECRET_KEY }) });
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      // The demo API key is meant to be printed (demo mode only); every other secret must never appear.
      for (const [name, value] of Object.entries(SECRETS)) {
        const secret = name === 'SMTP_URL' ? 'smtp-pass-5c1e7' : value;
        expect(output.includes(secret), `${name} leaked`).toBe(false);
      }
      expect(output.includes(password)).toBe(false);
      expect(output.includes(wrongKey)).toBe(false);
    } finally {
      child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

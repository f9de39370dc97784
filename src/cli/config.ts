import { isIP } from 'node:net';
import { resolve } from 'node:path';
import { positiveSetting } from '../services/env-settings.ts';
import { PORTAL_PER_ADDRESS } from '../services/portal/session.ts';

// Every setting comes from the environment (README, "Configuration"); nothing secret is ever printed.
export interface Config {
  readonly databaseUrl?: string;
  readonly dataDir: string;
  readonly port: number;
  readonly host: string;
  readonly production: boolean;
  readonly logLevel: string;
  /**
   * TRUST_PROXY: addresses and subnets of the reverse proxies in front of the server (none: the socket's
   * address is the client's). Login and portal limits count per client address.
   */
  readonly trustProxy: readonly string[];
  /** PORTAL_REQUESTS_PER_ADDRESS: portal requests one client address may make in the limit's window. */
  readonly portalRequestsPerAddress: number;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, not ${env.PORT}`);
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.PUNCTUAL_DATA_DIR ?? 'data'),
    port,
    host: env.HOST ?? '127.0.0.1',
    production: env.NODE_ENV === 'production',
    logLevel: env.LOG_LEVEL ?? 'info',
    trustProxy: trustedProxies(env.TRUST_PROXY),
    portalRequestsPerAddress: positiveSetting(env, 'PORTAL_REQUESTS_PER_ADDRESS', PORTAL_PER_ADDRESS.limit),
  };
}

// Only the proxies named are trusted. Fastify's `true` trusts every X-Forwarded-For entry, so the client
// address would be the leftmost one, which the client writes itself: anyone could escape every per-address
// limit. Walking back from the socket through known proxies only, the address is the one the outermost of
// them saw.
const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

function trustedProxies(raw: string | undefined): string[] {
  if (raw === undefined || raw === '' || raw === 'false') return [];
  if (raw === 'true') return [...PROXY_NAMES];
  const entries = raw.split(',').map((e) => e.trim());
  const bad = entries.find((e) => !PROXY_NAMES.includes(e) && !isAddressOrSubnet(e));
  if (bad !== undefined)
    throw new Error(`TRUST_PROXY must be true (proxies on this host or a private network) or a comma-separated list of proxy addresses and subnets, e.g. 10.0.0.0/8 or loopback; "${bad}" is neither`);
  return entries;
}

function isAddressOrSubnet(entry: string): boolean {
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
}

/** "postgres://user:secret@host/db" → "postgres://user:***@host/db", for banners and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}

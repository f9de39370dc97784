import { describe, expect, it } from 'vitest';
import { readConfig } from './config.ts';

describe('readConfig', () => {
  it('keeps the portal limit per address at 600 and trusts no proxy unless told', () => {
    const config = readConfig({});
    expect(config.portalRequestsPerAddress).toBe(600);
    expect(config.trustProxy).toEqual([]);
    expect(readConfig({ TRUST_PROXY: 'false' }).trustProxy).toEqual([]);
  });

  it('raises or lowers the portal limit per address with PORTAL_REQUESTS_PER_ADDRESS', () => {
    expect(readConfig({ PORTAL_REQUESTS_PER_ADDRESS: '20000' }).portalRequestsPerAddress).toBe(20_000);
    expect(readConfig({ PORTAL_REQUESTS_PER_ADDRESS: '50' }).portalRequestsPerAddress).toBe(50);
    expect(readConfig({ PORTAL_REQUESTS_PER_ADDRESS: '' }).portalRequestsPerAddress).toBe(600);
  });

  it('refuses a PORTAL_REQUESTS_PER_ADDRESS that is not a whole number of at least 1, naming it', () => {
    for (const bad of ['0', '-5', '1.5', 'many', '1e4', ' 100', '0x10', '99999999999999999999'])
      expect(() => readConfig({ PORTAL_REQUESTS_PER_ADDRESS: bad }), bad).toThrow(`PORTAL_REQUESTS_PER_ADDRESS must be a whole number of at least 1, not "${bad}"`);
  });

  it('trusts only the proxies TRUST_PROXY names; true means this host and private networks', () => {
    expect(readConfig({ TRUST_PROXY: 'true' }).trustProxy).toEqual(['loopback', 'linklocal', 'uniquelocal']);
    expect(readConfig({ TRUST_PROXY: '10.0.0.0/8, 192.0.2.10,loopback, fd00::/8, ::1' }).trustProxy).toEqual(['10.0.0.0/8', '192.0.2.10', 'loopback', 'fd00::/8', '::1']);
  });

  it('refuses a TRUST_PROXY that names no proxy, naming the variable and the entry', () => {
    for (const [raw, bad] of [['yes', 'yes'], ['1', '1'], ['10.0.0.0/33', '10.0.0.0/33'], ['10.0.0.1,', ''], ['proxy.internal', 'proxy.internal'], ['::1/129', '::1/129'], ['10.0.0.0/8/1', '10.0.0.0/8/1']])
      expect(() => readConfig({ TRUST_PROXY: raw }), raw).toThrow(`TRUST_PROXY must be true (proxies on this host or a private network) or a comma-separated list of proxy addresses and subnets, e.g. 10.0.0.0/8 or loopback; "${bad}" is neither`);
  });
});

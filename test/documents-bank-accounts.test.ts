import { describe, expect, it } from 'vitest';
import { createApiKey } from '../src/services/organizations.ts';
import { tenant, useApi } from './support/app.ts';

const suite = useApi();
const URL = '/api/v1/settings/bank-accounts';

const EUR_ACCOUNT = { currency: 'EUR', iban: 'ro49 aaaa 1b31 0075 9384 0000', bic: 'rncbrobu', bankName: 'Banca Comercială Română' };

describe('organization bank accounts', () => {
  it('adds an IBAN account in its electronic form, first of its currency becomes the default, and logs it', async () => {
    const r = await suite.t.call('POST', URL, EUR_ACCOUNT);
    expect(r.statusCode, r.body).toBe(201);
    const account = r.json();
    expect(account).toMatchObject({ currency: 'EUR', iban: 'RO49AAAA1B31007593840000', bic: 'RNCBROBU', isDefault: true, accountNumber: null });
    const events = (await suite.t.call('GET', `/api/v1/events?entityId=${account.id}`)).json();
    expect(events.data.map((e: { action: string }) => e.action)).toEqual(['bank_account.created']);
  });

  it('switches the default of a currency to another account, leaving one default', async () => {
    const second = (await suite.t.call('POST', URL, { currency: 'EUR', iban: 'DE89370400440532013000', isDefault: true })).json();
    const list = (await suite.t.call('GET', URL)).json().data.filter((a: { currency: string }) => a.currency === 'EUR');
    expect(list.filter((a: { isDefault: boolean }) => a.isDefault).map((a: { id: string }) => a.id)).toEqual([second.id]);
    const back = await suite.t.call('PATCH', `${URL}/${list.find((a: { id: string }) => a.id !== second.id).id}`, { isDefault: true });
    expect(back.statusCode, back.body).toBe(200);
    expect((await suite.t.call('GET', `${URL}/${second.id}`)).json().isDefault).toBe(false);
  });

  it('takes the details each payment QR needs: VietQR (BIN + account) and GOST (account, BIC, correspondent account)', async () => {
    const vnd = await suite.t.call('POST', URL, { currency: 'VND', accountNumber: '0011001932418', vietBankBin: '970436', bankName: 'Vietcombank' });
    expect(vnd.statusCode, vnd.body).toBe(201);
    const rub = await suite.t.call('POST', URL, { currency: 'RUB', accountNumber: '40702810138000012345', bic: '044525225', correspondentAccount: '30101810400000000225', bankName: 'ПАО Сбербанк' });
    expect(rub.statusCode, rub.body).toBe(201);
    expect(rub.json().bankName).toBe('ПАО Сбербанк');
  });

  it('refuses bad or missing details with the field named, and writes nothing', async () => {
    const before = (await suite.t.call('GET', URL)).json().data.length;
    const cases: [Record<string, unknown>, number, string, string][] = [
      [{ currency: 'EUR', iban: 'RO49AAAA1B31007593840001' }, 422, 'IBAN_CHECKSUM', 'iban'],
      [{ currency: 'EUR', iban: 'NOT AN IBAN' }, 422, 'IBAN_MALFORMED', 'iban'],
      [{ currency: 'EUR', accountNumber: '123456' }, 422, 'ACCOUNT_DETAILS_MISSING', 'iban'],
      [{ currency: 'VND', accountNumber: '0011001932418' }, 422, 'ACCOUNT_DETAILS_MISSING', 'vietBankBin'],
      [{ currency: 'RUB', accountNumber: '40702810138000012345', bic: '044525225', bankName: 'Bank' }, 422, 'ACCOUNT_DETAILS_MISSING', 'correspondentAccount'],
      [{ currency: 'USD' }, 422, 'BANK_ACCOUNT_IDENTIFIER_MISSING', 'iban'],
      [{ currency: 'XXX', iban: 'DE89370400440532013000' }, 400, 'INVALID_CURRENCY', 'currency'],
      [{ currency: 'EUR', iban: 'DE89370400440532013000', admin: true }, 400, 'VALIDATION_FAILED', 'admin'],
      [{ currency: 'EUR', iban: 'DE89370400440532013000', bankName: 'x'.repeat(141) }, 400, 'VALIDATION_FAILED', 'bankName'],
      [{ currency: 'EUR', iban: 42 }, 400, 'VALIDATION_FAILED', 'iban'],
    ];
    for (const [body, status, code, field] of cases) {
      const r = await suite.t.call('POST', URL, body);
      expect(r.statusCode, `${JSON.stringify(body)} → ${r.body}`).toBe(status);
      expect(r.json().error).toMatchObject({ code, field });
    }
    const badPatch = await suite.t.call('PATCH', `${URL}/${(await suite.t.call('GET', URL)).json().data[0].id}`, { iban: 'RO49AAAA1B31007593840001' });
    expect(badPatch.statusCode).toBe(422);
    expect((await suite.t.call('GET', URL)).json().data.length).toBe(before);
  });

  it('keeps hostile text as text', async () => {
    const r = await suite.t.call('POST', URL, { currency: 'USD', accountNumber: '000123456789', bankName: '<script>alert(1)</script>', accountHolder: 'Bobby"); DROP TABLE bank_accounts;--' });
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json()).toMatchObject({ bankName: '<script>alert(1)</script>', accountHolder: 'Bobby"); DROP TABLE bank_accounts;--' });
  });

  it('deletes an account', async () => {
    const created = (await suite.t.call('POST', URL, { currency: 'GBP', iban: 'GB82WEST12345698765432' })).json();
    expect((await suite.t.call('DELETE', `${URL}/${created.id}`)).statusCode).toBe(200);
    expect((await suite.t.call('GET', `${URL}/${created.id}`)).statusCode).toBe(404);
  });

  it("another organization's accounts are invisible and untouchable", async () => {
    const other = await tenant(suite.database, suite.app, suite.clock, { name: 'Other Co' });
    const theirs = (await other.call('POST', URL, { currency: 'EUR', iban: 'DE89370400440532013000' })).json();
    const mine = (await suite.t.call('GET', URL)).json().data;
    expect(mine.some((a: { id: string }) => a.id === theirs.id)).toBe(false);
    expect((await suite.t.call('GET', `${URL}/${theirs.id}`)).statusCode).toBe(404);
    expect((await suite.t.call('PATCH', `${URL}/${theirs.id}`, { bankName: 'Hijacked' })).statusCode).toBe(404);
    expect((await suite.t.call('DELETE', `${URL}/${theirs.id}`)).statusCode).toBe(404);
    expect((await other.call('GET', `${URL}/${theirs.id}`)).json()).toMatchObject({ bankName: null, iban: 'DE89370400440532013000' });
  });

  it('needs settings permissions: a viewer may not read, an accountant may read but not change', async () => {
    const as = async (role: string) => {
      const { key } = await createApiKey(suite.database.db, suite.clock, suite.t.orgId, role, role);
      return (method: 'GET' | 'POST', body?: unknown) =>
        suite.app.inject({ method, url: URL, headers: { authorization: `Bearer ${key}` }, ...(body ? { payload: body as object } : {}) });
    };
    const viewer = await as('viewer');
    expect((await viewer('GET')).statusCode).toBe(403);
    const accountant = await as('accountant');
    expect((await accountant('GET')).statusCode).toBe(200);
    expect((await accountant('POST', { currency: 'CHF', iban: 'CH9300762011623852957' })).statusCode).toBe(403);
  });
});

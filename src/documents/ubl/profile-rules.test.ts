import { describe, expect, it } from 'vitest';
import { date } from '../../domain/dates.ts';
import type { UblDocument } from './index.ts';
import { checkProfile } from './profile-rules.ts';
import { sampleUbl } from './test-support.ts';

const peppol = (overrides: Partial<UblDocument> = {}) => {
  const base = sampleUbl();
  return sampleUbl({ seller: { ...base.seller, endpoint: { id: '0477472701', scheme: '0208' } }, buyer: { ...base.buyer, endpoint: { id: '5790000435975', scheme: '0088' } }, ...overrides });
};
const failed = (doc: UblDocument) => {
  const f = checkProfile(doc);
  return f ? { code: f.code, field: f.field } : null;
};

describe('both profiles', () => {
  it('identify the seller by a VAT or legal registration number, not by a tax registration alone (BR-CO-26)', () => {
    const doc = peppol();
    const seller = { ...doc.seller, vatId: undefined, taxRegistrationId: '12345678' };
    expect(failed({ ...doc, seller })).toEqual({ code: 'SELLER_TAX_ID_REQUIRED', field: 'organization.taxId' });
    expect(failed({ ...doc, profile: 'cius-ro', currency: 'RON', seller })).toEqual({ code: 'SELLER_TAX_ID_REQUIRED', field: 'organization.taxId' });
    expect(failed({ ...doc, seller: { ...seller, legalRegistrationId: '12345678' } })).toBeNull();
  });
});

describe('Peppol BIS Billing 3.0', () => {
  it('accepts both parties with a Peppol participant identifier', () => {
    expect(failed(peppol())).toBeNull();
  });

  it('needs the seller and the buyer electronic address (PEPPOL-EN16931-R020, R010)', () => {
    const doc = peppol();
    expect(failed({ ...doc, seller: { ...doc.seller, endpoint: undefined } })).toEqual({ code: 'ELECTRONIC_ADDRESS_REQUIRED', field: 'organization.electronicAddress' });
    expect(failed({ ...doc, buyer: { ...doc.buyer, endpoint: undefined } })).toEqual({ code: 'ELECTRONIC_ADDRESS_REQUIRED', field: 'customer.electronicAddress' });
  });

  it('refuses an e-mail address, which is not on Peppol’s scheme list (CL008)', () => {
    const doc = peppol();
    expect(failed({ ...doc, buyer: { ...doc.buyer, endpoint: { id: 'lan@saomai.vn', scheme: 'EM' } } })).toEqual({ code: 'ELECTRONIC_ADDRESS_NOT_ON_PEPPOL', field: 'customer.electronicAddress' });
  });
});

describe('CIUS-RO', () => {
  const ro = (overrides: Partial<UblDocument> = {}) => sampleUbl({ profile: 'cius-ro', currency: 'RON', buyer: { ...sampleUbl().buyer, endpoint: undefined, vatId: 'RO87654321' }, ...overrides });

  it('needs no electronic address, but the buyer identifier for anything but O (BR-RO-120)', () => {
    expect(failed(ro())).toBeNull();
    const anonymous = { ...ro().buyer, vatId: undefined };
    expect(failed(ro({ buyer: anonymous }))).toEqual({ code: 'BUYER_TAX_ID_REQUIRED', field: 'customer.taxId' });
    expect(failed(ro({ buyer: { ...anonymous, legalRegistrationId: '87654321' } }))).toBeNull();
    const outside = { code: 'O', rateBp: 0, exemptionCode: 'VATEX-EU-O' } as const;
    expect(failed(ro({ buyer: anonymous, taxSubtotals: [{ category: outside, taxableAmount: 23_198, taxAmount: 0 }] }))).toBeNull();
  });

  it('needs the VAT in RON for an invoice in another currency (BR-RO-030): possible only when there is none', () => {
    expect(failed(ro({ currency: 'EUR' }))).toEqual({ code: 'VAT_IN_RON_REQUIRED', field: 'currency' });
    expect(failed(ro({ currency: 'EUR', taxAccounting: { currency: 'RON', taxTotal: 0 } }))).toBeNull();
  });

  it('needs street, city and county in a deliver-to address (BR-RO-180, 200, 210)', () => {
    const delivery = { date: date('2025-06-01'), address: { street: 'Hauptstraße 1', city: 'Berlin', country: 'DE' } };
    expect(failed(ro({ delivery }))).toEqual({ code: 'DELIVERY_ADDRESS_INCOMPLETE', field: 'customer.shippingAddress' });
    expect(failed(ro({ delivery: { ...delivery, address: { ...delivery.address, countrySubentity: 'DE-BE' } } }))).toBeNull();
  });
});

import { isPeppolScheme } from '../../domain/electronic-address.ts';
import { failure, type Failure } from '../../domain/result.ts';
import { BUYER_TAX_ID_FIELD, SELLER_TAX_ID_FIELD } from '../../domain/vat-parties.ts';
import type { UblDocument, UblParty } from './model.ts';

// What each profile demands beyond EN 16931, checked on the document before its XML is written: an export
// is valid for its profile or refused with the setting to fix. The seller is the organization and the buyer
// the customer, so failures name their fields.

export function checkProfile(doc: UblDocument): Failure | null {
  // BR-CO-26, common to both: the seller is identified by its VAT or legal registration number.
  if (!doc.seller.vatId && !doc.seller.legalRegistrationId)
    return failure('SELLER_TAX_ID_REQUIRED', 'An e-invoice identifies the seller by its VAT or registration number', SELLER_TAX_ID_FIELD);
  return doc.profile === 'peppol' ? checkPeppol(doc) : checkCiusRo(doc);
}

function checkPeppol(doc: UblDocument): Failure | null {
  const parties: [UblParty, string, string][] = [
    [doc.seller, 'seller', 'organization.electronicAddress'],
    [doc.buyer, 'buyer', 'customer.electronicAddress'],
  ];
  for (const [party, who, field] of parties) {
    // PEPPOL-EN16931-R020 and R010: Peppol delivers to the electronic addresses, so both are mandatory.
    if (!party.endpoint) return failure('ELECTRONIC_ADDRESS_REQUIRED', `A Peppol e-invoice needs the ${who}'s electronic address (Peppol participant identifier)`, field);
    // PEPPOL-EN16931-CL008: Peppol's scheme list has no e-mail (EM).
    if (!isPeppolScheme(party.endpoint.scheme))
      return failure('ELECTRONIC_ADDRESS_NOT_ON_PEPPOL', `Scheme ${party.endpoint.scheme} cannot be used on Peppol: give the ${who}'s Peppol participant identifier`, field);
  }
  return null;
}

// Romania's CIUS-RO (rules BR-RO-…). The seller's identifier (BR-RO-065) is already required by the EN 16931
// VAT rules for every category but O.
function checkCiusRo(doc: UblDocument): Failure | null {
  // BR-RO-120: every supply but one outside the scope of VAT names the buyer by a VAT or registration number.
  if (doc.taxSubtotals.some((s) => s.category.code !== 'O') && !doc.buyer.vatId && !doc.buyer.legalRegistrationId)
    return failure('BUYER_TAX_ID_REQUIRED', 'CIUS-RO needs the buyer VAT identifier or registration number (CUI)', BUYER_TAX_ID_FIELD);
  // BR-RO-030: the VAT of an invoice in another currency is accounted in RON as well (BT-111). Without an
  // exchange rate that is known only when the VAT is nil, and the document then carries it.
  if (doc.currency !== 'RON' && doc.taxAccounting?.currency !== 'RON')
    return failure('VAT_IN_RON_REQUIRED', `CIUS-RO needs the VAT of a ${doc.currency} invoice in RON as well, and Punctual keeps no exchange rate: invoice in RON, or export with profile=peppol`, 'currency');
  // BR-RO-180, BR-RO-200, BR-RO-210: a deliver-to address has its street, city and county.
  const delivery = doc.delivery?.address;
  if (delivery && (!delivery.street || !delivery.city || !delivery.countrySubentity))
    return failure('DELIVERY_ADDRESS_INCOMPLETE', 'CIUS-RO needs the street, city and region of the address the goods are delivered to', 'customer.shippingAddress');
  return null;
}

// E-invoices: UBL 2.1 Invoice and CreditNote per EN 16931, as Peppol BIS Billing 3.0 or Romania's CIUS-RO.
export { buildUbl } from './build-ubl.ts';
export { UBL_PROFILES, type UblAddress, type UblDocument, type UblLine, type UblParty, type UblPayment, type UblProfile, type UblTaxCategory, type UblTaxSubtotal } from './model.ts';

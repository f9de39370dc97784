import type { UblProfile } from './model.ts';

// The specification identifiers (BT-24) and business process (BT-23) each profile declares.
const PEPPOL_BILLING_3 = 'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0';
const PEPPOL_PROCESS = 'urn:fdc:peppol.eu:2017:poacc:billing:01:1.0';
// Romania's national e-Factura customization of EN 16931 (RO_CIUS 1.0.1), required for B2B invoices filed
// with ANAF. It declares no business process.
const CIUS_RO = 'urn:cen.eu:en16931:2017#compliant#urn:efactura.mfinante.ro:CIUS-RO:1.0.1';

export function customizationId(profile: UblProfile): string {
  return profile === 'cius-ro' ? CIUS_RO : PEPPOL_BILLING_3;
}

export function profileId(profile: UblProfile): string | undefined {
  return profile === 'cius-ro' ? undefined : PEPPOL_PROCESS;
}

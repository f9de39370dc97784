import type { PlainDate } from '../../domain/dates.ts';
import type { VatCategory } from '../../domain/vat-category.ts';

// An invoice or credit note as EN 16931 describes it (business terms BT-…), independent of how the
// database stores it. The builder turns it into UBL 2.1 XML.

export const UBL_PROFILES = ['peppol', 'cius-ro'] as const;
export type UblProfile = (typeof UBL_PROFILES)[number];

export interface UblAddress {
  readonly street?: string;
  readonly additionalStreet?: string;
  readonly city?: string;
  readonly postalZone?: string;
  readonly countrySubentity?: string;
  /** ISO 3166-1 alpha-2. */
  readonly country?: string;
}

export interface UblParty {
  /** BT-34 / BT-49 electronic address, with its EAS scheme ("EM" for e-mail, "0088" for GLN…). */
  readonly endpoint?: { readonly id: string; readonly scheme: string };
  readonly name: string;
  readonly legalName: string;
  readonly address: UblAddress;
  /** VAT identifier (BT-31 / BT-48), with its country prefix. */
  readonly vatId?: string;
  /** Seller tax registration identifier without a country prefix (BT-32), e.g. a Romanian CUI. */
  readonly taxRegistrationId?: string;
  /** Legal registration identifier (BT-30 / BT-47): the buyer's tax number when it is no VAT identifier. */
  readonly legalRegistrationId?: string;
  readonly contact?: { readonly name?: string; readonly telephone?: string; readonly email?: string };
}

export interface UblTaxCategory {
  readonly code: VatCategory;
  readonly rateBp: number;
  /** VATEX code (BT-121); E, AE, K, G and O need it or the reason text. */
  readonly exemptionCode?: string;
  /** BT-120. */
  readonly exemptionReason?: string;
}

export interface UblLine {
  readonly id: string;
  readonly description: string;
  /** Exact decimal ("1.5000"). */
  readonly quantity: string;
  readonly unitPrice: number;
  /** Quantity × price − line discount, in minor units (BT-131). */
  readonly netAmount: number;
  readonly discountBp: number;
  readonly tax: UblTaxCategory;
}

export interface UblTaxSubtotal {
  readonly category: UblTaxCategory;
  readonly taxableAmount: number;
  readonly taxAmount: number;
}

export interface UblPayment {
  /** UNCL 4461: 58 SEPA credit transfer, 30 credit transfer. */
  readonly meansCode: '30' | '58';
  /** BT-83 remittance information: the RF creditor reference. */
  readonly paymentId: string;
  /** BT-84: IBAN or domestic account number. */
  readonly account: string;
  readonly accountName?: string;
  /** BT-86 BIC (or the bank code a domestic transfer needs). */
  readonly bic?: string;
}

export interface UblDocument {
  readonly kind: 'invoice' | 'credit_note';
  readonly profile: UblProfile;
  readonly number: string;
  readonly issueDate: PlainDate;
  /** BT-9; printed on invoices (a UBL 2.1 credit note has no DueDate element). */
  readonly dueDate: PlainDate;
  readonly currency: string;
  /** BT-10; Peppol requires it or an order reference. */
  readonly buyerReference?: string;
  /** BT-13 purchase order. */
  readonly orderReference?: string;
  /** BT-25 / BT-26: the invoice a credit note corrects. */
  readonly billingReference?: { readonly number: string; readonly issueDate: PlainDate };
  readonly note?: string;
  readonly seller: UblParty;
  readonly buyer: UblParty;
  /** BT-72 actual delivery date and BG-15 deliver-to address (an intra-community supply needs both). */
  readonly delivery?: { readonly date: PlainDate; readonly address: UblAddress };
  readonly payment?: UblPayment;
  /** BT-20: payment terms, including the late-payment terms. */
  readonly paymentTerms?: string;
  readonly lines: readonly UblLine[];
  readonly taxSubtotals: readonly UblTaxSubtotal[];
  /** BT-106 sum of line net amounts. */
  readonly lineTotal: number;
  readonly taxTotal: number;
  /** BT-6 and BT-111: the VAT total in the currency VAT is accounted in, when that is not the invoice's. */
  readonly taxAccounting?: { readonly currency: string; readonly taxTotal: number };
  /** BT-112 total with tax. */
  readonly total: number;
  /** BT-113 amounts already paid (payments and credits). */
  readonly prepaid: number;
  /** BT-115 amount due. */
  readonly payable: number;
}

// Types for the parts of mt940js (which ships none) that mt940.ts uses. See node_modules/mt940js/README.md.
declare module 'mt940js' {
  namespace mt940js {
    interface Tag {
      /** 20, 25, 28, 60, 61, 62, 86 … or 'NS' / 'MB' for non-SWIFT lines and message blocks. */
      readonly id: number | string;
      /** The tag's raw content, continuation lines joined with "\n". */
      readonly data: string;
    }
    interface Transaction {
      /** :61: subfield 7, the account owner's reference ("NONREF" when none). */
      readonly reference: string;
      readonly bankReference: string;
      readonly isReversal: boolean;
      /** :61: second line, "supplementary details" (some banks put the other party's IBAN there). */
      readonly extraDetails: string;
      /** The :86: text, lines joined with "\n". */
      readonly details: string;
      /** :86: split on "?NN" or "/TAG/" markers when it is structured ({ '20': '…', gvc: '166' }). */
      readonly structuredDetails?: Readonly<Record<string, string>>;
    }
    interface Statement {
      readonly transactionReference: string;
      readonly accountIdentification: string;
      readonly number: { readonly statement: string; readonly sequence: string; readonly section: string };
      readonly currency: string;
      readonly transactions: readonly Transaction[];
      /** Present when parse() is called with withTags = true. */
      readonly tags?: readonly Tag[];
    }
    class Parser {
      constructor(options?: { no86Structure?: boolean });
      parse(data: string, withTags?: boolean): Statement[];
    }
  }
  export = mt940js;
}

import { accountKey, nameKey, nameTokens } from './payer-keys.ts';
import type { CreditToMatch, OpenInvoice } from './types.ts';

const MAX_CUSTOMERS_PER_PAYER = 10;

function addTo<K, V>(map: Map<K, Set<V>>, key: K, value: V): void {
  const set = map.get(key);
  if (set) set.add(value);
  else map.set(key, new Set([value]));
}

/**
 * Which customers a payer may be: same account, same normalized name, or a payer name that contains every
 * word of a customer name of two words or more ("ACME TRADING SRL BUCURESTI" is "Acme Trading"). A
 * one-word customer name must match exactly, since one word inside a longer name is too weak a sign.
 * Each look-up costs O(w · k) for w words in the payer name and k customers filed under one of them.
 */
export class PayerIndex {
  private readonly byAccount = new Map<string, Set<string>>();
  private readonly byName = new Map<string, Set<string>>();
  private readonly byDistinctiveWord = new Map<string, Map<string, readonly string[]>>();

  constructor(invoices: readonly OpenInvoice[]) {
    const names = new Map<string, { customerId: string; tokens: readonly string[] }>();
    for (const invoice of invoices) {
      for (const account of invoice.customerIbans) {
        const key = accountKey(account);
        if (key) addTo(this.byAccount, key, invoice.customerId);
      }
      const seenKey = `${invoice.customerId}\u0000${invoice.customerName}`;
      if (!names.has(seenKey)) names.set(seenKey, { customerId: invoice.customerId, tokens: nameTokens(invoice.customerName) });
    }
    const customersPerWord = new Map<string, number>();
    for (const { tokens } of names.values()) for (const t of tokens) customersPerWord.set(t, (customersPerWord.get(t) ?? 0) + 1);
    for (const { customerId, tokens } of names.values()) {
      if (tokens.length === 0) continue;
      addTo(this.byName, tokens.join(' '), customerId);
      if (tokens.length < 2) continue;
      // Filed under its rarest word, so a look-up by a common word ("trading") meets few customers.
      const rarity = (t: string) => customersPerWord.get(t) ?? 0;
      const distinctive = tokens.reduce((best, t) => (rarity(t) < rarity(best) ? t : best));
      const customers = this.byDistinctiveWord.get(distinctive) ?? new Map<string, readonly string[]>();
      customers.set(customerId, tokens);
      this.byDistinctiveWord.set(distinctive, customers);
    }
  }

  /** The customers the payer of this credit may be, sorted by id so results do not depend on input order. */
  customersOf(credit: CreditToMatch): string[] {
    const found = new Set<string>();
    const account = credit.counterpartyIban === undefined ? null : accountKey(credit.counterpartyIban);
    if (account) for (const c of this.byAccount.get(account) ?? []) found.add(c);
    if (credit.counterpartyName !== undefined) {
      const key = nameKey(credit.counterpartyName);
      if (key.length > 0) {
        for (const c of this.byName.get(key) ?? []) found.add(c);
        const payerWords = new Set(key.split(' '));
        for (const word of payerWords) {
          for (const [customerId, tokens] of this.byDistinctiveWord.get(word) ?? []) {
            if (found.size > MAX_CUSTOMERS_PER_PAYER) break;
            if (tokens.every((t) => payerWords.has(t))) found.add(customerId);
          }
        }
      }
    }
    // A name or account shared by that many customers identifies none of them (and would make this
    // look-up a scan).
    return found.size > MAX_CUSTOMERS_PER_PAYER ? [] : [...found].sort();
  }
}

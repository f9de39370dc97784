import type { DunningChannel } from '../../domain/dunning/index.ts';
import type { Address } from '../../db/schema/index.ts';
import type { ContactRow } from '../../db/repositories/customers.ts';

export interface Recipient {
  /** Email address, E.164 number, postal address on one line, or webhook URL. */
  readonly address: string;
  readonly contactId: string | null;
  readonly contactName: string | null;
}

const ROLE_ORDER = ['billing', 'accounts_payable', 'finance', 'primary', 'other'];

function reachable(contact: ContactRow, channel: 'email' | 'sms'): string | null {
  if (channel === 'email') return contact.email && !contact.emailBouncedAt ? contact.email : null;
  return contact.phone && !contact.phoneInvalidAt ? contact.phone : null;
}

/**
 * The contact a reminder goes to: the invoice's own billing contact when it has one that can receive on this
 * channel, else the billing or accounts-payable contact, the one who prefers this channel first, then the
 * primary contact. Addresses marked as bounced or invalid by delivery are passed over.
 */
export function pickContact(contacts: readonly ContactRow[], channel: 'email' | 'sms', invoiceContactId: string | null): Recipient | null {
  const usable = contacts.filter((c) => reachable(c, channel) !== null);
  const preferred = channel === 'email' ? 'email' : 'sms';
  const rank = (c: ContactRow) => [
    c.id === invoiceContactId ? 0 : 1,
    c.role === 'billing' || c.role === 'accounts_payable' ? 0 : 1,
    c.preferredChannel === preferred ? 0 : 1,
    c.isPrimary ? 0 : 1,
    ROLE_ORDER.indexOf(c.role),
  ];
  const best = [...usable].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    const i = ra.findIndex((v, k) => v !== rb[k]);
    return i < 0 ? (a.id < b.id ? -1 : 1) : (ra[i] as number) - (rb[i] as number);
  })[0];
  return best ? { address: reachable(best, channel)!, contactId: best.id, contactName: best.name } : null;
}

/** The postal address a letter is printed for, on one line; null when there is no street to send it to. */
export function postalRecipient(name: string, address: Address): string | null {
  if (!address.line1?.trim()) return null;
  const cityLine = [address.postalCode, address.city].filter((p) => p?.trim()).join(' ');
  return [name, address.line1, address.line2, cityLine, address.region, address.country].filter((p) => p?.trim()).join(', ');
}

export interface RecipientSources {
  readonly contacts: readonly ContactRow[];
  readonly customerName: string;
  readonly billingAddress: Address;
  readonly webhookUrl: string | null;
  readonly invoiceContactId: string | null;
}

/** Where a message on this channel goes; null when the customer cannot be reached on it. */
export function recipientFor(channel: Exclude<DunningChannel, 'call_task'>, s: RecipientSources): Recipient | null {
  switch (channel) {
    case 'email':
    case 'sms':
      return pickContact(s.contacts, channel, s.invoiceContactId);
    case 'letter': {
      const address = postalRecipient(s.customerName, s.billingAddress);
      return address ? { address, contactId: null, contactName: null } : null;
    }
    case 'webhook':
      return s.webhookUrl ? { address: s.webhookUrl, contactId: null, contactName: null } : null;
  }
}

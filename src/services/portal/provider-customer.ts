import { success, type Result } from '../../domain/result.ts';
import { inOrg } from '../../db/connection.ts';
import { findContact, findCustomer, listContacts } from '../../db/repositories/customers.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import { findProviderCustomer, insertProviderCustomer, type ProviderCustomerRow } from '../../db/repositories/online-payments.ts';
import { newId } from '../../db/ids.ts';
import { ProviderError, type PaymentProvider } from '../../payments/provider.ts';
import { nowDate, type Ctx } from '../context.ts';
import { providerFailure } from './provider-failure.ts';

/** The email the provider's receipts go to: the contact using the portal, else the customer's primary contact. */
async function billingEmail(ctx: Ctx, customerId: string, contactId: string | null): Promise<string | null> {
  return inOrg(ctx.db, ctx.orgId, async (tx) => {
    const contact = contactId ? await findContact(tx, ctx.orgId, customerId, contactId) : undefined;
    if (contact?.email) return contact.email;
    const all = await listContacts(tx, ctx.orgId, [customerId]);
    return (all.find((c) => c.isPrimary && c.email) ?? all.find((c) => c.email))?.email ?? null;
  });
}

/**
 * The customer as the provider knows it, created there on first need. The provider call happens outside
 * any transaction; its idempotency key makes a repeated creation return the same provider customer.
 */
export async function ensureProviderCustomer(ctx: Ctx, provider: PaymentProvider, customerId: string, contactId: string | null): Promise<Result<ProviderCustomerRow>> {
  const existing = await inOrg(ctx.db, ctx.orgId, (tx) => findProviderCustomer(tx, ctx.orgId, customerId, provider.name));
  if (existing) return success(existing);
  const customer = await inOrg(ctx.db, ctx.orgId, (tx) => findCustomer(tx, ctx.orgId, customerId));
  if (!customer) throw new Error(`Customer ${customerId} vanished`);
  let providerCustomerId: string;
  try {
    providerCustomerId = await provider.createCustomer({ orgId: ctx.orgId, customerId, name: customer.legalName ?? customer.name, email: await billingEmail(ctx, customerId, contactId) });
  } catch (error) {
    if (error instanceof ProviderError) return providerFailure(error);
    throw error;
  }
  return inOrg(ctx.db, ctx.orgId, async (tx) => {
    const at = nowDate(ctx);
    const row = await insertProviderCustomer(tx, { orgId: ctx.orgId, id: newId(), customerId, provider: provider.name, providerCustomerId, createdAt: at, updatedAt: at });
    if (row.providerCustomerId === providerCustomerId)
      await appendEvents(tx, ctx.orgId, ctx.actor, at, [{ entityType: 'customer', entityId: customerId, action: 'provider_customer.created', after: { provider: provider.name, providerCustomerId } }]);
    return success(row);
  });
}

import { checkContactFields, checkCustomerFields } from '../domain/customer-rules.ts';
import { checkElectronicAddress } from '../domain/electronic-address.ts';
import { failure, type Failure, type Result, success } from '../domain/result.ts';
import { inOrgResult, type Db } from '../db/connection.ts';
import { newId } from '../db/ids.ts';
import { appendEvents } from '../db/repositories/events.ts';
import { findCustomersByRef, insertCustomers, type ContactRow, type CustomerRow, type NewContactRow, type NewCustomerRow } from '../db/repositories/customers.ts';
import { findOrganization, type OrganizationRow } from '../db/repositories/organizations.ts';
import { nowDate, type Ctx } from './context.ts';
import type { CreateCustomerInput } from './inputs.ts';

export interface CustomerWithContacts {
  readonly customer: CustomerRow;
  readonly contacts: readonly ContactRow[];
}

/** Build the rows for a new customer, filling gaps from the organization's defaults; pure apart from ids. */
export function buildCustomer(org: OrganizationRow, input: CreateCustomerInput, at: Date, prefix = ''): Result<{ customer: NewCustomerRow; contacts: NewContactRow[] }> {
  const fields = {
    currency: input.currency ?? org.baseCurrency,
    locale: input.locale ?? org.locale,
    timeZone: input.timeZone ?? org.timeZone,
    paymentTerms: input.paymentTerms ?? org.defaultPaymentTerms,
    creditLimit: input.creditLimit ?? null,
  };
  const bad: Failure | null =
    checkCustomerFields(fields, prefix) ??
    (input.electronicAddress ? checkElectronicAddress(input.electronicAddress, prefix) : null) ??
    (input.contacts ?? []).reduce<Failure | null>((found, c, i) => found ?? checkContactFields(c, `${prefix}contacts[${i}].`), null);
  if (bad) return bad;
  const id = newId();
  const contacts = (input.contacts ?? []).map((c, i) => ({
    orgId: org.orgId,
    id: newId(),
    customerId: id,
    name: c.name,
    email: c.email ?? null,
    phone: c.phone ?? null,
    role: c.role ?? 'billing',
    preferredChannel: c.preferredChannel ?? 'email',
    isPrimary: c.isPrimary ?? i === 0,
    createdAt: at,
  }));
  return success({
    customer: {
      orgId: org.orgId,
      id,
      externalRef: input.externalRef ?? null,
      name: input.name.trim(),
      legalName: input.legalName ?? null,
      taxId: input.taxId ?? null,
      billingAddress: input.billingAddress ?? {},
      shippingAddress: input.shippingAddress ?? null,
      electronicAddress: input.electronicAddress ?? null,
      ...fields,
      status: input.status ?? 'active',
      tags: [...new Set(input.tags ?? [])],
      createdAt: at,
      updatedAt: at,
    },
    contacts,
  });
}

export async function loadOrganization(db: Db, orgId: string): Promise<OrganizationRow> {
  const org = await findOrganization(db, orgId);
  if (!org) throw new Error(`Organization ${orgId} does not exist`);
  return org;
}

export async function createCustomer(ctx: Ctx, input: CreateCustomerInput): Promise<Result<CustomerWithContacts>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const at = nowDate(ctx);
    const built = buildCustomer(await loadOrganization(tx, ctx.orgId), input, at);
    if (!built.ok) return built;
    const { customer, contacts } = built.value;
    if (customer.externalRef && (await findCustomersByRef(tx, ctx.orgId, [customer.externalRef])).length > 0)
      return failure('DUPLICATE_CUSTOMER_REF', `A customer with reference ${customer.externalRef} exists`, 'externalRef');
    await insertCustomers(tx, [customer], contacts);
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [{ entityType: 'customer', entityId: customer.id, action: 'customer.created', after: { ...customer, contacts } }]);
    return success({ customer: customer as CustomerRow, contacts: contacts as ContactRow[] });
  });
}

import { checkContactFields, checkCustomerFields } from '../domain/customer-rules.ts';
import { checkElectronicAddress } from '../domain/electronic-address.ts';
import { failure, type Result, success } from '../domain/result.ts';
import { inOrgResult } from '../db/connection.ts';
import { newId } from '../db/ids.ts';
import {
  deleteContact,
  findContact,
  findCustomer,
  findCustomersByRef,
  insertCustomers,
  updateContact,
  updateCustomer as saveCustomer,
  type ContactRow,
  type CustomerRow,
} from '../db/repositories/customers.ts';
import { appendEvents } from '../db/repositories/events.ts';
import { nowDate, type Ctx } from './context.ts';
import type { ContactInput, UpdateCustomerInput } from './inputs.ts';

const notFound = () => failure('CUSTOMER_NOT_FOUND', 'No such customer', 'customerId');

export async function updateCustomer(ctx: Ctx, id: string, input: UpdateCustomerInput): Promise<Result<CustomerRow>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const before = await findCustomer(tx, ctx.orgId, id, true);
    if (!before) return notFound();
    const bad = checkCustomerFields(input) ?? (input.electronicAddress ? checkElectronicAddress(input.electronicAddress) : null);
    if (bad) return bad;
    if (input.externalRef && input.externalRef !== before.externalRef && (await findCustomersByRef(tx, ctx.orgId, [input.externalRef])).length > 0)
      return failure('DUPLICATE_CUSTOMER_REF', `A customer with reference ${input.externalRef} exists`, 'externalRef');
    const at = nowDate(ctx);
    const patch = { ...input, ...(input.name ? { name: input.name.trim() } : {}), ...(input.tags ? { tags: [...new Set(input.tags)] } : {}), updatedAt: at };
    const after = await saveCustomer(tx, ctx.orgId, id, patch);
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [{ entityType: 'customer', entityId: id, action: 'customer.updated', before, after }]);
    return success(after);
  });
}

export async function addContact(ctx: Ctx, customerId: string, input: ContactInput): Promise<Result<ContactRow>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    if (!(await findCustomer(tx, ctx.orgId, customerId, true))) return notFound();
    const bad = checkContactFields(input, '');
    if (bad) return bad;
    const at = nowDate(ctx);
    const contact = {
      orgId: ctx.orgId,
      id: newId(),
      customerId,
      name: input.name,
      email: input.email ?? null,
      phone: input.phone ?? null,
      role: input.role ?? 'billing',
      preferredChannel: input.preferredChannel ?? 'email',
      isPrimary: input.isPrimary ?? false,
      createdAt: at,
      emailBouncedAt: null,
      phoneInvalidAt: null,
    };
    await insertCustomers(tx, [], [contact]);
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [{ entityType: 'customer', entityId: customerId, action: 'contact.added', after: contact }]);
    return success(contact);
  });
}

export async function changeContact(ctx: Ctx, customerId: string, contactId: string, input: Partial<ContactInput>): Promise<Result<ContactRow>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const before = await findContact(tx, ctx.orgId, customerId, contactId);
    if (!before) return failure('CONTACT_NOT_FOUND', 'No such contact for this customer', 'contactId');
    const bad = checkContactFields(input, '');
    if (bad) return bad;
    const at = nowDate(ctx);
    const after = await updateContact(tx, ctx.orgId, contactId, input);
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [{ entityType: 'customer', entityId: customerId, action: 'contact.updated', before, after }]);
    return success(after);
  });
}

export async function removeContact(ctx: Ctx, customerId: string, contactId: string): Promise<Result<ContactRow>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    const before = await findContact(tx, ctx.orgId, customerId, contactId);
    if (!before) return failure('CONTACT_NOT_FOUND', 'No such contact for this customer', 'contactId');
    await deleteContact(tx, ctx.orgId, contactId);
    await appendEvents(tx, ctx.orgId, ctx.actor, nowDate(ctx), [{ entityType: 'customer', entityId: customerId, action: 'contact.removed', before }]);
    return success(before);
  });
}

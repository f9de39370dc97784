import { failure, type Result, success } from '../../domain/result.ts';
import { inOrgResult, type Db } from '../../db/connection.ts';
import { newId } from '../../db/ids.ts';
import { addCustomerAccounts, customerAccounts, deleteCustomerAccount, type CustomerBankAccountRow } from '../../db/repositories/banking.ts';
import { findCustomer } from '../../db/repositories/customers.ts';
import { appendEvents } from '../../db/repositories/events.ts';
import { nowDate, type Ctx } from '../context.ts';
import { cleanAccount } from './account-key.ts';

// The accounts a customer pays from. A statement credit from one of them, for exactly an amount the
// customer owes, is recorded as that customer's payment without anyone looking.

const customerNotFound = () => failure('CUSTOMER_NOT_FOUND', 'No such customer', 'customerId');

export async function listCustomerBankAccounts(db: Db, orgId: string, customerId: string): Promise<Result<CustomerBankAccountRow[]>> {
  if (!(await findCustomer(db, orgId, customerId))) return customerNotFound();
  return success(await customerAccounts(db, orgId, customerId));
}

export async function addCustomerBankAccount(ctx: Ctx, customerId: string, text: string): Promise<Result<CustomerBankAccountRow>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    if (!(await findCustomer(tx, ctx.orgId, customerId, true))) return customerNotFound();
    const account = cleanAccount(text, 'account');
    if (!account.ok) return account;
    const at = nowDate(ctx);
    const [added] = await addCustomerAccounts(tx, [{ orgId: ctx.orgId, id: newId(), customerId, account: account.value!, source: 'manual', createdAt: at }]);
    if (!added) return failure('BANK_ACCOUNT_ALREADY_REGISTERED', `Account ${account.value} is already registered for this customer`, 'account');
    await appendEvents(tx, ctx.orgId, ctx.actor, at, [
      { entityType: 'customer', entityId: customerId, action: 'customer.bank_account_added', after: { id: added.id, account: added.account, source: added.source } },
    ]);
    return success(added);
  });
}

export async function removeCustomerBankAccount(ctx: Ctx, customerId: string, id: string): Promise<Result<CustomerBankAccountRow>> {
  return inOrgResult(ctx.db, ctx.orgId, async (tx) => {
    if (!(await findCustomer(tx, ctx.orgId, customerId, true))) return customerNotFound();
    const removed = await deleteCustomerAccount(tx, ctx.orgId, customerId, id);
    if (!removed) return failure('BANK_ACCOUNT_NOT_FOUND', 'No such account for this customer', 'id');
    await appendEvents(tx, ctx.orgId, ctx.actor, nowDate(ctx), [
      { entityType: 'customer', entityId: customerId, action: 'customer.bank_account_removed', before: { id: removed.id, account: removed.account, source: removed.source } },
    ]);
    return success(removed);
  });
}

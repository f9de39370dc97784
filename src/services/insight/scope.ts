import type { Temporal } from 'temporal-polyfill';
import { inOrg, type Db } from '../../db/connection.ts';
import { customerBriefs, type CustomerBriefRow } from '../../db/repositories/insight-customers.ts';
import { reportSettings } from '../../db/repositories/insight.ts';
import { findOrganization } from '../../db/repositories/organizations.ts';
import { failure, type Result, success } from '../../domain/result.ts';
import { todayIn, type Ctx } from '../context.ts';

/** What every report needs besides its options: where the organization is, and so what day it is there. */
export interface InsightScope {
  readonly tx: Db;
  readonly orgId: string;
  readonly timeZone: string;
  readonly today: Temporal.PlainDate;
}

/**
 * Run a report in one read transaction scoped to the organization, so all its queries see one snapshot
 * (a payment recorded meanwhile shows in every figure or in none).
 */
export async function withInsightScope<T>(ctx: Ctx, fn: (scope: InsightScope) => Promise<T>): Promise<T> {
  return inOrg(ctx.db, ctx.orgId, async (tx) => {
    await reportSettings(tx);
    const org = await findOrganization(tx, ctx.orgId);
    if (!org) throw new Error(`Organization ${ctx.orgId} vanished during a report`);
    return fn({ tx, orgId: ctx.orgId, timeZone: org.timeZone, today: todayIn(ctx, org.timeZone) });
  });
}

/** A filter by customer must name one of the organization's customers: another's id is simply not found. */
export async function requireCustomer(scope: InsightScope, customerId: string): Promise<Result<CustomerBriefRow>> {
  const [customer] = await customerBriefs(scope.tx, scope.orgId, { ids: [customerId], limit: 1 });
  return customer ? success(customer) : failure('CUSTOMER_NOT_FOUND', 'No such customer', 'customerId');
}

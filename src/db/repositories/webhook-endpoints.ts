import { eq } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { webhookEndpoints } from '../schema/index.ts';

export type WebhookEndpointRow = typeof webhookEndpoints.$inferSelect;

export async function findWebhookEndpoint(db: Db, orgId: string): Promise<WebhookEndpointRow | undefined> {
  const [row] = await db.select().from(webhookEndpoints).where(eq(webhookEndpoints.orgId, orgId));
  return row;
}

export async function insertWebhookEndpoint(tx: Db, row: WebhookEndpointRow): Promise<void> {
  await tx.insert(webhookEndpoints).values(row);
}

export async function updateWebhookEndpoint(tx: Db, orgId: string, changes: Pick<WebhookEndpointRow, 'url' | 'updatedAt'> & { secret?: string }): Promise<WebhookEndpointRow | undefined> {
  const [row] = await tx.update(webhookEndpoints).set(changes).where(eq(webhookEndpoints.orgId, orgId)).returning();
  return row;
}

export async function deleteWebhookEndpoint(tx: Db, orgId: string): Promise<WebhookEndpointRow | undefined> {
  const [row] = await tx.delete(webhookEndpoints).where(eq(webhookEndpoints.orgId, orgId)).returning();
  return row;
}

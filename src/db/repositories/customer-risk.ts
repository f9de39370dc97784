import { sql } from 'drizzle-orm';
import type { Db } from '../connection.ts';
import { queryRows, unnestColumns } from '../raw.ts';
import type { RiskReason } from '../../domain/metrics/index.ts';

// Each customer's stored computed risk, and the manual level beside it (dunning_customer_settings.risk_level).

export interface ScoredCustomer {
  readonly customerId: string;
  readonly level: string;
  readonly score: number;
  readonly reasons: readonly RiskReason[];
}

const CHUNK = 10_000;

/**
 * Store these scores as computed from the facts of `computedAt`. A row already computed from later facts is
 * kept: a long organization-wide refresh that started before a payment must not undo the payment's own refresh.
 */
export async function upsertCustomerRisks(tx: Db, orgId: string, rows: readonly ScoredCustomer[], computedAt: Date): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    await tx.execute(sql`
      insert into customer_risk (org_id, customer_id, level, score, reasons, computed_at)
      select ${orgId}::uuid, u.customer_id, u.level, u.score, u.reasons, ${computedAt.toISOString()}::timestamptz
        from ${unnestColumns([
          [chunk.map((r) => r.customerId), 'uuid'],
          [chunk.map((r) => r.level), 'text'],
          [chunk.map((r) => r.score), 'int'],
          [chunk.map((r) => JSON.stringify(r.reasons)), 'jsonb'],
        ])} as u (customer_id, level, score, reasons)
      on conflict (org_id, customer_id) do update
        set level = excluded.level, score = excluded.score, reasons = excluded.reasons, computed_at = excluded.computed_at
        where customer_risk.computed_at <= excluded.computed_at`);
  }
}

export interface StoredRiskRow {
  readonly customerId: string;
  /** dunning_customer_settings.risk_level: the level set by hand, or null. */
  readonly manualLevel: string | null;
  readonly computed: { readonly level: string; readonly score: number; readonly reasons: RiskReason[]; readonly computedAt: Date } | null;
}

/** The manual and the stored computed level of these customers (of the organization; others are absent). */
export async function storedRisks(db: Db, orgId: string, customerIds: readonly string[]): Promise<Map<string, StoredRiskRow>> {
  if (customerIds.length === 0) return new Map();
  const rows = await queryRows<{ customer_id: string; manual: string | null; level: string | null; score: number | null; reasons: RiskReason[] | null; computed_at: string | Date | null }>(
    db,
    sql`select c.id::text as customer_id, d.risk_level as manual, r.level, r.score, r.reasons, r.computed_at
          from customers c
          left join dunning_customer_settings d on d.org_id = c.org_id and d.customer_id = c.id
          left join customer_risk r on r.org_id = c.org_id and r.customer_id = c.id
         where c.org_id = ${orgId} and c.id = any(${`{${customerIds.join(',')}}`}::uuid[])`,
  );
  return new Map(
    rows.map((r) => [
      r.customer_id,
      {
        customerId: r.customer_id,
        manualLevel: r.manual,
        computed:
          r.level === null || r.computed_at === null
            ? null
            : { level: r.level, score: Number(r.score), reasons: r.reasons ?? [], computedAt: new Date(r.computed_at) },
      },
    ]),
  );
}

import { sql } from 'drizzle-orm';
import { check, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { RiskReason } from '../../domain/metrics/risk-score.ts';

// Each customer's risk level as scored from its payment behaviour, kept so that dunning conditions and the
// deposit rule read one stored level instead of scoring the whole ledger on every tick. A manual level in
// dunning_customer_settings.risk_level, when set, wins over this one.
export const customerRisk = pgTable(
  'customer_risk',
  {
    orgId: uuid('org_id').notNull(),
    customerId: uuid('customer_id').notNull(),
    level: text('level').notNull(),
    score: integer('score').notNull(),
    reasons: jsonb('reasons').$type<RiskReason[]>().notNull(),
    /** The instant whose facts were scored: an older computation never overwrites a newer one. */
    computedAt: timestamp('computed_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.orgId, t.customerId] }),
    check('customer_risk_level_check', sql`${t.level} in ('low', 'medium', 'high')`),
    check('customer_risk_score_check', sql`${t.score} between 0 and 100`),
  ],
);

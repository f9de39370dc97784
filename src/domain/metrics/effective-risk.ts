import type { RiskLevel } from './risk-score.ts';

/** Where a customer's risk level comes from: set by hand, scored from its payment behaviour, or neither yet. */
export type RiskSource = 'manual' | 'computed' | 'default';

export interface EffectiveRisk {
  readonly level: RiskLevel;
  readonly source: RiskSource;
}

/**
 * The level of a customer nobody has judged and nothing has scored yet. Medium, like a customer without
 * payment history: neither trusted nor suspected.
 */
export const DEFAULT_RISK_LEVEL: RiskLevel = 'medium';

/** A stored level, or null for anything that is not one (absent, or a value this code does not know). */
export function parseRiskLevel(text: string | null | undefined): RiskLevel | null {
  return text === 'low' || text === 'medium' || text === 'high' ? text : null;
}

/**
 * The level dunning conditions and the deposit rule act on: a level set by hand wins, because the team knows
 * things the ledger does not (a new owner, a court case); else the level scored from payment behaviour;
 * else the default. The dunning tick applies the same rule in SQL (customersForTick).
 */
export function effectiveRisk(manual: string | null, computed: string | null): EffectiveRisk {
  const byHand = parseRiskLevel(manual);
  if (byHand) return { level: byHand, source: 'manual' };
  const scored = parseRiskLevel(computed);
  if (scored) return { level: scored, source: 'computed' };
  return { level: DEFAULT_RISK_LEVEL, source: 'default' };
}

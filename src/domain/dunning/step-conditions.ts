import type { RiskLevel, StepConditions } from './policy.ts';

export type ConditionFailure = 'BELOW_MIN_BALANCE' | 'MISSING_REQUIRED_TAG' | 'HAS_EXCLUDED_TAG' | 'RISK_LEVEL_NOT_TARGETED';

/** What a step's conditions are checked against, as of the tick. */
export interface ConditionFacts {
  readonly currency: string;
  /** The amount the reminder is about: the invoice balance, or what is left of an installment. */
  readonly amountMinor: number;
  readonly tags: readonly string[];
  readonly riskLevel: RiskLevel;
}

/** The first condition that does not hold, or null when the step may run. */
export function unmetCondition(conditions: StepConditions | undefined, facts: ConditionFacts): ConditionFailure | null {
  if (!conditions) return null;
  const mins = conditions.minBalanceMinor;
  if (mins && Object.hasOwn(mins, facts.currency) && facts.amountMinor < (mins[facts.currency] ?? 0)) return 'BELOW_MIN_BALANCE';
  if (conditions.requiredTags?.some((t) => !facts.tags.includes(t))) return 'MISSING_REQUIRED_TAG';
  if (conditions.excludedTags?.some((t) => facts.tags.includes(t))) return 'HAS_EXCLUDED_TAG';
  if (conditions.riskLevels && !conditions.riskLevels.includes(facts.riskLevel)) return 'RISK_LEVEL_NOT_TARGETED';
  return null;
}

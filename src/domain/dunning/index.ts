// The dunning engine's pure core: policies, the planner, batching, send times and payment plans.
// Services load the facts, call planDunning, then batch, schedule and store what it returns.
export {
  type DunningChannel,
  type DunningPolicy,
  type DunningStep,
  type PolicyError,
  type PolicyErrorCode,
  type RiskLevel,
  type StepAction,
  type StepConditions,
  type Tone,
  checkSteps,
  DUNNING_CHANNELS,
  MAX_OFFSET_DAYS,
  MAX_STEPS,
  MIN_OFFSET_DAYS,
  policyErrors,
  RISK_LEVELS,
  STEP_ACTIONS,
  TONES,
  validatePolicy,
} from './policy.ts';
export type { ConditionFailure } from './step-conditions.ts';
export { type DunningSetting, type DunningSettings, type PolicyResolution, resolvePolicy, type SettingLevel } from './resolve-policy.ts';
export {
  type ApplyLateFeeAction,
  type BreakPlanAction,
  type CreateTaskAction,
  type DoneStep,
  doneStep,
  type DunningAction,
  type HandToCollectionsAction,
  type MarkPromiseBrokenAction,
  type MarkPromiseKeptAction,
  type PutOnHoldAction,
  type SendAction,
  type SendReason,
  type SkipAction,
  type SkipReason,
  type StepOccurrenceRef,
} from './actions.ts';
export {
  type ActivePaymentPlan,
  type CustomerFacts,
  type DunningInput,
  type DunningPlan,
  type DunningState,
  type Hold,
  type InvoiceFacts,
  type OpenDispute,
  type OpenPromise,
  type PaymentClaim,
  planDunning,
  type StopReason,
} from './plan-dunning.ts';
export { BATCH_TEMPLATE_KEY, batchReminders, type ReminderBatching, type ReminderItem, type ReminderMessage } from './batch-reminders.ts';
export { batchReminderKey, singleReminderKey } from './idempotency-key.ts';
export { nextOccurrenceOn } from './step-schedule.ts';
export {
  DEFAULT_WORKING_DAYS,
  localDate,
  MAX_SEARCH_DAYS,
  sendInstant,
  type SendWindow,
  type SendWindowError,
  type SendWindowErrorCode,
} from './send-window.ts';
export {
  applyPaidToInstallments,
  buildPaymentPlan,
  DEFAULT_INSTALLMENT_STEPS,
  type Installment,
  MAX_GRACE_DAYS,
  MAX_INSTALLMENTS,
  monthlyDueDates,
  type PaymentPlanError,
  type PaymentPlanErrorCode,
  type PaymentPlanRequest,
  type PaymentPlanTerms,
  planStanding,
  type PlanStanding,
} from './payment-plan.ts';

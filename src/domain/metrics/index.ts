// Receivables insight: pure metrics over one currency's invoices and their dated allocations. Build a Ledger
// once (it checks the invariants every metric relies on), then ask it questions as of a date.
export { type AllocationKind, buildLedger, type Ledger, type LedgerAllocation, type LedgerInvoice } from './ledger.ts';
export { type AgingBucket, type AgingReport, agingReport, type CustomerAging, STANDARD_AGING_EDGES } from './aging.ts';
export { daysSalesOutstanding, type DsoFigures, type DsoMethod, dsoTrend, type DsoTrendPoint } from './dso.ts';
export { type CeiFigures, ceiFiguresFromLedger, collectionEffectivenessIndex } from './cei.ts';
export { type CustomerPaymentBehaviour, paymentBehaviour, type PaymentBehaviourOptions } from './payment-behaviour.ts';
export { type ReminderSend, reminderEffectiveness, type StepEffectiveness } from './reminder-effectiveness.ts';
export {
  DEFAULT_RISK_POLICY,
  type RiskAssessment,
  type RiskFacts,
  type RiskLevel,
  type RiskPolicy,
  type RiskReason,
  scoreCustomerRisk,
} from './risk-score.ts';
export { DEFAULT_RISK_LEVEL, type EffectiveRisk, effectiveRisk, parseRiskLevel, type RiskSource } from './effective-risk.ts';
export {
  DEFAULT_PREDICTION_OPTIONS,
  type PayDatePrediction,
  type PredictionBasis,
  type PredictionOptions,
  predictPayDates,
} from './predict-pay-date.ts';
export { type CashForecast, cashForecast, type ExpectedReceipt, FORECAST_WEEKS, type ForecastWeek } from './cash-forecast.ts';

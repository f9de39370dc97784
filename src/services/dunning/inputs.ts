import { Type, type Static } from 'typebox';
import { MAX_STEPS } from '../../domain/dunning/index.ts';

// Request shapes of the dunning settings API. Fastify checks the outer shape; policy steps are checked by
// validatePolicy, which names the exact field of a bad step ("steps[2].offsetDays").

const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Calendar date YYYY-MM-DD' });
const Time = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'Local wall-clock time HH:MM' });
const PolicyRef = Type.String({ maxLength: 64, description: '"default" (the built-in policy) or a policy id' });
const RiskLevel = Type.Union([Type.Literal('low'), Type.Literal('medium'), Type.Literal('high')]);

export const PolicyInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    steps: Type.Array(Type.Unknown(), { maxItems: MAX_STEPS, description: 'Steps as described in the README: offsetDays, channel, tone, templateKey…' }),
  },
  { additionalProperties: false },
);
export type PolicyInput = Static<typeof PolicyInput>;

export const SettingsInput = Type.Object(
  {
    defaultPolicyId: Type.Optional(PolicyRef),
    excluded: Type.Optional(Type.Boolean({ description: 'No automated dunning unless a customer or invoice chooses a policy' })),
    windowStart: Type.Optional(Time),
    windowEnd: Type.Optional(Time),
    workingDays: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 7 }), { minItems: 1, maxItems: 7, uniqueItems: true, description: 'ISO weekdays, 1 = Monday' })),
    nonWorkingDates: Type.Optional(Type.Array(Day, { maxItems: 400, uniqueItems: true })),
    replyTo: Type.Optional(Type.Union([Type.String({ maxLength: 254 }), Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type SettingsInput = Static<typeof SettingsInput>;

export const OverrideFields = {
  policyId: Type.Optional(Type.Union([PolicyRef, Type.Null()], { description: 'A policy for this one; null inherits' })),
  excluded: Type.Optional(Type.Boolean({ description: 'No automated dunning' })),
};

export const CustomerDunningInput = Type.Object(
  {
    ...OverrideFields,
    collectorId: Type.Optional(Type.Union([Type.String({ format: 'uuid' }), Type.Null()], { description: "The user who works this customer's calls; null: the team queue" })),
    riskLevel: Type.Optional(Type.Union([RiskLevel, Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type CustomerDunningInput = Static<typeof CustomerDunningInput>;

export const InvoiceDunningInput = Type.Object(OverrideFields, { additionalProperties: false, minProperties: 1 });
export type InvoiceDunningInput = Static<typeof InvoiceDunningInput>;

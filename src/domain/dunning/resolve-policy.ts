export type SettingLevel = 'organization' | 'customer' | 'invoice';

/** What one level says: use this policy, or no dunning at all. A level with no setting inherits. */
export type DunningSetting = { readonly policyId: string } | { readonly excluded: true };

export interface DunningSettings {
  /** The organization always decides something: its default policy, or dunning off. */
  readonly organization: DunningSetting;
  readonly customer?: DunningSetting | null;
  readonly invoice?: DunningSetting | null;
}

export type PolicyResolution =
  | { readonly kind: 'policy'; readonly policyId: string; readonly decidedBy: SettingLevel }
  | { readonly kind: 'excluded'; readonly decidedBy: SettingLevel };

/**
 * The effective policy of an invoice: the most specific level that says something wins, exclusion included.
 * So an invoice can be excluded from a customer's policy, and an invoice can be dunned by its own policy even
 * when its customer is excluded (the team chose it for that invoice, which is the more deliberate decision).
 */
export function resolvePolicy(settings: DunningSettings): PolicyResolution {
  if (settings.invoice) return decide('invoice', settings.invoice);
  if (settings.customer) return decide('customer', settings.customer);
  return decide('organization', settings.organization);
}

function decide(level: SettingLevel, setting: DunningSetting): PolicyResolution {
  return 'policyId' in setting ? { kind: 'policy', policyId: setting.policyId, decidedBy: level } : { kind: 'excluded', decidedBy: level };
}

import type { Types } from 'mongoose';
import type { ConsentRecord, ConsentRecordModel } from '../models/consent-record.ts';
import { POLICY_KINDS, type PolicyKind, type PolicyVersionModel, type PolicyVersionRecord } from '../models/policy-version.ts';
import { currentPolicy, upcomingPolicy } from './policies.ts';

export type PolicyPromptState = 'UP_TO_DATE' | 'NOTICE' | 'PROMPT_REQUIRED';

export interface PolicyConsentStatus {
  kind: PolicyKind;
  state: PolicyPromptState;
  current: PolicyVersionRecord | null;
  upcoming: PolicyVersionRecord | null;
  consentedVersion: number | null;
}

/**
 * Whether a signed-in user must be asked again, per policy: their latest consent record says
 * which versions were in effect when they decided. A version in effect that is newer (or no
 * decision at all) → PROMPT_REQUIRED; otherwise an announced, not yet effective version →
 * NOTICE (show its effective date); otherwise UP_TO_DATE.
 */
export async function consentStatus(options: {
  consent: ConsentRecordModel;
  policies: PolicyVersionModel;
  userId: Types.ObjectId;
  now: Date;
}): Promise<PolicyConsentStatus[]> {
  const latest = await options.consent.findOne({ userId: options.userId }).sort({ _id: -1 }).lean<ConsentRecord>();
  return Promise.all(
    POLICY_KINDS.map(async (kind) => {
      const [current, upcoming] = await Promise.all([
        currentPolicy(options.policies, kind, options.now),
        upcomingPolicy(options.policies, kind, options.now),
      ]);
      const consentedVersion = latest === null ? null : kind === 'COOKIE' ? latest.cookiePolicyVersion : latest.privacyPolicyVersion;
      const outdated = current !== null && (consentedVersion === null || consentedVersion < current.version);
      const state: PolicyPromptState = outdated ? 'PROMPT_REQUIRED' : upcoming !== null ? 'NOTICE' : 'UP_TO_DATE';
      return { kind, state, current, upcoming, consentedVersion };
    }),
  );
}

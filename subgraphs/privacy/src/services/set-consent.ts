import { z } from 'zod';
import { PrivacyError, PrivacyErrorCode } from '../errors.ts';
import { CONSENT_PURPOSES, CONSENT_SOURCES, GPC_PURPOSES, type ConsentAction, type ConsentRecord, type ConsentRecordModel } from '../models/consent-record.ts';
import type { PolicyVersionModel } from '../models/policy-version.ts';
import type { ConsentSubject } from './consent-subject.ts';
import { latestRecords } from './consent-state.ts';
import { currentPolicy } from './policies.ts';

export const setConsentInput = z.object({
  choices: z
    .array(z.object({ purpose: z.enum(CONSENT_PURPOSES), granted: z.boolean() }))
    .min(1)
    .refine((choices) => new Set(choices.map((c) => c.purpose)).size === choices.length, 'each purpose at most once'),
  // EMAIL_LINK is recorded only by the users subgraph for an unsubscribe link (`withdrawConsent`).
  source: z.enum(CONSENT_SOURCES).refine((source) => source !== 'EMAIL_LINK'),
});

/** What a decision does, given the purpose's previous record. */
export function consentAction(previous: ConsentRecord | undefined, granted: boolean): ConsentAction {
  if (previous === undefined) return 'GIVEN';
  return previous.granted && !granted ? 'WITHDRAWN' : 'CHANGED';
}

/**
 * Records consent decisions, appending one record per purpose chosen (also when the value is
 * unchanged: a re-confirmation under the current policy versions is what `myConsentStatus`
 * looks for). NECESSARY cannot be refused; granting it records nothing (it is always on).
 *
 * With `Sec-GPC: 1`, ANALYTICS and MARKETING that the person did not choose in this call and
 * never chose explicitly get a refusal recorded as coming from the signal (`fromGpc`). Every
 * record notes whether the signal was present. All records go in one insert.
 */
export async function setConsent(options: {
  consent: ConsentRecordModel;
  policies: PolicyVersionModel;
  subject: ConsentSubject;
  gpc: boolean;
  now: Date;
  input: z.input<typeof setConsentInput>;
}): Promise<number> {
  const parsed = setConsentInput.safeParse(options.input);
  if (!parsed.success) throw new PrivacyError(PrivacyErrorCode.InvalidInput, 'choices: 1 to 4, each purpose at most once');
  const { choices, source } = parsed.data;
  if (choices.some((choice) => choice.purpose === 'NECESSARY' && !choice.granted)) {
    throw new PrivacyError(PrivacyErrorCode.NecessaryCannotBeRefused, 'NECESSARY cookies and processing cannot be refused');
  }
  const { now, gpc, subject } = options;
  const [latest, cookie, privacy] = await Promise.all([
    latestRecords(options.consent, subject),
    currentPolicy(options.policies, 'COOKIE', now),
    currentPolicy(options.policies, 'PRIVACY', now),
  ]);
  const owner = subject.kind === 'user' ? { userId: subject.userId, visitorId: null } : { userId: null, visitorId: subject.visitorId };
  const base = { ...owner, source, gpcSignal: gpc, cookiePolicyVersion: cookie?.version ?? 0, privacyPolicyVersion: privacy?.version ?? 0, mergedFromVisitor: false, recordedAt: now };
  const records = choices
    .filter((choice) => choice.purpose !== 'NECESSARY')
    .map((choice) => ({ ...base, purpose: choice.purpose, granted: choice.granted, fromGpc: false, action: consentAction(latest.get(choice.purpose), choice.granted) }));
  if (gpc) {
    for (const purpose of GPC_PURPOSES) {
      const previous = latest.get(purpose);
      const chosenNow = choices.some((choice) => choice.purpose === purpose);
      const chosenBefore = previous !== undefined && !previous.fromGpc;
      const alreadyRefusedBySignal = previous !== undefined && previous.fromGpc && !previous.granted;
      if (!chosenNow && !chosenBefore && !alreadyRefusedBySignal) {
        records.push({ ...base, purpose, granted: false, fromGpc: true, action: consentAction(previous, false) });
      }
    }
  }
  if (records.length > 0) await options.consent.insertMany(records);
  return records.length;
}

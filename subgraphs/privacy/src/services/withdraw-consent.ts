import type { Types } from 'mongoose';
import { PrivacyError, PrivacyErrorCode } from '../errors.ts';
import type { Models } from '../loaders.ts';
import type { ConsentPurpose, ConsentSource } from '../models/consent-record.ts';
import { currentPolicy } from './policies.ts';
import { latestRecords } from './consent-state.ts';
import { consentAction } from './set-consent.ts';

/** A CONSENT_WITHDRAWAL request: a refusal appended for every non-necessary purpose (source API). */
export async function withdrawAllConsent(models: Models, userId: Types.ObjectId, now: Date): Promise<void> {
  const subject = { kind: 'user' as const, userId };
  const [latest, cookie, privacy] = await Promise.all([
    latestRecords(models.ConsentRecord, subject),
    currentPolicy(models.PolicyVersion, 'COOKIE', now),
    currentPolicy(models.PolicyVersion, 'PRIVACY', now),
  ]);
  await models.ConsentRecord.insertMany(
    (['PREFERENCES', 'ANALYTICS', 'MARKETING'] as const).map((purpose) => ({
      userId,
      visitorId: null,
      purpose,
      granted: false,
      action: consentAction(latest.get(purpose), false),
      source: 'API',
      gpcSignal: false,
      fromGpc: false,
      cookiePolicyVersion: cookie?.version ?? 0,
      privacyPolicyVersion: privacy?.version ?? 0,
      mergedFromVisitor: false,
      recordedAt: now,
    })),
  );
}

/**
 * A platform service withdraws one purpose on a person's behalf (the unsubscribe link of a
 * marketing mail, source EMAIL_LINK): one refusal appended to their history, exactly as if they
 * had refused it in their settings (WITHDRAWN when it was granted). NECESSARY cannot be refused.
 */
export async function withdrawConsentFor(
  models: Models,
  input: { userId: Types.ObjectId; purpose: ConsentPurpose; source: ConsentSource },
  now: Date,
): Promise<{ userId: string; purpose: ConsentPurpose; granted: false; explicit: true }> {
  if (input.purpose === 'NECESSARY') throw new PrivacyError(PrivacyErrorCode.NecessaryCannotBeRefused, 'NECESSARY cookies and processing cannot be refused');
  const subject = { kind: 'user' as const, userId: input.userId };
  const [latest, cookie, privacy] = await Promise.all([
    latestRecords(models.ConsentRecord, subject),
    currentPolicy(models.PolicyVersion, 'COOKIE', now),
    currentPolicy(models.PolicyVersion, 'PRIVACY', now),
  ]);
  await models.ConsentRecord.create({
    userId: input.userId,
    visitorId: null,
    purpose: input.purpose,
    granted: false,
    action: consentAction(latest.get(input.purpose), false),
    source: input.source,
    gpcSignal: false,
    fromGpc: false,
    cookiePolicyVersion: cookie?.version ?? 0,
    privacyPolicyVersion: privacy?.version ?? 0,
    mergedFromVisitor: false,
    recordedAt: now,
  });
  return { userId: input.userId.toHexString(), purpose: input.purpose, granted: false, explicit: true };
}

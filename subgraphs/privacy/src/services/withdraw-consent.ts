import type { Types } from 'mongoose';
import type { Models } from '../loaders.ts';
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

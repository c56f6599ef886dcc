import { z } from 'zod';
import { PrivacyError, PrivacyErrorCode } from '../errors.ts';
import type { Clock } from '../clock.ts';
import type { PolicyKind, PolicyVersionModel, PolicyVersionRecord } from '../models/policy-version.ts';

/** The version of `kind` in effect at `now`: the latest whose effective date has come. */
export async function currentPolicy(model: PolicyVersionModel, kind: PolicyKind, now: Date): Promise<PolicyVersionRecord | null> {
  return model.findOne({ kind, effectiveAt: { $lte: now } }).sort({ effectiveAt: -1, version: -1 }).lean<PolicyVersionRecord>();
}

/** The next announced version of `kind` not in effect at `now`, if any. */
export async function upcomingPolicy(model: PolicyVersionModel, kind: PolicyKind, now: Date): Promise<PolicyVersionRecord | null> {
  return model.findOne({ kind, effectiveAt: { $gt: now } }).sort({ effectiveAt: 1, version: 1 }).lean<PolicyVersionRecord>();
}

/** Every version of `kind`, newest first. */
export function listPolicyVersions(model: PolicyVersionModel, kind: PolicyKind): Promise<PolicyVersionRecord[]> {
  return model.find({ kind }).sort({ version: -1 }).lean<PolicyVersionRecord[]>();
}

export const publishInput = z.object({
  kind: z.enum(['PRIVACY', 'COOKIE']),
  text: z.string().trim().min(1).max(200_000),
  summary: z.string().trim().min(1).max(2_000),
  effectiveAt: z.date(),
});

/**
 * Publishes the next version of a policy, now. It may take effect now or later, never before
 * its publication nor before the latest version's effective date (versions take effect in
 * order). Two admins publishing at once: the unique (kind, version) index lets one win; the
 * other gets INVALID_INPUT and retries.
 */
export async function publishPolicyVersion(model: PolicyVersionModel, clock: Clock, input: z.input<typeof publishInput>): Promise<PolicyVersionRecord> {
  const parsed = publishInput.safeParse(input);
  if (!parsed.success) throw new PrivacyError(PrivacyErrorCode.InvalidInput, 'text (1–200,000 characters) and summary (1–2,000) are required');
  const { kind, text, summary, effectiveAt } = parsed.data;
  const publishedAt = clock();
  if (effectiveAt.getTime() < publishedAt.getTime()) {
    throw new PrivacyError(PrivacyErrorCode.InvalidEffectiveDate, 'effectiveAt must not be before the publication (now)');
  }
  const latest = await model.findOne({ kind }).sort({ version: -1 }).lean<PolicyVersionRecord>();
  if (latest !== null && effectiveAt.getTime() < latest.effectiveAt.getTime()) {
    throw new PrivacyError(PrivacyErrorCode.InvalidEffectiveDate, 'effectiveAt must not be before the latest version takes effect');
  }
  try {
    const doc = await model.create({ kind, version: (latest?.version ?? 0) + 1, text, summary, publishedAt, effectiveAt });
    return doc.toObject() as PolicyVersionRecord;
  } catch (error) {
    if ((error as { code?: number }).code === 11000) {
      throw new PrivacyError(PrivacyErrorCode.InvalidInput, 'Another version was published at the same time; try again');
    }
    throw error;
  }
}

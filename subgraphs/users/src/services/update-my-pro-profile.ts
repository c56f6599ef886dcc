import type { z } from 'zod';
import { UsersError, UsersErrorCode } from '../errors.ts';
import type { ProVerificationAuditModel } from '../models/pro-verification-audit.ts';
import type { UserModel, UserRecord } from '../models/user.ts';
import { parseInput } from './input.ts';
import { updateProProfileInput } from './pro-profile-input.ts';
import { editResubmits, nextVerificationStatus } from './pro-verification.ts';
import { requireActivePro } from './require-pro.ts';

/** Concurrent saves of one profile: the loser reads again and retries this many times. */
const ATTEMPTS = 3;

/**
 * Creates or replaces the caller's profile text (images are separate). The save is a
 * compare-and-set on the profile's `updatedAt`, so two concurrent saves never lose the
 * verification state. A (re)submission is audited as SUBMIT, after the write.
 */
export async function updateMyProProfile(
  deps: { User: UserModel; Audit: ProVerificationAuditModel },
  caller: { userId: string | null },
  input: z.input<typeof updateProProfileInput>,
): Promise<UserRecord> {
  const { companyName, ...text } = parseInput(updateProProfileInput, input);
  for (let attempt = 0; attempt < ATTEMPTS; attempt += 1) {
    const user = await requireActivePro(deps.User, caller.userId);
    const existing = user.proProfile ?? null;
    const from = existing?.verification.status ?? null;
    const resubmit = editResubmits(
      existing === null ? null : { status: existing.verification.status, companyName: user.companyName ?? null, categories: existing.categories },
      { companyName, categories: text.categories },
    );
    const now = new Date();
    const to = resubmit ? nextVerificationStatus('SUBMIT', from) : from;
    if (to === null) throw new UsersError(UsersErrorCode.InvalidTransition, 'The profile cannot be submitted now.');
    const verification =
      resubmit || existing === null
        ? { status: to, reason: null, submittedAt: now, decidedAt: null, decidedBy: null }
        : existing.verification;
    const proProfile = { ...text, verification, updatedAt: now };
    const { matchedCount } = await deps.User.updateOne(
      { _id: user._id, role: 'pro', disabledAt: null, 'proProfile.updatedAt': existing?.updatedAt ?? null },
      { $set: { companyName, proProfile } },
    );
    if (matchedCount === 0) continue;
    if (resubmit) {
      await deps.Audit.create({ proId: user._id, actorId: user._id.toHexString(), actorRole: 'pro', event: 'SUBMIT', from, to, reason: null, at: now });
    }
    return { ...user, companyName, proProfile } as UserRecord;
  }
  throw new UsersError(UsersErrorCode.InvalidTransition, 'The profile changed meanwhile. Try again.');
}

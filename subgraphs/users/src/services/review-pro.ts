import { parseObjectId } from '@leadgraph/db';
import { z } from 'zod';
import { UsersError, UsersErrorCode } from '../errors.ts';
import type { ProVerificationAuditModel } from '../models/pro-verification-audit.ts';
import type { UserModel, UserRecord } from '../models/user.ts';
import { parseInput } from './input.ts';
import { PRO_PROFILE_LIMITS } from './pro-profile-input.ts';
import { nextVerificationStatus } from './pro-verification.ts';

export const reviewProInput = z
  .object({
    proId: z.string().max(64),
    decision: z.enum(['VERIFY', 'REJECT']),
    reason: z
      .string()
      .trim()
      .max(PRO_PROFILE_LIMITS.reason)
      .nullish()
      .transform((v) => (v ? v : null)),
  })
  .refine((input) => input.decision !== 'REJECT' || input.reason !== null, { path: ['reason'], message: 'required to reject' });

/**
 * An admin's decision on a pro's profile, by the transitions table. The write is a
 * compare-and-set on the status the decision was made on, so two admins deciding at once
 * cannot both win (the second gets `CONFLICT`). Audited with who, when, decision and reason.
 */
export async function reviewPro(
  deps: { User: UserModel; Audit: ProVerificationAuditModel },
  admin: { userId: string | null },
  input: z.input<typeof reviewProInput>,
): Promise<UserRecord> {
  const { proId, decision, reason } = parseInput(reviewProInput, input);
  const id = parseObjectId(proId);
  if (id === null) throw new UsersError(UsersErrorCode.InvalidId, 'Invalid user id');
  if (admin.userId === null) throw new UsersError(UsersErrorCode.NotAllowed, 'Only an admin can review pros.');
  const user = await deps.User.findOne({ _id: id, role: 'pro' }).lean<UserRecord>();
  const current = user?.proProfile?.verification;
  if (user === null || current === undefined) throw new UsersError(UsersErrorCode.NotFound, 'No pro profile with this id.');
  const to = nextVerificationStatus(decision, current.status);
  if (to === null) throw new UsersError(UsersErrorCode.InvalidTransition, `A ${current.status} profile cannot be given ${decision}.`);
  const now = new Date();
  const verification = { status: to, reason: decision === 'REJECT' ? reason : null, submittedAt: current.submittedAt, decidedAt: now, decidedBy: admin.userId };
  const { matchedCount } = await deps.User.updateOne(
    { _id: id, 'proProfile.verification.status': current.status, 'proProfile.verification.submittedAt': current.submittedAt },
    { $set: { 'proProfile.verification': verification } },
  );
  if (matchedCount === 0) throw new UsersError(UsersErrorCode.InvalidTransition, 'The profile changed meanwhile. Reload it and decide again.');
  await deps.Audit.create({ proId: id, actorId: admin.userId, actorRole: 'admin', event: decision, from: current.status, to, reason, at: now });
  return { ...user, proProfile: { ...user.proProfile!, verification } } as UserRecord;
}

import { parseObjectId } from '@leadgraph/db';
import type { Identity } from '@leadgraph/identity';
import { Types } from 'mongoose';
import type { PrivacyDeps } from '../deps.ts';
import { PrivacyError, PrivacyErrorCode, invalidInput } from '../errors.ts';
import type { DataSubjectRequestRecord } from '../models/data-subject-request.ts';
import type { MinorFlagRecord } from '../models/minor-flag.ts';
import { actorOf } from './dsr-actor.ts';
import { fileDataSubjectRequest } from './dsr-file.ts';

/**
 * An admin flags an account as a minor's (nobody under 18 may use the platform; their data is
 * deleted). The flag is the audit (who, when, why), and an ERASURE request is filed on the
 * person's behalf through the same path as any request — verified by the admin's decision,
 * so it goes straight to IN_PROGRESS, where the erasure engine (next wave) carries it out.
 * An account is flagged once (ALREADY_FLAGGED).
 */
export async function flagMinor(deps: PrivacyDeps, identity: Identity, userId: string, reason: string): Promise<{ flag: MinorFlagRecord; erasure: DataSubjectRequestRecord }> {
  const subjectId = parseObjectId(userId);
  if (subjectId === null) throw new PrivacyError(PrivacyErrorCode.InvalidId, 'Invalid user id');
  const why = reason.trim();
  if (why.length < 3 || why.length > 2_000) throw new PrivacyError(PrivacyErrorCode.ReasonRequired, 'Flagging a minor needs a reason (3 to 2,000 characters)');
  if ((await deps.models.MinorFlag.exists({ userId: subjectId })) !== null) {
    throw new PrivacyError(PrivacyErrorCode.AlreadyFlagged, 'This account is already flagged as a minor');
  }
  const actor = actorOf(identity);
  if (actor.id === null) throw invalidInput('Only a signed-in admin can flag an account');
  const flagId = new Types.ObjectId();
  const erasure = await fileDataSubjectRequest(deps, {
    subjectId,
    actor,
    filedBy: `admin:${actor.id.toHexString()}`,
    authenticatedAt: null,
    verifiedBy: 'Account of a minor: erasure decided by an admin',
    input: { kind: 'ERASURE', details: null },
  });
  try {
    const flag = await deps.models.MinorFlag.create({ _id: flagId, userId: subjectId, reason: why, flaggedBy: actor.id, flaggedAt: deps.clock(), erasureRequestId: erasure._id });
    return { flag: flag.toObject() as MinorFlagRecord, erasure };
  } catch (error) {
    if ((error as { code?: number }).code === 11000) throw new PrivacyError(PrivacyErrorCode.AlreadyFlagged, 'This account is already flagged as a minor');
    throw error;
  }
}

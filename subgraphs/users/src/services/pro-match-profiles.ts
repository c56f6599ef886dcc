import { parseObjectId } from '@leadgraph/db';
import { UsersError, UsersErrorCode } from '../errors.ts';
import type { LeadCategory, UserModel, UserRecord } from '../models/user.ts';

/** Most ids one call may ask for (a lead's responders or a matching batch). */
export const MAX_MATCH_IDS = 500;

export interface ProMatchProfile {
  proId: string;
  matchable: boolean;
  categories: LeadCategory[];
  serviceAreas: Array<{ countryCode: string; postalPrefix: string }>;
}

/**
 * Whether a pro may be matched to leads: a pro account, not disabled, with a VERIFIED
 * profile. (Issue 7 adds restrictions here.)
 */
export function isMatchable(user: Pick<UserRecord, 'role' | 'disabledAt' | 'proProfile'>): boolean {
  return user.role === 'pro' && user.disabledAt == null && user.proProfile?.verification.status === 'VERIFIED';
}

/**
 * Matching data for the leads subgraph (contract C1), in the order asked, in one query.
 * Unknown and malformed ids are absent; so are accounts that are not pros.
 */
export async function proMatchProfiles(User: UserModel, ids: readonly string[]): Promise<ProMatchProfile[]> {
  if (ids.length > MAX_MATCH_IDS) throw new UsersError(UsersErrorCode.InvalidInput, `Invalid value for: ids (at most ${MAX_MATCH_IDS})`);
  const wanted = [...new Set(ids.flatMap((id) => parseObjectId(id)?.toHexString() ?? []))];
  const users = await User.find({ _id: { $in: wanted }, role: 'pro' }, { role: 1, disabledAt: 1, proProfile: 1 }).lean<UserRecord[]>();
  const byId = new Map(users.map((u) => [u._id.toHexString(), u]));
  return wanted.flatMap((id) => {
    const user = byId.get(id);
    if (user === undefined) return [];
    return [
      {
        proId: id,
        matchable: isMatchable(user),
        categories: (user.proProfile?.categories ?? []) as LeadCategory[],
        serviceAreas: (user.proProfile?.serviceAreas ?? []).map((a) => ({ countryCode: a.countryCode, postalPrefix: a.postalPrefix ?? '' })),
      },
    ];
  });
}

import { parseObjectId } from '@leadgraph/db';
import { UsersError, UsersErrorCode } from '../errors.ts';
import type { LeadCategory, UserModel, UserRecord } from '../models/user.ts';
import type { PrivacyPeer } from '../peers/privacy.ts';

/** Most ids one call may ask for (a lead's responders or a matching batch). */
export const MAX_MATCH_IDS = 500;

export interface ProMatchProfile {
  proId: string;
  matchable: boolean;
  categories: LeadCategory[];
  serviceAreas: Array<{ countryCode: string; postalPrefix: string }>;
}

/**
 * Whether a pro's account may be matched to leads: a pro account, not disabled, with a
 * VERIFIED profile. A standing restriction or objection (privacy subgraph) also rules them out:
 * see `proMatchProfiles`.
 */
export function isMatchable(user: Pick<UserRecord, 'role' | 'disabledAt' | 'proProfile'>): boolean {
  return user.role === 'pro' && user.disabledAt == null && user.proProfile?.verification.status === 'VERIFIED';
}

/**
 * Matching data for the leads subgraph (contract C1), in the order asked, in one query.
 * Unknown and malformed ids are absent; so are accounts that are not pros. A pro whose
 * processing is restricted (a RESTRICTION or OBJECTION request standing, asked of the privacy
 * subgraph in one call for the otherwise matchable ones) is not matchable; if privacy cannot
 * answer, the call fails (`SERVICE_UNAVAILABLE`) rather than match someone who objected.
 */
export async function proMatchProfiles(deps: { User: UserModel; privacy: PrivacyPeer }, ids: readonly string[]): Promise<ProMatchProfile[]> {
  const { User } = deps;
  if (ids.length > MAX_MATCH_IDS) throw new UsersError(UsersErrorCode.InvalidInput, `Invalid value for: ids (at most ${MAX_MATCH_IDS})`);
  const wanted = [...new Set(ids.flatMap((id) => parseObjectId(id)?.toHexString() ?? []))];
  const users = await User.find({ _id: { $in: wanted }, role: 'pro' }, { role: 1, disabledAt: 1, proProfile: 1 }).lean<UserRecord[]>();
  const byId = new Map(users.map((u) => [u._id.toHexString(), u]));
  const candidates = users.filter(isMatchable).map((u) => u._id.toHexString());
  const restricted = candidates.length === 0 ? new Set<string>() : await deps.privacy.restrictedIds(candidates);
  return wanted.flatMap((id) => {
    const user = byId.get(id);
    if (user === undefined) return [];
    return [
      {
        proId: id,
        matchable: isMatchable(user) && !restricted.has(id),
        categories: (user.proProfile?.categories ?? []) as LeadCategory[],
        serviceAreas: (user.proProfile?.serviceAreas ?? []).map((a) => ({ countryCode: a.countryCode, postalPrefix: a.postalPrefix ?? '' })),
      },
    ];
  });
}

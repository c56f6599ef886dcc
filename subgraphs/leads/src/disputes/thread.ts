import type { Page } from '@leadgraph/db';
import type { Identity } from '@leadgraph/identity';
import { normalizeAdminReason } from '@leadgraph/privacy-kit';
import { LeadsError, LeadsErrorCode } from '../errors.ts';
import type { Models } from '../loaders.ts';
import type { DisputeRecord } from '../models/dispute.ts';
import type { MessageRecord } from '../models/message.ts';
import { findKeysetPage, keysetRequest } from '../services/keyset.ts';
import { partyOf } from './access.ts';

/**
 * The disputed thread, oldest first: the only way an admin reads a thread between a client and
 * a pro. An admin must state a reason (`x-leadgraph-admin-reason`, privacy-kit's
 * `normalizeAdminReason`): without one the read is refused (ADMIN_REASON_REQUIRED) rather than
 * masked, because a list of "[redacted]" helps nobody decide a dispute. With one, each message
 * body is shown in clear by privacy-kit and that clear read goes to the access log
 * (`privacy_access_log`: the admin, both parties, `Message.body`, the reason). The parties read
 * their own thread.
 */
export function disputeThread(
  Message: Models['Message'],
  identity: Identity,
  adminReason: string | undefined,
  dispute: DisputeRecord,
  args: { first?: number | null; after?: string | null },
): Promise<Page<MessageRecord>> {
  const request = keysetRequest(args.first, args.after);
  if (partyOf(identity, dispute) === null) {
    if (identity.role !== 'admin') throw new LeadsError(LeadsErrorCode.NotFound, 'No such dispute');
    if (normalizeAdminReason(adminReason) === null) {
      throw new LeadsError(LeadsErrorCode.AdminReasonRequired, 'Reading a thread needs a stated reason (x-leadgraph-admin-reason)');
    }
  }
  return findKeysetPage<MessageRecord>(Message, { threadId: dispute.responseId }, request, 'asc');
}

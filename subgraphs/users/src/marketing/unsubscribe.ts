import { mailOutbox } from '@leadgraph/mail';
import type { Logger } from '@leadgraph/logging';
import type { Connection } from 'mongoose';
import { UsersError, UsersErrorCode } from '../errors.ts';
import type { UserModel, UserRecord } from '../models/user.ts';
import type { PrivacyPeer } from '../peers/privacy.ts';
import { verifyUnsubscribeToken } from './unsubscribe-token.ts';

export interface UnsubscribeDeps {
  User: UserModel;
  db: Connection;
  privacy: PrivacyPeer;
  unsubscribeKey: Buffer;
  logger: Logger;
}

/**
 * Follows an unsubscribe link: withdraws MARKETING consent through the privacy subgraph (a
 * refusal appended to the person's history, source EMAIL_LINK), unless it is not granted now
 * (clicking twice records nothing twice), and drops marketing mails still pending for them in
 * the outbox. A token this platform did not sign is `INVALID_UNSUBSCRIBE_TOKEN`; the log has the
 * user id only.
 */
export async function unsubscribe(deps: UnsubscribeDeps, token: string): Promise<void> {
  const userId = verifyUnsubscribeToken(deps.unsubscribeKey, token.trim().slice(0, 200));
  if (userId === null) throw new UsersError(UsersErrorCode.InvalidUnsubscribeToken, 'This unsubscribe link is not valid', 'token');
  const granted = await deps.privacy.marketingConsentIds([userId]);
  if (granted.has(userId)) await deps.privacy.withdrawMarketingConsent(userId, 'EMAIL_LINK');
  const user = await deps.User.findById(userId, { email: 1 }).lean<Pick<UserRecord, '_id' | 'email'>>();
  const dropped =
    user?.email == null ? 0 : (await mailOutbox(deps.db).deleteMany({ template: 'marketing', to: user.email, status: 'pending' })).deletedCount;
  deps.logger.info({ event: 'marketing.unsubscribed', userId, recorded: granted.has(userId), dropped }, 'unsubscribed from marketing');
}

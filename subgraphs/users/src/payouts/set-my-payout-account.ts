import { requireRecentAuthentication } from '@leadgraph/auth';
import { enqueueMail } from '@leadgraph/mail';
import type { Connection } from 'mongoose';
import { checkCurrentPassword, requireUserId } from '../auth/current-password.ts';
import type { Accounts } from '../context.ts';
import { UsersError, UsersErrorCode } from '../errors.ts';
import type { UserModel, UserRecord } from '../models/user.ts';
import type { PrivacyPeer } from '../peers/privacy.ts';
import { LIMITS, type Caller } from '../services/input.ts';
import { accountLast4 } from './fingerprint.ts';
import type { PayoutAccountModel, PayoutAccountRecord } from './model.ts';
import { parsePayoutAccount } from './payout-account-input.ts';

export interface SetPayoutAccountDeps {
  accounts: Accounts;
  User: UserModel;
  PayoutAccount: PayoutAccountModel;
  /** The users database: the outbox of the notification mail. */
  db: Connection;
  appUrl: string;
  /** Where the change is recorded as a security event of the pro (their technical data). */
  privacy: PrivacyPeer;
}

/**
 * Sets or replaces the caller's payout account: the details are checked first (IBAN country,
 * length and checksum, or a UK sort code and account number: `BAD_USER_INPUT` naming the field,
 * nothing stored), then a recent sign-in (`REAUTH_REQUIRED`) and the password, as for the
 * other changes an account takeover would want (email, deletion). The pro is then mailed
 * (`payout-account-changed`, last 4 characters only), so a change they did not make does not
 * go unnoticed, and a `PAYOUT_ACCOUNT_CHANGED` security event (with the caller's address) goes to
 * their technical data in the privacy subgraph: best effort, since the mail already tells them and
 * refusing the change because privacy is briefly down would help no one. The log has ids only.
 */
export async function setMyPayoutAccount(deps: SetPayoutAccountDeps, caller: Caller, input: unknown, password: string): Promise<PayoutAccountRecord> {
  const userId = requireUserId(caller.userId);
  const account = parsePayoutAccount(input);
  if (password.length > LIMITS.password) throw new UsersError(UsersErrorCode.InvalidInput, 'Invalid value for: password', 'password');
  requireRecentAuthentication(caller.authenticatedAt, deps.accounts.recentAuthMinutes);
  await checkCurrentPassword(deps.accounts.auth, { userId, password, ip: caller.ip });
  const user = await deps.User.findOne({ _id: userId, role: 'pro', disabledAt: null }, { name: 1, email: 1 }).lean<Pick<UserRecord, '_id' | 'name' | 'email'>>();
  if (user === null) throw new UsersError(UsersErrorCode.NotAllowed, 'Only an active pro account has a payout account');
  const updatedAt = new Date();
  const saved = await deps.PayoutAccount.findOneAndUpdate(
    { proId: user._id },
    { $set: { ...account, proId: user._id, updatedAt } },
    { upsert: true, returnDocument: 'after' },
  ).lean<PayoutAccountRecord>();
  if (saved === null) throw new Error('an upserted payout account is returned');
  await enqueueMail(deps.db, {
    template: 'payout-account-changed',
    to: user.email,
    data: { name: user.name, accountLast4: accountLast4(account), settingsUrl: `${deps.appUrl.replace(/\/+$/, '')}/settings/payouts` },
    dedupeKey: `payout-account-changed:${userId}:${updatedAt.getTime()}`,
  });
  await deps.privacy.recordSecurityEvent({ userId, event: 'PAYOUT_ACCOUNT_CHANGED', clientIp: caller.ip === 'unknown' ? null : caller.ip }).catch(() => {
    deps.accounts.auth.logger?.warn({ event: 'payout_account.security_event_failed', userId }, 'security event not recorded');
  });
  deps.accounts.auth.logger?.info({ event: 'payout_account.changed', userId, kind: account.kind }, 'payout account changed');
  return saved;
}

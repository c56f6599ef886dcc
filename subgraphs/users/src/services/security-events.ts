import type { Logger } from '@leadgraph/logging';
import type { UserModel } from '../models/user.ts';
import type { PrivacyPeer } from '../peers/privacy.ts';

/** The sign-in outcomes recorded as security events (technical data, kept 12 months by the privacy subgraph). */
export type SignInEvent = 'SIGN_IN' | 'SIGN_IN_FAILED';

/**
 * Reports a sign-in to the privacy subgraph's security events (legitimate interests: securing
 * accounts), off the request path: the answer to the person never waits for it, and a privacy
 * outage costs the record, not the sign-in. A failed attempt is recorded only for an existing
 * account (an unknown address has nobody to protect). The log keeps the event and a code,
 * never the address or the IP.
 */
export function reportSignIn(
  deps: { privacy: PrivacyPeer; User: UserModel; logger: Logger },
  attempt: { event: SignInEvent; userId?: string; email?: string; ip: string },
): void {
  void (async () => {
    const userId = attempt.userId ?? (await userIdOf(deps.User, attempt.email));
    if (userId === null) return;
    await deps.privacy.recordSecurityEvent({ userId, event: attempt.event, clientIp: attempt.ip === 'unknown' ? null : attempt.ip });
  })().catch((error: unknown) => {
    deps.logger.warn({ event: 'security_event.not_recorded', kind: attempt.event, code: (error as { extensions?: { code?: string } }).extensions?.code ?? 'ERROR' }, 'security event not recorded');
  });
}

async function userIdOf(User: UserModel, email: string | undefined): Promise<string | null> {
  if (email === undefined) return null;
  const user = await User.findOne({ email: email.trim().toLowerCase() }, { _id: 1 }).lean<{ _id: { toHexString(): string } }>();
  return user === null ? null : user._id.toHexString();
}

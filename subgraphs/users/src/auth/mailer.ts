import { randomBytes } from 'node:crypto';
import { sha256Hex, tokenModel, type AccountRecord, type ResetMailer, type SignUpMailer } from '@leadgraph/auth';
import { enqueueMail, mailOutbox } from '@leadgraph/mail';
import type { Connection } from 'mongoose';

/** Every mail the accounts flows send, through the outbox of the users database. */
export interface AccountMailer {
  signUp: SignUpMailer;
  reset: ResetMailer;
  /** The confirmation link for an address change, to the new address. */
  sendEmailChange(account: { id: string; name: string }, newEmail: string, token: string): Promise<void>;
  /** The one-time code of a privacy request made without signing in (`privacy-code`), to the account's address. */
  sendPrivacyCode(account: AccountRecord, code: string, expiresAt: Date): Promise<void>;
  /** The same database round trips as issuing and mailing a code, for an address without an account (no mail). */
  sendNoPrivacyCode(): Promise<void>;
}

/** Token-bearing links: `${appUrl}/verify-email?token=…`, `/reset-password?token=…`, `/confirm-email?token=…`. */
function link(appUrl: string, path: string, token: string): string {
  const url = new URL(path, appUrl.endsWith('/') ? appUrl : `${appUrl}/`);
  url.searchParams.set('token', token);
  return url.toString();
}

/**
 * Mails go into the outbox with a dedupe key per token (a retried request never mails twice).
 * Gaps in `@leadgraph/mail` (no templates of their own yet, and it is not ours to edit):
 * the "already registered" notice reuses `password-reset` with a link to the forgot-password
 * page, and the address-change confirmation reuses `welcome-verify` with the confirm link.
 */
export function createAccountMailer(db: Connection, appUrl: string): AccountMailer {
  return {
    signUp: {
      async sendVerification(account, token, expiresAt) {
        await enqueueMail(db, {
          template: 'welcome-verify',
          to: account.email,
          data: { name: account.name, verifyUrl: link(appUrl, 'verify-email', token) },
          dedupeKey: `welcome-verify:${account.id}:${expiresAt.getTime()}`,
        });
      },
      async sendAlreadyRegistered(account: AccountRecord) {
        await enqueueMail(db, {
          template: 'password-reset',
          to: account.email,
          data: { ...(account.name === undefined ? {} : { name: account.name }), resetUrl: new URL('forgot-password', `${appUrl.replace(/\/$/, '')}/`).toString() },
        });
      },
    },
    reset: {
      async sendResetLink(account, token, expiresAt) {
        await enqueueMail(db, {
          template: 'password-reset',
          to: account.email,
          data: { ...(account.name === undefined ? {} : { name: account.name }), resetUrl: link(appUrl, 'reset-password', token) },
          dedupeKey: `password-reset:${account.id}:${expiresAt.getTime()}`,
        });
      },
      /**
       * No mail to an address without an account (it would be mail to a stranger), but the
       * same database round trips as issuing a token and enqueueing a mail, so the answer
       * takes about as long either way.
       */
      async sendNoAccountNotice() {
        const decoy = sha256Hex(randomBytes(32).toString('base64url'));
        await tokenModel(db).updateMany({ _id: decoy, purpose: 'reset-password', usedAt: null }, { $set: { usedAt: new Date() } });
        await tokenModel(db).exists({ _id: decoy });
        await mailOutbox(db).exists({ dedupeKey: `password-reset:${decoy}` });
      },
    },
    async sendPrivacyCode(account, code, expiresAt) {
      await enqueueMail(db, {
        template: 'privacy-code',
        to: account.email,
        data: { ...(account.name === undefined ? {} : { name: account.name }), code, requestUrl: new URL('privacy/request', `${appUrl.replace(/\/$/, '')}/`).toString() },
        dedupeKey: `privacy-code:${account.id}:${expiresAt.getTime()}`,
      });
    },
    async sendNoPrivacyCode() {
      const decoy = sha256Hex(randomBytes(32).toString('base64url'));
      await tokenModel(db).create({ _id: decoy, userId: 'none', purpose: 'privacy-code', expiresAt: new Date(0), usedAt: new Date(0), createdAt: new Date() });
      await tokenModel(db).deleteMany({ _id: decoy });
      await mailOutbox(db).exists({ dedupeKey: `privacy-code:${decoy}` });
    },
    async sendEmailChange(account, newEmail, token) {
      await enqueueMail(db, {
        template: 'welcome-verify',
        to: newEmail,
        data: { name: account.name, verifyUrl: link(appUrl, 'confirm-email', token) },
      });
    },
  };
}

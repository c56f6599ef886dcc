import type { MutationResolvers } from '../__generated__/resolvers-types.ts';
import type { Context } from '../context.ts';
import { changePassword } from '../services/change-password.ts';
import { confirmEmailChange } from '../services/confirm-email-change.ts';
import { deleteMyAccount } from '../services/delete-my-account.ts';
import { removeProImage } from '../services/remove-pro-image.ts';
import { requestEmailChange } from '../services/request-email-change.ts';
import { requestPasswordReset } from '../services/request-password-reset.ts';
import { fileDataSubjectRequestWithCode, requestPrivacyRequestCode } from '../services/privacy-request-code.ts';
import { resendVerification } from '../services/resend-verification.ts';
import { resetPassword } from '../services/reset-password.ts';
import { reviewPro } from '../services/review-pro.ts';
import { sendServiceMessage } from '../services/send-service-message.ts';
import { reportSignIn } from '../services/security-events.ts';
import { signIn } from '../services/sign-in.ts';
import { signOutEverywhere } from '../services/sign-out-everywhere.ts';
import { signOut } from '../services/sign-out.ts';
import { signUp } from '../services/sign-up.ts';
import { updateMyProProfile } from '../services/update-my-pro-profile.ts';
import { uploadProImage } from '../services/upload-pro-image.ts';
import { verifyEmail } from '../services/verify-email.ts';
import { callerOf } from './caller.ts';
import { imageView, proProfileView } from './pro-profile-view.ts';

/** GraphQL `AccountRole` values and the lowercase role stored in the database. */
const ACCOUNT_ROLES = { CLIENT: 'client', PRO: 'pro' } as const;

/** The profile a mutation just wrote, as its caller sees it (always visible to the pro and to admins). */
async function written(user: Awaited<ReturnType<typeof updateMyProProfile>>, ctx: Context) {
  const view = await proProfileView(user, ctx);
  if (view === null) throw new Error('a written pro profile is visible to its writer');
  return view;
}

/** Thin: each mutation is one service call; the session hand-off header is set here. */
export const Mutation: MutationResolvers = {
  signUp: async (_p, { input }, ctx) => {
    await signUp(ctx.accounts, ctx.models.User, { ...input, role: ACCOUNT_ROLES[input.role], ip: callerOf(ctx).ip });
    return { accepted: true };
  },
  verifyEmail: async (_p, args, ctx) => {
    await verifyEmail(ctx.accounts, args);
    return true;
  },
  resendVerification: async (_p, args, ctx) => {
    await resendVerification(ctx.accounts, ctx.models.User, { ...args, ip: callerOf(ctx).ip });
    return true;
  },
  signIn: async (_p, args, ctx) => {
    const ip = callerOf(ctx).ip;
    const report = { privacy: ctx.marketplace.privacy, User: ctx.models.User, logger: ctx.logger };
    const { user, token, session } = await signIn(ctx.accounts, ctx.models.User, { ...args, ip }).catch((error: unknown) => {
      if ((error as { code?: unknown }).code === 'INVALID_CREDENTIALS') reportSignIn(report, { event: 'SIGN_IN_FAILED', email: args.email, ip });
      throw error;
    });
    reportSignIn(report, { event: 'SIGN_IN', userId: session.userId, ip });
    ctx.session.set(token, session.expiresAt);
    // From here on this request is the signed-in user's: the payload shows them their own data.
    ctx.identity = {
      ...ctx.identity,
      userId: session.userId,
      role: session.role,
      sessionId: session.handle,
      authenticatedAt: session.authenticatedAt.getTime(),
    };
    return { user };
  },
  signOut: async (_p, _a, ctx) => {
    await signOut(ctx.accounts, callerOf(ctx));
    ctx.session.clear();
    return true;
  },
  signOutEverywhere: async (_p, _a, ctx) => {
    await signOutEverywhere(ctx.accounts, callerOf(ctx));
    ctx.session.clear();
    return true;
  },
  requestPasswordReset: async (_p, args, ctx) => {
    await requestPasswordReset(ctx.accounts, { ...args, ip: callerOf(ctx).ip });
    return true;
  },
  requestPrivacyRequestCode: async (_p, args, ctx) => {
    await requestPrivacyRequestCode(ctx.accounts, { ...args, ip: callerOf(ctx).ip });
    return true;
  },
  fileDataSubjectRequestWithCode: async (_p, { input }, ctx) =>
    fileDataSubjectRequestWithCode(ctx.accounts, ctx.marketplace.privacy, { ...input, ip: callerOf(ctx).ip }),
  resetPassword: async (_p, args, ctx) => {
    const { userId } = await resetPassword(ctx.accounts, args);
    if (ctx.identity.userId === userId) ctx.session.clear();
    return true;
  },
  changePassword: async (_p, args, ctx) => {
    await changePassword(ctx.accounts, callerOf(ctx), args);
    return true;
  },
  requestEmailChange: async (_p, args, ctx) => {
    await requestEmailChange(ctx.accounts, ctx.models.User, callerOf(ctx), args);
    return true;
  },
  confirmEmailChange: async (_p, args, ctx) => {
    await confirmEmailChange(ctx.accounts, ctx.models.User, args);
    return true;
  },
  deleteMyAccount: async (_p, args, ctx) => {
    await deleteMyAccount(ctx.accounts, ctx.models.User, callerOf(ctx), args);
    ctx.session.clear();
    return true;
  },
  updateMyProProfile: async (_p, { input }, ctx) => {
    const user = await updateMyProProfile({ User: ctx.models.User, Audit: ctx.models.ProVerificationAudit }, callerOf(ctx), input);
    return written(user, ctx);
  },
  uploadProImage: async (_p, { input }, ctx) => {
    const { bucket, limits, mediaBaseUrl } = ctx.marketplace;
    const image = await uploadProImage({ User: ctx.models.User, ProImage: ctx.models.ProImage, bucket, limits }, callerOf(ctx), input);
    return imageView(image, mediaBaseUrl);
  },
  removeProImage: async (_p, { id }, ctx) => {
    await removeProImage({ User: ctx.models.User, ProImage: ctx.models.ProImage, bucket: ctx.marketplace.bucket }, callerOf(ctx), id);
    return true;
  },
  reviewPro: async (_p, { input }, ctx) => {
    const user = await reviewPro({ User: ctx.models.User, Audit: ctx.models.ProVerificationAudit }, callerOf(ctx), input);
    // Ids and the decision only: the reason is free text and stays in the audit collection.
    ctx.logger.info({ event: 'pro.reviewed', proId: input.proId, decision: input.decision, adminId: ctx.identity.userId }, 'pro profile reviewed');
    return written(user, ctx);
  },
  sendServiceMessage: (_p, { input }, ctx) =>
    sendServiceMessage({ User: ctx.models.User, db: ctx.marketplace.db, appUrl: ctx.marketplace.appUrl }, input),
};

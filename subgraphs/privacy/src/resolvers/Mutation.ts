import { parseObjectId } from '@leadgraph/db';
import { Types } from 'mongoose';
import type { MutationResolvers } from '../__generated__/resolvers-types.ts';
import { callerConsentSubject } from '../services/caller-consent.ts';
import { requireConsentSubject } from '../services/consent-subject.ts';
import { actorOf } from '../services/dsr-actor.ts';
import { fileDataSubjectRequest } from '../services/dsr-file.ts';
import { fileVerifiedDataSubjectRequest } from '../services/dsr-file-verified.ts';
import { liftRestriction } from '../services/dsr-lift.ts';
import { updateDataSubjectRequest } from '../services/dsr-update.ts';
import { verifyDataSubjectRequest } from '../services/dsr-verify.ts';
import { flagMinor } from '../services/minors.ts';
import { myConsent } from '../services/my-consent.ts';
import { publishPolicyVersion } from '../services/policies.ts';
import { addProcessor, removeProcessor, updateProcessor } from '../services/processors.ts';
import { PrivacyError, PrivacyErrorCode } from '../errors.ts';
import { setConsent } from '../services/set-consent.ts';
import { recordPageView, recordSecurityEvent } from '../services/technical-data.ts';
import { withdrawConsentFor } from '../services/withdraw-consent.ts';
import { minorFlagShape, policyShape, processorShape, requestShape } from './shapes.ts';

export const Mutation: MutationResolvers = {
  publishPolicyVersion: async (_p, { input }, ctx) => policyShape(await publishPolicyVersion(ctx.models.PolicyVersion, ctx.deps.clock, input)),

  setConsent: async (_p, { input }, ctx) => {
    await callerConsentSubject(ctx.deps, ctx.identity, ctx.visitor);
    const subject = requireConsentSubject(ctx.identity, ctx.visitor);
    await setConsent({ consent: ctx.models.ConsentRecord, policies: ctx.models.PolicyVersion, subject, gpc: ctx.visitor.gpc, now: ctx.deps.clock(), input });
    return myConsent(ctx.models.ConsentRecord, subject, ctx.visitor.gpc);
  },

  withdrawConsent: async (_p, { input }, ctx) => {
    const userId = parseObjectId(input.userId);
    if (userId === null) throw new PrivacyError(PrivacyErrorCode.InvalidId, 'Invalid user id');
    return withdrawConsentFor(ctx.models, { userId, purpose: input.purpose, source: input.source }, ctx.deps.clock());
  },

  recordPageView: async (_p, { input }, ctx) =>
    recordPageView({
      events: ctx.models.TechnicalEvent,
      consent: ctx.models.ConsentRecord,
      subject: await callerConsentSubject(ctx.deps, ctx.identity, ctx.visitor),
      clientIp: ctx.identity.clientIp,
      userAgent: ctx.visitor.userAgent,
      now: ctx.deps.clock(),
      input,
    }),
  recordSecurityEvent: (_p, { input }, ctx) => recordSecurityEvent(ctx.models.TechnicalEvent, ctx.deps.clock(), input),

  fileDataSubjectRequest: async (_p, { input }, ctx) =>
    requestShape(
      await fileDataSubjectRequest(ctx.deps, {
        subjectId: new Types.ObjectId(ctx.identity.userId!),
        actor: actorOf(ctx.identity),
        filedBy: 'subject',
        authenticatedAt: ctx.identity.authenticatedAt,
        input,
      }),
    ),
  verifyDataSubjectRequest: async (_p, { id }, ctx) => requestShape(await verifyDataSubjectRequest(ctx.deps, ctx.identity, id)),
  fileVerifiedDataSubjectRequest: async (_p, { input }, ctx) => requestShape(await fileVerifiedDataSubjectRequest(ctx.deps, input)),
  liftMyRestriction: async (_p, { requestId }, ctx) => requestShape(await liftRestriction(ctx.deps, ctx.identity, { requestId, requester: true })),
  liftRestriction: async (_p, { requestId, reason }, ctx) =>
    requestShape(await liftRestriction(ctx.deps, ctx.identity, { requestId, requester: false, reason })),
  updateDataSubjectRequest: async (_p, { input }, ctx) => requestShape(await updateDataSubjectRequest(ctx.deps, ctx.identity, input)),

  flagMinor: async (_p, { userId, reason }, ctx) => {
    const { flag, erasure } = await flagMinor(ctx.deps, ctx.identity, userId, reason);
    return { ...minorFlagShape(flag), erasureRequest: requestShape(erasure) };
  },

  addProcessor: async (_p, { input }, ctx) => processorShape(await addProcessor(ctx.models.Processor, input)),
  updateProcessor: async (_p, { id, input }, ctx) => processorShape(await updateProcessor(ctx.models.Processor, id, input)),
  removeProcessor: (_p, { id }, ctx) => removeProcessor(ctx.models.Processor, id),
};

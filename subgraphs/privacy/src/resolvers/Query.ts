import { parseObjectId, findPage } from '@leadgraph/db';
import { Types } from 'mongoose';
import type { DataSubject, QueryResolvers } from '../__generated__/resolvers-types.ts';
import { PrivacyError, PrivacyErrorCode } from '../errors.ts';
import type { ConsentRecord } from '../models/consent-record.ts';
import type { TechnicalEventRecord } from '../models/technical-event.ts';
import { callerConsentSubject } from '../services/caller-consent.ts';
import { decisionsFor } from '../services/consent-state.ts';
import { subjectFilter } from '../services/consent-subject.ts';
import { consentStatus } from '../services/consent-status.ts';
import { findVisibleRequest } from '../services/dsr-find.ts';
import { listOwnRequests, listQueue } from '../services/dsr-list.ts';
import { downloadExport } from '../services/export-artifact.ts';
import { myConsent } from '../services/my-consent.ts';
import { pageRequest } from '../services/page-request.ts';
import { currentPolicy, listPolicyVersions, upcomingPolicy } from '../services/policies.ts';
import { processorRegister } from '../services/processors.ts';
import { processingRestricted } from '../services/restrictions.ts';
import { retentionSchedule } from '../services/retention.ts';
import { serviceStatus } from '../services/service-status.ts';
import { subjectObjectId } from '../services/data-subject.ts';
import { recordOfProcessing } from '../services/record-of-processing.ts';
import { accessDenied } from '@leadgraph/authz';
import { mayReadDataSubject } from '@leadgraph/privacy-kit';
import { connection, consentShape, policyShape, processorShape, requestShape, technicalShape } from './shapes.ts';

/** User ids from a service's batch, each validated (one bad id fails the batch with INVALID_ID). */
function userIds(ids: readonly string[]): Types.ObjectId[] {
  if (ids.length > 500) throw new PrivacyError(PrivacyErrorCode.InvalidInput, 'At most 500 ids per call');
  return ids.map((id) => {
    const objectId = parseObjectId(id);
    if (objectId === null) throw new PrivacyError(PrivacyErrorCode.InvalidId, 'Invalid user id');
    return objectId;
  });
}

const signedInUserId = (userId: string | null) => new Types.ObjectId(userId!);

export const Query: QueryResolvers = {
  privacyService: (_parent, _args, ctx) => serviceStatus(ctx.databaseReachable),

  currentPolicy: async (_p, { kind }, ctx) => {
    const found = await currentPolicy(ctx.models.PolicyVersion, kind, ctx.deps.clock());
    return found && policyShape(found);
  },
  upcomingPolicy: async (_p, { kind }, ctx) => {
    const found = await upcomingPolicy(ctx.models.PolicyVersion, kind, ctx.deps.clock());
    return found && policyShape(found);
  },
  policyVersions: async (_p, { kind }, ctx) => (await listPolicyVersions(ctx.models.PolicyVersion, kind)).map(policyShape),
  myConsentStatus: async (_p, _a, ctx) => {
    await callerConsentSubject(ctx.deps, ctx.identity, ctx.visitor);
    const statuses = await consentStatus({
      consent: ctx.models.ConsentRecord,
      policies: ctx.models.PolicyVersion,
      userId: signedInUserId(ctx.identity.userId),
      now: ctx.deps.clock(),
    });
    return statuses.map((s) => ({ ...s, current: s.current && policyShape(s.current), upcoming: s.upcoming && policyShape(s.upcoming) }));
  },

  myConsent: async (_p, _a, ctx) => myConsent(ctx.models.ConsentRecord, await callerConsentSubject(ctx.deps, ctx.identity, ctx.visitor), ctx.visitor.gpc),
  myConsentHistory: async (_p, { first, after }, ctx) => {
    const request = pageRequest(first, after);
    const subject = await callerConsentSubject(ctx.deps, ctx.identity, ctx.visitor);
    if (subject === null) return { edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
    return connection(await findPage<ConsentRecord>(ctx.models.ConsentRecord, subjectFilter(subject), request), consentShape);
  },
  consentDecision: async (_p, { userId, purpose }, ctx) => (await decisionsFor(ctx.models.ConsentRecord, userIds([userId]), purpose))[0]!,
  consentDecisions: (_p, { userIds: ids, purpose }, ctx) => decisionsFor(ctx.models.ConsentRecord, userIds(ids), purpose),

  myTechnicalData: async (_p, { first, after }, ctx) =>
    connection(
      await findPage<TechnicalEventRecord>(ctx.models.TechnicalEvent, { userId: signedInUserId(ctx.identity.userId) }, pageRequest(first, after)),
      technicalShape,
    ),

  myDataSubjectRequests: async (_p, { first, after }, ctx) =>
    connection(await listOwnRequests(ctx.models.DataSubjectRequest, signedInUserId(ctx.identity.userId), first, after), requestShape),
  dataSubjectRequest: async (_p, { id }, ctx) => requestShape(await findVisibleRequest(ctx.deps, ctx.identity, id)),
  dataSubjectRequests: async (_p, { first, after, status }, ctx) =>
    connection(await listQueue(ctx.models.DataSubjectRequest, { first, after, status }), requestShape),
  dataExport: (_p, { token }, ctx) => downloadExport(ctx.deps, ctx.identity, token),
  processingRestricted: (_p, { userIds: ids }, ctx) => processingRestricted(ctx.models.DataSubjectRequest, userIds(ids)),

  /** The export's root: a service exporting (`personal:export`) or an admin; the subgraphs resolve the rest. */
  dataSubject: (_p, { id }, ctx) => {
    if (!mayReadDataSubject(ctx.identity)) throw accessDenied('FORBIDDEN');
    // Only the id: every field of DataSubject (in each subgraph) resolves from it.
    return { id: subjectObjectId(id).toHexString() } as DataSubject;
  },
  recordOfProcessing: async (_p, _a, ctx) => {
    const record = await recordOfProcessing(ctx.models, ctx.deps.supergraphSdl(), ctx.deps.collectionsByField);
    return { ...record, processors: record.processors.map(processorShape) };
  },

  processorRegister: async (_p, _a, ctx) => {
    const register = await processorRegister(ctx.models.Processor);
    return { ...register, processors: register.processors.map(processorShape) };
  },

  retentionSchedule: (_p, _a, ctx) => retentionSchedule(ctx.scheduler),
};

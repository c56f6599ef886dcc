import { accessDenied } from '@leadgraph/authz';
import { mayReadDataSubject } from '@leadgraph/privacy-kit';
import type { DataSubjectResolvers } from '../__generated__/resolvers-types.ts';
import type { Context } from '../context.ts';
import { consentHistoryOf, minorFlagsOf, requestsOf, subjectObjectId, technicalEventsOf } from '../services/data-subject.ts';
import { consentShape, minorFlagShape, requestShape, technicalShape } from './shapes.ts';

/** Contract P1: a platform service exporting (`personal:export`) or an admin; FORBIDDEN otherwise. */
function guard(ctx: Context): void {
  if (!mayReadDataSubject(ctx.identity)) throw accessDenied('FORBIDDEN');
}

/** This subgraph's part of a person's data export, and the export's root (`Query.dataSubject`). */
export const DataSubject: DataSubjectResolvers = {
  __resolveReference: (reference) => reference,
  consentHistory: async (subject, _args, ctx) => {
    guard(ctx);
    return (await consentHistoryOf(ctx.models, subjectObjectId(subject.id))).map(consentShape);
  },
  pageViews: async (subject, _args, ctx) => {
    guard(ctx);
    return (await technicalEventsOf(ctx.models, subjectObjectId(subject.id), 'PAGE_VIEW')).map(technicalShape);
  },
  securityEvents: async (subject, _args, ctx) => {
    guard(ctx);
    return (await technicalEventsOf(ctx.models, subjectObjectId(subject.id), 'SECURITY')).map(technicalShape);
  },
  dataSubjectRequests: async (subject, _args, ctx) => {
    guard(ctx);
    return (await requestsOf(ctx.models, subjectObjectId(subject.id))).map(requestShape);
  },
  minorFlags: async (subject, _args, ctx) => {
    guard(ctx);
    const flags = await minorFlagsOf(ctx.models, subjectObjectId(subject.id));
    return flags.flatMap(({ flag, request }) => (request === null ? [] : [{ ...minorFlagShape(flag), erasureRequest: requestShape(request) }]));
  },
};

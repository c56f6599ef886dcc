import { accessDenied } from '@leadgraph/authz';
import { mayReadDataSubject } from '@leadgraph/privacy-kit';
import type { DataSubjectResolvers } from '../__generated__/resolvers-types.ts';
import { accountOf } from '../services/data-subject.ts';

/** This subgraph's part of a person's data export; the privacy subgraph serves the root. */
export const DataSubject: DataSubjectResolvers = {
  __resolveReference: (reference) => reference,
  /** Contract P1: a platform service exporting (`personal:export`) or an admin; FORBIDDEN otherwise. */
  account: (subject, _args, ctx) => {
    if (!mayReadDataSubject(ctx.identity)) throw accessDenied('FORBIDDEN');
    return accountOf(ctx.loaders, subject.id);
  },
};

import type { DataSubjectRequestResolvers } from '../__generated__/resolvers-types.ts';
import { exportView } from '../services/export-artifact.ts';

export const DataSubjectRequest: DataSubjectRequestResolvers = {
  /** The export of a completed ACCESS request: its download token only for the requester. */
  export: async (request, _args, ctx) => {
    if (request.kind !== 'ACCESS' || request.status !== 'COMPLETED') return null;
    const artifact = await ctx.loaders.exportByRequest.load(request.id);
    return artifact && exportView(ctx.deps, artifact, ctx.identity.userId === request.subjectId);
  },
};

import { checkEraseInput, checkScanInput, scanForValues, type PrivacyInputProblem } from '@leadgraph/privacy-kit';
import type { MutationResolvers, QueryResolvers } from '../__generated__/resolvers-types.ts';
import { PrivacyError, PrivacyErrorCode } from '../errors.ts';
import { erasePrivacySubject } from './erase.ts';

const SUBGRAPH = 'privacy';

function refuse(problem: PrivacyInputProblem): never {
  throw new PrivacyError(problem.kind === 'id' ? PrivacyErrorCode.InvalidId : PrivacyErrorCode.InvalidInput, problem.message);
}

/** Contract P3 (`@access` lets only the service identity in). */
export const privacyQuery: Pick<QueryResolvers, 'scanForValues'> = {
  scanForValues: async (_parent, { input }, ctx) => {
    const problem = checkScanInput(input);
    if (problem !== null) refuse(problem);
    return scanForValues({ connection: ctx.models.DataSubjectRequest.db, values: input.values });
  },
};

/** Contract P2. */
export const privacyMutation: Pick<MutationResolvers, 'eraseDataSubject'> = {
  eraseDataSubject: async (_parent, { input }, ctx) => {
    const problem = checkEraseInput(input);
    if (problem !== null) refuse(problem);
    const result = await erasePrivacySubject(ctx.models.DataSubjectRequest.db, input.subjectId, ctx.deps.clock());
    ctx.logger.info({ event: 'privacy.erasure', subjectId: input.subjectId, requestId: input.requestId, collections: result.collections.length }, 'subject erased');
    return { subgraph: SUBGRAPH, collections: result.collections, heldUntil: result.heldUntil };
  },
};

export { PERSONAL_SCHEMAS, personalDeclarations } from './storage.ts';

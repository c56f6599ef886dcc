import { checkEraseInput, checkScanInput, scanForValues, type PrivacyInputProblem } from '@leadgraph/privacy-kit';
import type { MutationResolvers, QueryResolvers } from '../__generated__/resolvers-types.ts';
import { ReviewsError, ReviewsErrorCode } from '../errors.ts';
import { eraseReviewsSubject } from './erase.ts';

const SUBGRAPH = 'reviews';

function refuse(problem: PrivacyInputProblem): never {
  throw new ReviewsError(problem.kind === 'id' ? ReviewsErrorCode.InvalidId : ReviewsErrorCode.InvalidInput, problem.message, [problem.field]);
}

/** Contract P3 (`@access` lets only the service identity in). */
export const privacyQuery: Pick<QueryResolvers, 'scanForValues'> = {
  scanForValues: async (_parent, { input }, ctx) => {
    const problem = checkScanInput(input);
    if (problem !== null) refuse(problem);
    return scanForValues({ connection: ctx.models.Review.db, values: input.values });
  },
};

/** Contract P2. */
export const privacyMutation: Pick<MutationResolvers, 'eraseDataSubject'> = {
  eraseDataSubject: async (_parent, { input }, ctx) => {
    const problem = checkEraseInput(input);
    if (problem !== null) refuse(problem);
    const result = await eraseReviewsSubject(ctx.models.Review.db, input.subjectId, new Date());
    ctx.logger.info({ event: 'privacy.erasure', subjectId: input.subjectId, requestId: input.requestId, collections: result.collections.length }, 'subject erased');
    return { subgraph: SUBGRAPH, collections: result.collections, heldUntil: result.heldUntil };
  },
};

export { PERSONAL_SCHEMAS, personalDeclarations } from './storage.ts';

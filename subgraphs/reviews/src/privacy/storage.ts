import type { Schema } from 'mongoose';
import { readPersonalDeclarations } from '@leadgraph/privacy-kit';
import { readSubgraphSdl } from '@leadgraph/service-kit';
import { reviewSchema } from '../models/review.ts';

/**
 * The reviews database's collections that hold personal data: reviews, co-owned by their author
 * (text, link, rating) and the reviewed pro (the reply). `pro_ratings` holds counts per pro,
 * which an erasure leaves right: the author's rating is kept, unlinked.
 */
export const PERSONAL_SCHEMAS: readonly Schema[] = [reviewSchema];

/** This subgraph's own `@personal` declarations (its SDL), which decide each value's erasure and retention. */
export const personalDeclarations = readPersonalDeclarations(readSubgraphSdl(new URL('../../../../schema/reviews.graphql', import.meta.url)));

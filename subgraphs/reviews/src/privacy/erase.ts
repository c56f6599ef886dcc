import type { Connection } from 'mongoose';
import { eraseSubject, type ErasureResult } from '@leadgraph/privacy-kit';
import { PERSONAL_SCHEMAS, personalDeclarations } from './storage.ts';

/**
 * Contract P2 for the reviews subgraph, per README "Personal data": the author's text and link
 * are deleted, the rating is kept unlinked (so `pro_ratings`, counts per pro, stay right without
 * a change), and a pro's reply text is deleted on the pro's erasure.
 */
export function eraseReviewsSubject(connection: Connection, subjectId: string, now: Date): Promise<ErasureResult> {
  return eraseSubject({ connection, schemas: PERSONAL_SCHEMAS, declarations: personalDeclarations, subjectId, now });
}

import { Types, type Connection } from 'mongoose';
import { eraseSubject, type ErasureResult } from '@leadgraph/privacy-kit';
import { exportArtifactModel } from '../models/export-artifact.ts';
import { PERSONAL_SCHEMAS, personalDeclarations } from './storage.ts';

/**
 * Contract P2 for the privacy subgraph's own data: consent history, technical data and minor
 * flags per their declarations (deleted); the data-subject requests are a legal obligation
 * record, kept under LEGAL_HOLD (their details held until `heldUntil`, then deleted by the
 * retention job). The subject's export artifacts (a copy of their data) are deleted.
 */
export async function erasePrivacySubject(connection: Connection, subjectId: string, now: Date): Promise<ErasureResult> {
  const exports = await exportArtifactModel(connection).deleteMany({ subjectId: new Types.ObjectId(subjectId) });
  const result = await eraseSubject({ connection, schemas: PERSONAL_SCHEMAS, declarations: personalDeclarations, subjectId, now });
  if (exports.deletedCount === 0) return result;
  const collections = [...result.collections, { collection: 'export_artifacts', deleted: exports.deletedCount, anonymized: 0, held: 0 }];
  return { ...result, collections: collections.sort((a, b) => a.collection.localeCompare(b.collection)) };
}

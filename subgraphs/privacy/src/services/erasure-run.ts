import { erasableValues, personalValuesOf } from '@leadgraph/privacy-kit';
import type { PrivacyDeps } from '../deps.ts';
import { PrivacyError, PrivacyErrorCode } from '../errors.ts';
import type {
  DataSubjectRequestRecord,
  ErasureRecord,
  ErasureVerificationRecord,
  SubgraphErasureRecord,
} from '../models/data-subject-request.ts';
import type { ExportArtifactRecord } from '../models/export-artifact.ts';
import { ERASURE_SUBGRAPHS } from './erasure-peers.ts';

/**
 * Carries out an ERASURE request (contract P4), the minors' ones included:
 * 1. the generated export: the person's former personal values, kept in memory only;
 * 2. `eraseDataSubject` on every subgraph not done yet, all at once, each recorded on the request
 *    as soon as it finishes, so that a rerun after a failure resumes with the ones left (the
 *    erasures are idempotent themselves); the person's own export archives go too;
 * 3. verification: the export again (it must hold none of the former values) and
 *    `scanForValues` on every subgraph (in parallel) with the former values, held ones
 *    (LEGAL_HOLD) left out;
 * 4. the result on the request: counts and locations, never a value.
 * Throws ERASURE_FAILED (progress kept) or EXPORT_FAILED when a service cannot answer.
 */
export async function runErasure(deps: PrivacyDeps, request: DataSubjectRequestRecord): Promise<ErasureRecord> {
  const subjectId = request.subjectId.toHexString();
  const requestId = request._id.toHexString();
  const model = deps.models.DataSubjectRequest;

  const before = await deps.exporter.run(subjectId);
  const former = erasableValues(personalValuesOf(before.plan, before.subject));

  let erasure: ErasureRecord = request.erasure ?? { startedAt: deps.clock(), subgraphs: [], verification: null };
  if (request.erasure == null) await model.updateOne({ _id: request._id }, { $set: { erasure } });
  // Every subgraph not done yet, at the same time; each recorded as soon as it finishes.
  const pending = ERASURE_SUBGRAPHS.filter((subgraph) => !erasure.subgraphs.some((done) => done.subgraph === subgraph));
  const outcomes = await Promise.allSettled(
    pending.map(async (subgraph) => {
      const report = await deps.erasurePeers.erase(subgraph, subjectId, requestId);
      const entry: SubgraphErasureRecord = {
        subgraph,
        erasedAt: deps.clock(),
        collections: report.collections.map(({ collection, deleted, anonymized, held }) => ({ collectionName: collection, deleted, anonymized, held })),
        heldUntil: report.heldUntil === null ? null : new Date(report.heldUntil),
      };
      await model.updateOne({ _id: request._id }, { $push: { 'erasure.subgraphs': entry } });
      if (subgraph === 'privacy') await deleteSubjectExports(deps, request);
      return entry;
    }),
  );
  const done = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  const order = (name: string) => (ERASURE_SUBGRAPHS as readonly string[]).indexOf(name);
  erasure = { ...erasure, subgraphs: [...erasure.subgraphs, ...done].sort((a, b) => order(a.subgraph) - order(b.subgraph)) };
  const failed = pending.filter((_, index) => outcomes[index]!.status === 'rejected');
  if (failed.length > 0) {
    throw new PrivacyError(PrivacyErrorCode.ErasureFailed, `The ${failed.join(', ')} service could not erase now; the progress is saved: complete the request again to resume`);
  }

  const after = await deps.exporter.run(subjectId, { partial: true });
  const remaining = new Set(
    personalValuesOf(after.plan, after.subject)
      .filter((found) => typeof found.value === 'string')
      .map((found) => String(found.value).trim().toLowerCase()),
  );
  const exportHits = former.values.filter((value) => remaining.has(value.toLowerCase())).length;
  const scanned = await Promise.allSettled(ERASURE_SUBGRAPHS.map((subgraph) => deps.erasurePeers.scan(subgraph, former.values)));
  const unscanned = ERASURE_SUBGRAPHS.filter((_, index) => scanned[index]!.status === 'rejected');
  if (unscanned.length > 0) {
    throw new PrivacyError(PrivacyErrorCode.ErasureFailed, `The ${unscanned.join(', ')} service could not be searched now; the erasure is saved: complete the request again to verify`);
  }
  const scanHits: ErasureVerificationRecord['scanHits'] = ERASURE_SUBGRAPHS.flatMap((subgraph, index) => {
    const outcome = scanned[index]!;
    return outcome.status === 'fulfilled' ? outcome.value.map((hit) => ({ subgraph, collectionName: hit.collection, path: hit.path, count: hit.count })) : [];
  });
  const verification: ErasureVerificationRecord = {
    verifiedAt: deps.clock(),
    valuesSearched: former.values.length,
    valuesHeld: former.held,
    exportHits,
    exportErrors: after.errors,
    scanHits,
    clean: exportHits === 0 && after.errors === 0 && scanHits.length === 0,
  };
  await model.updateOne({ _id: request._id }, { $set: { 'erasure.verification': verification } });
  return { ...erasure, verification };
}

/** The person's earlier ACCESS exports: the records and their archives (GridFS) go with the rest. */
async function deleteSubjectExports(deps: PrivacyDeps, request: DataSubjectRequestRecord): Promise<void> {
  const artifacts = await deps.models.ExportArtifact.find({ subjectId: request.subjectId }).lean<ExportArtifactRecord[]>();
  for (const artifact of artifacts) {
    await deps.archives.delete(artifact.fileId);
    await deps.models.ExportArtifact.deleteOne({ _id: artifact._id });
  }
}

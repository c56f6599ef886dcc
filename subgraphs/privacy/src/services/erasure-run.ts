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
 * 2. `eraseDataSubject` on every subgraph, each finished subgraph recorded on the request at
 *    once, so that a rerun after a failure resumes with the next one (the erasures are
 *    idempotent themselves); the person's own export archives go too;
 * 3. verification: the export again (it must hold none of the former values) and
 *    `scanForValues` on every subgraph with the former values, held ones (LEGAL_HOLD) left out;
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
  for (const subgraph of ERASURE_SUBGRAPHS) {
    if (erasure.subgraphs.some((done) => done.subgraph === subgraph)) continue;
    let report;
    try {
      report = await deps.erasurePeers.erase(subgraph, subjectId, requestId);
    } catch {
      throw new PrivacyError(PrivacyErrorCode.ErasureFailed, `The ${subgraph} service could not erase now; the progress is saved: complete the request again to resume`);
    }
    const entry: SubgraphErasureRecord = {
      subgraph,
      erasedAt: deps.clock(),
      collections: report.collections.map(({ collection, deleted, anonymized, held }) => ({ collectionName: collection, deleted, anonymized, held })),
      heldUntil: report.heldUntil === null ? null : new Date(report.heldUntil),
    };
    await model.updateOne({ _id: request._id }, { $push: { 'erasure.subgraphs': entry } });
    erasure = { ...erasure, subgraphs: [...erasure.subgraphs, entry] };
    if (subgraph === 'privacy') await deleteSubjectExports(deps, request);
  }

  const after = await deps.exporter.run(subjectId, { partial: true });
  const remaining = new Set(
    personalValuesOf(after.plan, after.subject)
      .filter((found) => typeof found.value === 'string')
      .map((found) => String(found.value).trim().toLowerCase()),
  );
  const exportHits = former.values.filter((value) => remaining.has(value.toLowerCase())).length;
  const scanHits: ErasureVerificationRecord['scanHits'] = [];
  for (const subgraph of ERASURE_SUBGRAPHS) {
    let hits;
    try {
      hits = await deps.erasurePeers.scan(subgraph, former.values);
    } catch {
      throw new PrivacyError(PrivacyErrorCode.ErasureFailed, `The ${subgraph} service could not be searched now; the erasure is saved: complete the request again to verify`);
    }
    for (const hit of hits) scanHits.push({ subgraph, collectionName: hit.collection, path: hit.path, count: hit.count });
  }
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

import { buildExportArchive, readArchiveJson } from '@leadgraph/privacy-kit';
import type { Identity } from '@leadgraph/identity';
import type { PrivacyDeps } from '../deps.ts';
import { PrivacyError, PrivacyErrorCode, notFound } from '../errors.ts';
import type { DataSubjectRequestRecord } from '../models/data-subject-request.ts';
import { EXPORT_LINK_DAYS, type ExportArtifactRecord } from '../models/export-artifact.ts';
import { addDays } from './calendar.ts';
import { signExportToken, verifyExportToken } from './export-token.ts';
import { processorRegister } from './processors.ts';

export const EXPORT_GENERATOR = 'federated/v1';
const CONTROLLER = { name: 'leadgraph', contact: 'privacy@leadgraph.dev' };

/**
 * The archive of a person's data export (issue #6): the federated export through the gateway,
 * packed by privacy-kit as a zip (`data.json` in the API's shape, `csv/<Type>.csv`,
 * `summary.html` explaining every field and listing the processors).
 */
export async function buildArchive(deps: PrivacyDeps, subjectId: string): Promise<Uint8Array> {
  const [{ plan, subject }, register] = await Promise.all([deps.exporter.run(subjectId), processorRegister(deps.models.Processor)]);
  return buildExportArchive({
    plan,
    subject,
    subjectId,
    generatedAt: deps.clock(),
    processors: register.processors,
    personalDataSold: register.personalDataSold,
    statement: register.statement,
    controller: CONTROLLER,
  });
}

/**
 * Builds and stores the export of an ACCESS request being completed; its link works for 7 days.
 * The archive goes to GridFS first, then the record points at it; a rebuild replaces both.
 */
export async function createExportArtifact(deps: PrivacyDeps, request: DataSubjectRequestRecord): Promise<ExportArtifactRecord> {
  const archive = await buildArchive(deps, request.subjectId.toHexString());
  const now = deps.clock();
  const fileId = await deps.archives.put(`export-${request._id.toHexString()}.zip`, archive);
  const previous = await deps.models.ExportArtifact.findOne({ requestId: request._id }).lean<ExportArtifactRecord>();
  const doc = await deps.models.ExportArtifact.findOneAndUpdate(
    { requestId: request._id },
    { $set: { subjectId: request.subjectId, fileId, byteSize: archive.byteLength, generator: EXPORT_GENERATOR, createdAt: now, expiresAt: addDays(now, EXPORT_LINK_DAYS) } },
    { upsert: true, returnDocument: 'after' },
  ).lean<ExportArtifactRecord>();
  if (previous !== null) await deps.archives.delete(previous.fileId);
  return doc!;
}

/** Removes an artifact and its archive (a completion that failed after building it). */
export async function deleteExportArtifact(deps: PrivacyDeps, artifact: ExportArtifactRecord): Promise<void> {
  await deps.models.ExportArtifact.deleteOne({ _id: artifact._id });
  await deps.archives.delete(artifact.fileId);
}

/** What `DataSubjectRequest.export` shows: the token only to the requester, and only before expiry. */
export function exportView(deps: PrivacyDeps, artifact: ExportArtifactRecord, viewerIsRequester: boolean) {
  const expired = artifact.expiresAt.getTime() <= deps.clock().getTime();
  const token = !expired && viewerIsRequester ? signExportToken(deps.exportKey, artifact._id, artifact.expiresAt) : null;
  return {
    createdAt: artifact.createdAt,
    expiresAt: artifact.expiresAt,
    expired,
    downloadToken: token,
    downloadPath: token === null ? null : `/privacy/exports/${token}`,
  };
}

/**
 * The download behind the link: a valid token of the signed-in requester before it expires.
 * A token that is forged, or someone else's → NOT_FOUND; an expired one (or an artifact
 * already deleted by retention) → EXPORT_LINK_EXPIRED.
 */
export async function downloadExport(deps: PrivacyDeps, identity: Identity, token: string) {
  const verified = verifyExportToken(deps.exportKey, token);
  if (verified === null) throw notFound('Export');
  const expired = () => new PrivacyError(PrivacyErrorCode.ExportLinkExpired, 'This download link has expired; file a new access request');
  if (verified.expiresAt.getTime() <= deps.clock().getTime()) throw expired();
  const artifact = await deps.models.ExportArtifact.findById(verified.artifactId).lean<ExportArtifactRecord>();
  if (artifact === null) throw expired();
  if (artifact.subjectId.toHexString() !== identity.userId) throw notFound('Export');
  const archive = await deps.archives.get(artifact.fileId);
  if (archive === null) throw expired();
  return {
    json: readArchiveJson(archive),
    archiveBase64: archive.toString('base64'),
    contentType: 'application/zip',
    byteSize: archive.byteLength,
    fileName: `leadgraph-export-${artifact.createdAt.toISOString().slice(0, 10)}.zip`,
    expiresAt: artifact.expiresAt,
  };
}

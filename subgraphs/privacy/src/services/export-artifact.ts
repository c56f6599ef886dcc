import type { Identity } from '@leadgraph/identity';
import type { PrivacyDeps } from '../deps.ts';
import { PrivacyError, PrivacyErrorCode, notFound } from '../errors.ts';
import type { DataSubjectRequestRecord } from '../models/data-subject-request.ts';
import { EXPORT_LINK_DAYS, type ExportArtifactRecord } from '../models/export-artifact.ts';
import { addDays } from './calendar.ts';
import { signExportToken, verifyExportToken } from './export-token.ts';
import { processorRegister } from './processors.ts';

/**
 * PLACEHOLDER GENERATOR — replaced by issue #6's export engine, which walks every field marked
 * for export in the supergraph and runs one federated query. Until then the export holds what
 * this subgraph knows about the person (consent history, technical data, their requests) and
 * the register of processors, in JSON (a common electronic format).
 */
export async function buildPlaceholderExport(deps: PrivacyDeps, request: DataSubjectRequestRecord): Promise<string> {
  const { models } = deps;
  const subjectId = request.subjectId;
  const [consent, technical, requests, register] = await Promise.all([
    models.ConsentRecord.find({ userId: subjectId }).sort({ _id: 1 }).lean(),
    models.TechnicalEvent.find({ userId: subjectId }).sort({ _id: 1 }).lean(),
    models.DataSubjectRequest.find({ subjectId }).sort({ _id: 1 }).lean(),
    processorRegister(models.Processor),
  ]);
  const document = {
    format: 'leadgraph-export/placeholder',
    generator: 'placeholder: the privacy subgraph only (issue #6 replaces it with the federated export)',
    generatedAt: deps.clock().toISOString(),
    subjectId: subjectId.toHexString(),
    privacy: {
      consentHistory: consent.map(({ purpose, granted, action, source, gpcSignal, fromGpc, cookiePolicyVersion, privacyPolicyVersion, recordedAt }) => ({
        purpose, granted, action, source, gpcSignal, fromGpc, cookiePolicyVersion, privacyPolicyVersion, recordedAt,
      })),
      technicalData: technical.map(({ kind, securityEvent, ipAddress, device, browser, page, referrer, occurredAt }) => ({
        kind, securityEvent, ipAddress, device, browser, page, referrer, occurredAt,
      })),
      dataSubjectRequests: requests.map(({ kind, status, details, receivedAt, dueAt, closedAt }) => ({ kind, status, details, receivedAt, dueAt, closedAt })),
    },
    recipients: {
      processors: register.processors.map(({ name, purpose, dataCategories, country, safeguard }) => ({ name, purpose, dataCategories, country, safeguard })),
      personalDataSold: register.personalDataSold,
      statement: register.statement,
    },
  };
  return JSON.stringify(document, null, 2);
}

/** Builds and stores the export of a completed ACCESS request; its link works for 7 days. */
export async function createExportArtifact(deps: PrivacyDeps, request: DataSubjectRequestRecord): Promise<ExportArtifactRecord> {
  const now = deps.clock();
  const content = await buildPlaceholderExport(deps, request);
  const doc = await deps.models.ExportArtifact.findOneAndUpdate(
    { requestId: request._id },
    { $set: { subjectId: request.subjectId, content, generator: 'placeholder', createdAt: now, expiresAt: addDays(now, EXPORT_LINK_DAYS) } },
    { upsert: true, returnDocument: 'after' },
  ).lean<ExportArtifactRecord>();
  return doc!;
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
  return { json: artifact.content, fileName: `leadgraph-export-${artifact.createdAt.toISOString().slice(0, 10)}.json`, expiresAt: artifact.expiresAt };
}

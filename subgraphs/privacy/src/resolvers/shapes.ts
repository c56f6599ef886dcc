import type { Page } from '@leadgraph/db';
import type { ConsentRecord } from '../models/consent-record.ts';
import type { DataSubjectRequestRecord, ErasureRecord } from '../models/data-subject-request.ts';
import { ERASURE_SUBGRAPHS } from '../services/erasure-peers.ts';
import type { MinorFlagRecord } from '../models/minor-flag.ts';
import type { PolicyVersionRecord } from '../models/policy-version.ts';
import type { ProcessorRecord } from '../models/processor.ts';
import type { TechnicalEventRecord } from '../models/technical-event.ts';

/**
 * Database records as the GraphQL types: ids as hex strings, and nothing the type does not
 * declare (internal fields such as a visitor id or a merge claim never reach a response).
 */
export const policyShape = (r: PolicyVersionRecord) => ({
  id: r._id.toHexString(),
  kind: r.kind,
  version: r.version,
  text: r.text,
  summary: r.summary,
  publishedAt: r.publishedAt,
  effectiveAt: r.effectiveAt,
});

export const consentShape = (r: ConsentRecord) => ({
  id: r._id.toHexString(),
  userId: r.userId?.toHexString() ?? null,
  purpose: r.purpose,
  granted: r.granted,
  action: r.action,
  source: r.source,
  gpcSignal: r.gpcSignal,
  fromGpc: r.fromGpc,
  cookiePolicyVersion: r.cookiePolicyVersion,
  privacyPolicyVersion: r.privacyPolicyVersion,
  mergedFromVisitor: r.mergedFromVisitor,
  recordedAt: r.recordedAt,
});

export const technicalShape = (r: TechnicalEventRecord) => ({
  id: r._id.toHexString(),
  userId: r.userId?.toHexString() ?? null,
  kind: r.kind,
  securityEvent: r.securityEvent ?? null,
  ipAddress: r.ipAddress ?? null,
  device: r.device ?? null,
  browser: r.browser ?? null,
  page: r.page ?? null,
  referrer: r.referrer ?? null,
  occurredAt: r.occurredAt,
});

export const requestShape = (r: DataSubjectRequestRecord) => ({
  id: r._id.toHexString(),
  subjectId: r.subjectId.toHexString(),
  kind: r.kind,
  status: r.status,
  details: r.details ?? null,
  filedBy: r.filedBy.startsWith('admin:') ? 'ADMIN' : 'SUBJECT',
  receivedAt: r.receivedAt,
  dueAt: r.dueAt,
  verifiedAt: r.verifiedAt ?? null,
  closedAt: r.closedAt ?? null,
  reason: r.reason ?? null,
  history: r.history.map((t) => ({
    from: t.from ?? null,
    to: t.to,
    actorId: t.actorId?.toHexString() ?? null,
    actorRole: t.actorRole,
    reason: t.reason ?? null,
    at: t.at,
    notification: t.notification,
  })),
  erasure: erasureShape(r.erasure ?? null),
});

const erasureOrder = (subgraph: string) => (ERASURE_SUBGRAPHS as readonly string[]).indexOf(subgraph);

/** An ERASURE request's progress: counts and locations (the stored `collectionName` as `collection`). */
export const erasureShape = (e: ErasureRecord | null) =>
  e === null
    ? null
    : {
        startedAt: e.startedAt,
        subgraphs: [...e.subgraphs].sort((a, b) => erasureOrder(a.subgraph) - erasureOrder(b.subgraph)).map((s) => ({
          subgraph: s.subgraph,
          erasedAt: s.erasedAt,
          heldUntil: s.heldUntil ?? null,
          collections: s.collections.map((c) => ({ collection: c.collectionName, deleted: c.deleted, anonymized: c.anonymized, held: c.held })),
        })),
        verification:
          e.verification == null
            ? null
            : { ...e.verification, exportErrors: e.verification.exportErrors ?? 0, scanHits: e.verification.scanHits.map((h) => ({ subgraph: h.subgraph, collection: h.collectionName, path: h.path, count: h.count })) },
      };

export const processorShape = (r: ProcessorRecord) => ({
  id: r._id.toHexString(),
  name: r.name,
  purpose: r.purpose,
  dataCategories: [...r.dataCategories],
  country: r.country,
  safeguard: r.safeguard,
});

export const minorFlagShape = (r: MinorFlagRecord) => ({
  userId: r.userId.toHexString(),
  reason: r.reason,
  flaggedBy: r.flaggedBy.toHexString(),
  flaggedAt: r.flaggedAt,
  erasureRequestId: r.erasureRequestId.toHexString(),
});

/** A page of records as a connection of shapes. */
export function connection<T, S>(page: Page<T>, shape: (record: T) => S) {
  return { edges: page.edges.map((edge) => ({ cursor: edge.cursor, node: shape(edge.node) })), pageInfo: page.pageInfo };
}

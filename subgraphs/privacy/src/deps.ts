import type { Clock } from './clock.ts';
import type { Models } from './loaders.ts';
import type { RequestNotifier } from './services/dsr-notify.ts';
import type { ErasurePeers } from './services/erasure-peers.ts';
import type { ExportArchiveStore } from './services/export-archive-store.ts';
import type { ExportRunner } from './services/export-runner.ts';

/** What the privacy services need besides the request: built once at startup. */
export interface PrivacyDeps {
  models: Models;
  clock: Clock;
  /** How recent a sign-in must be (minutes) to verify the identity for an export or an erasure. */
  recentAuthMinutes: number;
  /** Key of the export download tokens (derived from the identity signing key). */
  exportKey: Buffer;
  /** Mails the requester at each step of their request (users subgraph, contract C2). */
  notify: RequestNotifier;
  /** Runs the federated data export through the gateway (issue #6). */
  exporter: ExportRunner;
  /** Where export archives are kept (GridFS). */
  archives: ExportArchiveStore;
  /** Every subgraph's `eraseDataSubject` and `scanForValues` (contract P2/P3). */
  erasurePeers: ErasurePeers;
  /** The composed supergraph (the export's query, the record of processing). */
  supergraphSdl: () => string;
  /** `Type.field` → collections storing it, for the record of processing (from the build's record). */
  collectionsByField: ReadonlyMap<string, readonly string[]>;
}

/** Whether `authenticatedAt` (ms) lies within the last `minutes` of `now`. */
export function isRecentlyAuthenticated(authenticatedAt: number | null, minutes: number, now: Date): boolean {
  if (authenticatedAt === null) return false;
  const age = now.getTime() - authenticatedAt;
  return age >= -60_000 && age <= minutes * 60_000;
}

import type { Clock } from './clock.ts';
import type { Models } from './loaders.ts';
import type { RequestNotifier } from './services/dsr-notify.ts';

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
}

/** Whether `authenticatedAt` (ms) lies within the last `minutes` of `now`. */
export function isRecentlyAuthenticated(authenticatedAt: number | null, minutes: number, now: Date): boolean {
  if (authenticatedAt === null) return false;
  const age = now.getTime() - authenticatedAt;
  return age >= -60_000 && age <= minutes * 60_000;
}

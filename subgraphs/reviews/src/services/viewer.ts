import type { Identity } from '@leadgraph/identity';

/** Who is asking, as the services need it (from the signed assertion), transport-free. */
export interface Viewer {
  userId: string | null;
  isAdmin: boolean;
}

export function viewerOf(identity: Identity): Viewer {
  return { userId: identity.userId, isAdmin: identity.role === 'admin' };
}

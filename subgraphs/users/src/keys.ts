import { createHmac } from 'node:crypto';

/**
 * Keys this subgraph derives from its identity signing key, one per purpose, so no extra secret
 * has to be configured and no two purposes share a key: the keyed hash of payout accounts
 * (`payouts/fingerprint.ts`) and the signature of unsubscribe links (`marketing/unsubscribe-token.ts`).
 * Rotating the signing key changes both: older unsubscribe links stop working (the person can
 * still unsubscribe in their settings) and later payout fingerprints differ from earlier ones.
 */
export interface DerivedKeys {
  payoutFingerprint: Buffer;
  unsubscribe: Buffer;
}

export function deriveKeys(signingKey: string): DerivedKeys {
  const derive = (purpose: string) => createHmac('sha256', signingKey).update(`leadgraph/users/${purpose}`).digest();
  return { payoutFingerprint: derive('payout-fingerprint'), unsubscribe: derive('unsubscribe-link') };
}

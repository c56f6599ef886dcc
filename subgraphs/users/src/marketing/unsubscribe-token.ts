import { createHmac, timingSafeEqual } from 'node:crypto';
import { parseObjectId } from '@leadgraph/db';

/**
 * The token of a marketing mail's unsubscribe link: `<userId>.<signature>`, the signature an
 * HMAC-SHA-256 (first 16 bytes, base64url) of the purpose and the user id under a key derived
 * for this use only (`keys.ts`). It never expires: an unsubscribe link must keep working in an
 * old mail. It can only withdraw consent, so a leaked link does no harm beyond that.
 */
const PURPOSE = 'marketing-unsubscribe:v1';

function signature(key: Buffer, userId: string): string {
  return createHmac('sha256', key).update(`${PURPOSE}:${userId}`).digest().subarray(0, 16).toString('base64url');
}

export function unsubscribeToken(key: Buffer, userId: string): string {
  return `${userId}.${signature(key, userId)}`;
}

/** The user id of a token this key signed, or null for anything else (malformed, forged, another key). */
export function verifyUnsubscribeToken(key: Buffer, token: string): string | null {
  const [userId, given, ...rest] = token.split('.');
  if (userId === undefined || given === undefined || rest.length > 0 || parseObjectId(userId) === null) return null;
  const expected = Buffer.from(signature(key, userId));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected) ? userId : null;
}

/** The link in the mail and in its `List-Unsubscribe` header: GET shows a confirmation page, POST unsubscribes (RFC 8058). */
export function unsubscribeUrl(appUrl: string, token: string): string {
  return `${appUrl.replace(/\/+$/, '')}/unsubscribe/${encodeURIComponent(token)}`;
}

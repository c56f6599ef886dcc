import { createHmac, timingSafeEqual } from 'node:crypto';
import { Types } from 'mongoose';

/**
 * Export download tokens: `<artifact id>.<expiry ms>.<HMAC-SHA256>`, signed with a key derived
 * from the identity signing key for this one use. Nothing to store, nothing to guess; the
 * expiry is inside the signature, and the download also checks the caller is the requester.
 */
export function exportKeyFrom(identitySigningKey: string): Buffer {
  return createHmac('sha256', identitySigningKey).update('leadgraph/privacy/export-links/v1').digest();
}

const mac = (key: Buffer, payload: string) => createHmac('sha256', key).update(payload).digest('base64url');

export function signExportToken(key: Buffer, artifactId: Types.ObjectId, expiresAt: Date): string {
  const payload = `${artifactId.toHexString()}.${expiresAt.getTime()}`;
  return `${payload}.${mac(key, payload)}`;
}

/** The artifact id and expiry of a token with a valid signature, or null. */
export function verifyExportToken(key: Buffer, token: string): { artifactId: Types.ObjectId; expiresAt: Date } | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [id = '', exp = '', signature = ''] = parts;
  if (!/^[0-9a-f]{24}$/.test(id) || !/^\d{1,15}$/.test(exp)) return null;
  const expected = Buffer.from(mac(key, `${id}.${exp}`));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return { artifactId: new Types.ObjectId(id), expiresAt: new Date(Number(exp)) };
}

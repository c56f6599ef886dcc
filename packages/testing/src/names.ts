import { randomBytes } from 'node:crypto';

/** A database name no other test uses: `<prefix>_<time>_<random>`, within MongoDB's 63-byte limit. */
export function uniqueDbName(prefix: string): string {
  const safe = prefix.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 30);
  return `${safe}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

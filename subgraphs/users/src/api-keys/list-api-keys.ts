import { findPage, type Page } from '@leadgraph/db';
import { pageRequest } from '../services/page-request.ts';
import type { ApiKeyModel, ApiKeyRecord } from './model.ts';

/** Every key, revoked and expired ones included, newest first, a page at a time. */
export function listApiKeys(ApiKey: ApiKeyModel, args: { first?: number | null; after?: string | null }): Promise<Page<ApiKeyRecord>> {
  return findPage<ApiKeyRecord>(ApiKey, {}, pageRequest(args.first, args.after));
}

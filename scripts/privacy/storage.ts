import { join } from 'node:path';
import type { FoundSchema } from '@leadgraph/privacy-kit';
import { discoverSchemas, findSchemaFiles, ROOT, STORAGE_ROOTS } from './discover.ts';
import { PACKAGE_STORAGE } from './package-storage.ts';

/**
 * Every schema of every service with its storage declarations: the ones made next to the
 * schemas, plus `PACKAGE_STORAGE` for the shared packages that cannot make their own.
 */
export async function loadStorage(roots: readonly string[] = STORAGE_ROOTS.map((dir) => join(ROOT, dir))): Promise<FoundSchema[]> {
  const found = await discoverSchemas(await findSchemaFiles(roots));
  // Only now: privacy-kit builds a schema of its own, which the discovery must see being built.
  const { collectionOf, declarePersonalStorage } = await import('@leadgraph/privacy-kit');
  for (const { schema } of found) {
    const collection = collectionOf(schema);
    const declaration = collection === undefined ? undefined : PACKAGE_STORAGE[collection];
    if (declaration !== undefined) declarePersonalStorage(schema, declaration);
  }
  return found;
}

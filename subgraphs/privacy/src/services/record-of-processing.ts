import { readFileSync } from 'node:fs';
import { recordOfProcessingFromSupergraph, renderRecordMarkdown } from '@leadgraph/privacy-kit';
import type { Models } from '../loaders.ts';
import { processorRegister } from './processors.ts';

/** Where `pnpm compose` writes the record with the collections of the storage declarations. */
const BUILD_RECORD = new URL('../../../../docs/privacy/record-of-processing.json', import.meta.url);

interface BuildRecord {
  categories?: Array<{ fields?: Array<{ coordinate?: string; collections?: string[] }> }>;
}

/**
 * `Type.field` → collections, known at build only (the storage declarations are read from the
 * model files by `pnpm compose`): from the committed record. Empty when it cannot be read.
 */
export function collectionsFromBuildRecord(url: URL = BUILD_RECORD): Map<string, string[]> {
  const byField = new Map<string, string[]>();
  try {
    const record = JSON.parse(readFileSync(url, 'utf8')) as BuildRecord;
    for (const category of record.categories ?? []) {
      for (const field of category.fields ?? []) {
        if (typeof field.coordinate === 'string') byField.set(field.coordinate, field.collections ?? []);
      }
    }
  } catch {
    // No build record: the live record simply names no collections.
  }
  return byField;
}

/**
 * The record of processing (GDPR Art. 30) for admins: generated from the supergraph the
 * platform runs, with the live register of processors (admins edit it) and the collections.
 */
export async function recordOfProcessing(models: Models, supergraphSdl: string, collections: ReadonlyMap<string, readonly string[]>) {
  const register = await processorRegister(models.Processor);
  const record = recordOfProcessingFromSupergraph(supergraphSdl, {
    processors: register.processors.map((p) => ({ name: p.name, purpose: p.purpose, location: p.country })),
    collectionsByField: collections,
    generatedAt: null,
  });
  return {
    supergraphSha256: record.supergraphSha256,
    activities: record.activities.map((a) => ({ ...a, dataCategories: a.dataCategories.map((c) => c.key) })),
    categories: record.categories,
    processors: register.processors,
    personalDataSold: register.personalDataSold,
    markdown: renderRecordMarkdown(record),
  };
}

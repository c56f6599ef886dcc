/**
 * Finds every mongoose schema the services define, without a database: imports each source
 * file that constructs one, and records every `Schema` built meanwhile (a hook on
 * `Schema.prototype.add`, which the constructor calls) and every `Schema` a file exports.
 * Nothing connects: schemas are only built, never compiled into models on a live connection.
 *
 * Nothing here imports `@leadgraph/privacy-kit` (or anything else that builds a schema) at
 * load time, so that the hook is in place before the first schema is built.
 */
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Schema } from 'mongoose';
import type { FoundSchema } from '@leadgraph/privacy-kit';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Where services keep their models: every subgraph's and every shared package's sources. */
export const STORAGE_ROOTS = ['subgraphs', 'packages'];

/** The one mongoose every workspace package resolves to (pnpm: one copy of 9.12.1). */
const mongoose = createRequire(join(ROOT, 'packages/privacy-kit/package.json'))('mongoose') as typeof import('mongoose');

const SKIP_DIRS = new Set(['node_modules', '__generated__', 'test', 'tests', 'bench', 'dist', 'fixtures']);
const CONSTRUCTS_SCHEMA = /new\s+(?:mongoose\.)?Schema\s*[<(]/;

/** Source files (not tests) under `dirs` that construct a mongoose schema. */
export async function findSchemaFiles(dirs: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  async function walk(dir: string): Promise<void> {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name) && !entry.name.startsWith('.')) await walk(path);
      } else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') && !entry.name.endsWith('.d.ts')) {
        if (CONSTRUCTS_SCHEMA.test(await readFile(path, 'utf8'))) files.push(path);
      }
    }
  }
  for (const dir of dirs) await walk(dir);
  return files.sort();
}

function isSchema(value: unknown): value is Schema {
  return value instanceof mongoose.Schema;
}

/** `subgraphs/users/src/models/user.ts:42`, from the stack of a schema's construction. */
function sourceOf(stack: string | undefined): string {
  for (const line of (stack ?? '').split('\n').slice(1)) {
    const match = /\(?((?:file:\/\/)?\/[^():]+):(\d+):\d+\)?\s*$/.exec(line);
    if (match === null) continue;
    const file = match[1]!.startsWith('file://') ? fileURLToPath(match[1]!) : match[1]!;
    if (file.includes('/node_modules/') || file === fileURLToPath(import.meta.url)) continue;
    return `${relative(ROOT, file)}:${match[2]}`;
  }
  return '(unknown source)';
}

/**
 * Imports `files` and returns every schema built or exported by them (each once). A file that
 * fails to import stops the discovery with its path: a check that skipped it would pass wrongly.
 */
export async function discoverSchemas(files: readonly string[]): Promise<FoundSchema[]> {
  const found = new Map<Schema, string>();
  const proto = mongoose.Schema.prototype as unknown as { add: (...args: unknown[]) => unknown };
  const original = proto.add;
  proto.add = function add(this: Schema, ...args: unknown[]) {
    if (!found.has(this)) found.set(this, sourceOf(new Error().stack));
    return original.apply(this, args);
  };
  try {
    for (const file of files) {
      let exports: Record<string, unknown>;
      try {
        exports = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      } catch (error) {
        throw new Error(`could not load ${relative(ROOT, file)} to read its mongoose schemas: ${(error as Error).message}`);
      }
      for (const [name, value] of Object.entries(exports)) {
        if (isSchema(value) && !found.has(value)) found.set(value, `${relative(ROOT, file)} (export ${name})`);
      }
    }
  } finally {
    proto.add = original;
  }
  return [...found].map(([schema, source]) => ({ schema, source }));
}

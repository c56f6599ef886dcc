/**
 * `pnpm run check` (via `tsx scripts/privacy/check-personal.ts`): fails when a stored path whose
 * name looks personal (email, phone, name, address, ip, birth, bank, body, message, ...) is
 * neither mapped to a `@personal` field of the supergraph nor waived with a reason, next to its
 * mongoose schema (`declarePersonalStorage`, see packages/privacy-kit/README.md). No database:
 * schemas are built, never connected. docs/decisions/0007-personal-storage-completeness-check.md.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { StorageProblem } from '@leadgraph/privacy-kit';
import { loadStorage } from './storage.ts';

const SUPERGRAPH = new URL('../../schema/supergraph.graphql', import.meta.url);

/** The problems of the repository's storage against its committed supergraph. */
export async function checkRepository(roots?: readonly string[]): Promise<{ problems: StorageProblem[]; schemas: number }> {
  const storage = await loadStorage(roots);
  const { checkPersonalStorage, readPersonalDeclarations } = await import('@leadgraph/privacy-kit');
  const declarations = readPersonalDeclarations(await readFile(SUPERGRAPH, 'utf8'));
  return { problems: checkPersonalStorage(storage, declarations), schemas: storage.length };
}

/** One block per schema file, each problem with the exact declaration to add. */
export function formatProblems(problems: readonly StorageProblem[]): string {
  const bySource = new Map<string, StorageProblem[]>();
  for (const problem of problems) bySource.set(problem.source, [...(bySource.get(problem.source) ?? []), problem]);
  const lines: string[] = [];
  for (const [source, list] of bySource) {
    lines.push(`${source}:`);
    for (const problem of list) lines.push(`  - [${problem.code}] ${problem.message}`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { problems, schemas } = await checkRepository();
  if (problems.length > 0) {
    console.error(`Personal-data storage check: ${problems.length} problem(s) in ${schemas} schemas.\n`);
    console.error(formatProblems(problems));
    console.error('\nEach stored personal path maps to its @personal field or carries a waiver with a reason (packages/privacy-kit/README.md, "Where personal data is stored").');
    process.exit(1);
  }
  console.log(`Personal-data storage check: ${schemas} schemas, every personal-looking path declared.`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

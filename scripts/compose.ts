/**
 * `pnpm compose`: composes the subgraph SDL files in `schema/` into `schema/supergraph.graphql`
 * with @apollo/composition (locally: no network, no rover), and writes what the supergraph's
 * personal-data declarations give (`scripts/privacy/artefacts.ts`: the record of processing,
 * the loggers' personal keys).
 * `pnpm compose --check`: exits 1 when composition fails or a committed file is stale.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { composeSupergraph } from '../schema/compose.ts';
import { SUBGRAPHS, SUPERGRAPH_FILE } from '../schema/subgraphs.ts';
import { privacyArtefacts } from './privacy/artefacts.ts';

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const target = fileURLToPath(SUPERGRAPH_FILE);
  const { supergraphSdl, hints } = await composeSupergraph();
  for (const hint of hints) console.log(`hint: ${hint}`);
  const artefacts = await privacyArtefacts(supergraphSdl);
  if (!check) {
    await writeFile(target, supergraphSdl);
    for (const artefact of artefacts) {
      await mkdir(dirname(artefact.file), { recursive: true });
      await writeFile(artefact.file, artefact.content);
    }
    console.log(`Composed ${SUBGRAPHS.length} subgraphs into ${target}`);
    console.log(`Wrote ${artefacts.map((artefact) => relative(process.cwd(), artefact.file)).join(', ')}`);
    return;
  }
  for (const artefact of artefacts) {
    const committed = await readFile(artefact.file, 'utf8').catch(() => null);
    if (committed !== artefact.content) {
      throw new Error(`${artefact.file} ${committed === null ? 'is missing' : 'is stale'}: run \`pnpm compose\` and commit the result.`);
    }
  }
  const committed = await readFile(target, 'utf8').catch(() => null);
  if (committed !== supergraphSdl) {
    const why = committed === null ? 'is missing' : 'is stale';
    throw new Error(`${target} ${why}: run \`pnpm compose\` and commit the result.`);
  }
  console.log(`Supergraph is up to date (${SUBGRAPHS.length} subgraphs).`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});

/**
 * `pnpm compose`: composes the subgraph SDL files in `schema/` into `schema/supergraph.graphql`
 * with @apollo/composition (locally: no network, no rover).
 * `pnpm compose --check`: exits 1 when composition fails or the committed file is stale.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { composeSupergraph } from '../schema/compose.ts';
import { SUBGRAPHS, SUPERGRAPH_FILE } from '../schema/subgraphs.ts';

async function main(): Promise<void> {
  const check = process.argv.includes('--check');
  const target = fileURLToPath(SUPERGRAPH_FILE);
  const { supergraphSdl, hints } = await composeSupergraph();
  for (const hint of hints) console.log(`hint: ${hint}`);
  if (!check) {
    await writeFile(target, supergraphSdl);
    console.log(`Composed ${SUBGRAPHS.length} subgraphs into ${target}`);
    return;
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

import type { Platform } from '../test/platform.ts';

/** Placeholder until the subgraphs' seed factories land. */
export async function seedBenchData(_platform: Platform): Promise<string> {
  return 'no data';
}

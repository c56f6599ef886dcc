import { MAX_SCAN_VALUES, MAX_SCAN_VALUE_LENGTH } from '@leadgraph/privacy-kit';
import type { ServiceClient, SubgraphName } from '@leadgraph/service-kit';

/** Every subgraph holding personal data (erased in parallel; listed in this order on the request). */
export const ERASURE_SUBGRAPHS: readonly SubgraphName[] = ['users', 'leads', 'reviews', 'privacy'];

/** A subgraph's `ErasureReport` (contract P2). */
export interface ErasureReport {
  subgraph: string;
  collections: Array<{ collection: string; deleted: number; anonymized: number; held: number }>;
  heldUntil: string | null;
}

/** A subgraph's `ScanHit` (contract P3): where, never the value. */
export interface ScanHit {
  collection: string;
  path: string;
  count: number;
}

/** Direct service calls to every subgraph's `@inaccessible` erasure and scan fields. */
export interface ErasurePeers {
  erase(subgraph: SubgraphName, subjectId: string, requestId: string): Promise<ErasureReport>;
  scan(subgraph: SubgraphName, values: readonly string[]): Promise<ScanHit[]>;
}

const ERASE = `mutation ($input: EraseDataSubjectInput!) {
  eraseDataSubject(input: $input) { subgraph collections { collection deleted anonymized held } heldUntil }
}`;
const SCAN = `query ($input: ScanForValuesInput!) { scanForValues(input: $input) { collection path count } }`;

/** Over `createServiceClient` (a client with a long timeout: an erasure touches every record of the person). */
export function serviceErasurePeers(client: ServiceClient): ErasurePeers {
  return {
    async erase(subgraph, subjectId, requestId) {
      const data = await client.query<{ eraseDataSubject: ErasureReport }>(subgraph, ERASE, { input: { subjectId, requestId } });
      return data.eraseDataSubject;
    },
    /**
     * In calls of at most MAX_SCAN_VALUES values (P3's input limit), each value cut to
     * MAX_SCAN_VALUE_LENGTH (a prefix still finds it); the hits merged per location (the largest
     * count of the calls: one document may hold values of several calls).
     */
    async scan(subgraph, values) {
      const counts = new Map<string, ScanHit>();
      const cut = values.map((value) => value.slice(0, MAX_SCAN_VALUE_LENGTH));
      for (let start = 0; start < cut.length; start += MAX_SCAN_VALUES) {
        const input = { values: cut.slice(start, start + MAX_SCAN_VALUES) };
        const data = await client.query<{ scanForValues: ScanHit[] }>(subgraph, SCAN, { input });
        for (const hit of data.scanForValues) {
          const key = `${hit.collection}\u0000${hit.path}`;
          const seen = counts.get(key);
          counts.set(key, { ...hit, count: Math.max(seen?.count ?? 0, hit.count) });
        }
      }
      return [...counts.values()];
    },
  };
}

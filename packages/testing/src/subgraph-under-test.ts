import type { Connection } from 'mongoose';
import { onTestFinished } from 'vitest';
import { connectDatabase, type MongoHandle } from '@leadgraph/db';
import { uniqueDbName } from './names.ts';

/** How a subgraph package starts (its `startSubgraph`), as far as a test needs. */
export type StartSubgraph = (options: { mongoUri: string; dbName: string }) => Promise<{ url: string; stop(): Promise<void> }>;

export interface SubgraphUnderTest {
  /** The GraphQL endpoint. */
  url: string;
  /** The server's base URL (`${base}/health`). */
  base: string;
  /** A connection to the subgraph's own database, to seed it and read what it wrote. */
  db: Connection;
}

/**
 * Starts a subgraph on its own fresh database for the current test, with a connection to
 * that database; both are stopped when the test finishes.
 */
export async function startSubgraphUnderTest(
  start: StartSubgraph,
  mongo: MongoHandle,
  prefix: string,
): Promise<SubgraphUnderTest> {
  const dbName = uniqueDbName(prefix);
  const subgraph = await start({ mongoUri: mongo.uri, dbName });
  const db = await connectDatabase(mongo.uri, dbName);
  onTestFinished(async () => {
    await subgraph.stop();
    await db.close();
  });
  return { url: `${subgraph.url}/graphql`, base: subgraph.url, db };
}

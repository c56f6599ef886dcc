import { resolveMongo, type MongoHandle } from '@leadgraph/db';
import { createLogger } from '@leadgraph/logging';
import { readConfig } from './config.ts';
import { SUBGRAPH_NAME, startSubgraph } from './server.ts';

const config = readConfig();
const logger = createLogger(`subgraph-${SUBGRAPH_NAME}`, { level: config.LOG_LEVEL });

async function main(): Promise<void> {
  const mongo: MongoHandle = await resolveMongo({ logger, env: process.env });
  const subgraph = await startSubgraph({
    mongoUri: mongo.uri,
    dbName: config.MONGODB_DB,
    port: config.PORT,
    host: config.HOST,
    logger,
    identitySigningKey: config.IDENTITY_SIGNING_KEY,
  });
  logger.info({ url: `${subgraph.url}/graphql`, port: subgraph.port }, `${SUBGRAPH_NAME} subgraph listening`);
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    subgraph
      .stop()
      .then(() => mongo.stop())
      .then(() => {
        logger.info('stopped');
        process.exit(0);
      })
      .catch((error: unknown) => {
        logger.error({ errorName: (error as Error).name }, 'stop failed');
        process.exit(1);
      });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  logger.fatal({ errorName: (error as Error).name, stack: (error as Error).stack }, 'failed to start');
  process.exit(1);
});

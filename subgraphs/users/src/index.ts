import { ConfigError } from '@leadgraph/config';
import { resolveMongo, type MongoHandle } from '@leadgraph/db';
import { createLogger } from '@leadgraph/logging';
import { readConfig } from './config.ts';
import { SUBGRAPH_NAME, startSubgraph } from './server.ts';

/** The configuration, or exit with the list of what is wrong (no stack trace: it is not a bug). */
function configOrExit(): ReturnType<typeof readConfig> {
  try {
    return readConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`${SUBGRAPH_NAME} subgraph: ${error.message}`);
    process.exit(1);
  }
}

const config = configOrExit();
// process.stdout, not pino's default asynchronous stream: lines stay in order up to the exit.
const logger = createLogger(`subgraph-${SUBGRAPH_NAME}`, { level: config.LOG_LEVEL, destination: process.stdout });

/** Exits once the log lines written so far have been handed to stdout. */
function exitAfterLogs(code: number): void {
  logger.flush(() => process.exit(code));
}

async function main(): Promise<void> {
  // The validated MONGODB_URI, not the raw environment; unset: a local mongod or the embedded server.
  const mongo: MongoHandle = await resolveMongo({ logger, env: { ...process.env, MONGODB_URI: config.MONGODB_URI } });
  const subgraph = await startSubgraph({
    mongoUri: mongo.uri,
    dbName: config.MONGODB_DB,
    port: config.PORT,
    host: config.HOST,
    logger,
    identitySigningKey: config.IDENTITY_SIGNING_KEY,
    smtpUrl: config.SMTP_URL,
    appUrl: config.APP_URL,
    recentAuthMinutes: config.REAUTH_MINUTES,
    ...(config.AUTH_KEY_PEPPER === undefined ? {} : { authKeyPepper: config.AUTH_KEY_PEPPER }),
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
        exitAfterLogs(0);
      })
      .catch((error: unknown) => {
        logger.error({ errorName: (error as Error).name }, 'stop failed');
        exitAfterLogs(1);
      });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  logger.fatal({ errorName: (error as Error).name, stack: (error as Error).stack }, 'failed to start');
  exitAfterLogs(1);
});

import { ConfigError } from '@leadgraph/config';
import { resolveMongo, type MongoHandle } from '@leadgraph/db';
import { createLogger, type Logger } from '@leadgraph/logging';

interface ServiceConfig {
  LOG_LEVEL: string;
  MONGODB_URI?: string | undefined;
}

export interface RunServiceOptions<C extends ServiceConfig> {
  /** Names the service in logs and in a configuration error. */
  name: string;
  /** Reads and validates the configuration; throws ConfigError. */
  readConfig: () => C;
  /** Starts the service on the resolved database; returns how to stop it. */
  start: (context: { config: C; logger: Logger; mongo: MongoHandle }) => Promise<{ stop(): Promise<void> }>;
}

/**
 * A service's `index.ts`: configuration (or exit 1 with the list of what is wrong), a logger
 * on stdout, the database (MONGODB_URI, a local mongod or the embedded server), then start;
 * the first SIGINT/SIGTERM stops the service and the database and exits 0 once the last log
 * line is out.
 */
export function runService<C extends ServiceConfig>(options: RunServiceOptions<C>): void {
  let config: C;
  try {
    config = options.readConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`${options.name}: ${error.message}`);
    process.exit(1);
  }
  // process.stdout, not pino's default asynchronous stream: lines stay in order up to the exit.
  const logger = createLogger(options.name, { level: config.LOG_LEVEL, destination: process.stdout });
  const exitAfterLogs = (code: number) => logger.flush(() => process.exit(code));

  const main = async () => {
    // The validated MONGODB_URI, not the raw environment.
    const mongo = await resolveMongo({ logger, env: { ...process.env, MONGODB_URI: config.MONGODB_URI } });
    const service = await options.start({ config, logger, mongo });
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      logger.info({ signal }, 'stopping');
      service
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
    // `on`, not `once`: a second signal while stopping must not kill the process mid-flush.
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  };
  main().catch((error: unknown) => {
    logger.fatal({ errorName: (error as Error).name, stack: (error as Error).stack }, 'failed to start');
    exitAfterLogs(1);
  });
}

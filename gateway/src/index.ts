import { ConfigError } from '@leadgraph/config';
import { cookieSecurity } from '@leadgraph/auth';
import { createLogger } from '@leadgraph/logging';
import {
  identityKeyFrom,
  limitsFrom,
  loadGatewayConfig,
  requestTrustFrom,
  sessionsFrom,
  subgraphUrlsFrom,
  timeoutsFrom,
  type GatewayConfig,
} from './config.ts';
import { startGateway } from './server.ts';

let config: GatewayConfig;
try {
  config = loadGatewayConfig();
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`gateway: ${error.message}\n`);
  process.exit(1);
}

const logger = createLogger('gateway', { level: config.LOG_LEVEL });

try {
  const gateway = await startGateway({
    subgraphs: subgraphUrlsFrom(config),
    port: config.PORT,
    host: config.HOST,
    production: config.NODE_ENV === 'production',
    limits: limitsFrom(config),
    timeouts: timeoutsFrom(config),
    maxBodyBytes: config.MAX_BODY_BYTES,
    identityKey: identityKeyFrom(config),
    ...sessionsFrom(config),
    ...requestTrustFrom(config),
    // Secure + __Host- everywhere but NODE_ENV=development (plain http on localhost).
    secureCookies: cookieSecurity(config.NODE_ENV).secure,
    logger,
  });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    gateway.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ errorName: (error as Error).name }, 'stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  logger.fatal({ errorName: (error as Error).name, stack: (error as Error).stack }, 'gateway failed to start');
  process.exit(1);
}

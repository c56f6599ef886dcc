import { peerUrlFromConfig, runService } from '@leadgraph/service-kit';
import { readConfig } from './config.ts';
import { SUBGRAPH_NAME, startSubgraph } from './server.ts';

runService({
  name: `subgraph-${SUBGRAPH_NAME}`,
  readConfig,
  async start({ config, logger, mongo }) {
    const subgraph = await startSubgraph({
      mongoUri: mongo.uri,
      dbName: config.MONGODB_DB,
      port: config.PORT,
      host: config.HOST,
      logger,
      identitySigningKey: config.IDENTITY_SIGNING_KEY,
      peerUrl: peerUrlFromConfig(config),
      recentAuthMinutes: config.REAUTH_MINUTES,
      schedulerPollMs: config.SCHEDULER_POLL_MS,
      gatewayUrl: config.GATEWAY_URL,
    });
    logger.info({ url: `${subgraph.url}/graphql`, port: subgraph.port }, `${SUBGRAPH_NAME} subgraph listening`);
    return subgraph;
  },
});

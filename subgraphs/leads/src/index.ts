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
      maxResponsesPerLead: config.MAX_RESPONSES_PER_LEAD,
      expirySweepMs: config.LEAD_EXPIRY_SWEEP_MS,
      notificationRetryMs: config.NOTIFICATION_RETRY_MS,
      statisticsMinGroupSize: config.STATISTICS_MIN_GROUP_SIZE,
    });
    logger.info({ url: `${subgraph.url}/graphql`, port: subgraph.port }, `${SUBGRAPH_NAME} subgraph listening`);
    return subgraph;
  },
});

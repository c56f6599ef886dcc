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
      smtpUrl: config.SMTP_URL,
      appUrl: config.APP_URL,
      recentAuthMinutes: config.REAUTH_MINUTES,
      mediaBaseUrl: config.MEDIA_BASE_URL,
      maxImageBytes: config.PRO_MAX_IMAGE_BYTES,
      maxGalleryImages: config.PRO_MAX_GALLERY_IMAGES,
      ...(config.AUTH_KEY_PEPPER === undefined ? {} : { authKeyPepper: config.AUTH_KEY_PEPPER }),
    });
    logger.info({ url: `${subgraph.url}/graphql`, port: subgraph.port }, `${SUBGRAPH_NAME} subgraph listening`);
    return subgraph;
  },
});

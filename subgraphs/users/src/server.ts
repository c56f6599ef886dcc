import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper/resolverMap.js';
import { parse } from 'graphql';
import type { Argon2Params } from '@leadgraph/auth';
import { applyAccessRules } from '@leadgraph/authz';
import { createScheduler } from '@leadgraph/scheduler';
import { connectDatabase } from '@leadgraph/db';
import { resolveSigningKey } from '@leadgraph/identity';
import { createLogger, type Logger } from '@leadgraph/logging';
import { loadMailConfig, startMailDelivery } from '@leadgraph/mail';
import { createServiceClient, readSubgraphSdl, serveSubgraph, SUBGRAPH_PORTS, type PeerUrl, type RunningSubgraph } from '@leadgraph/service-kit';
import { applyPersonalData, createAccessLogWriter, mongoAccessLogStore, type AccessLogSink } from '@leadgraph/privacy-kit';
import { createAuthDeps } from './auth/deps.ts';
import { createAccountMailer } from './auth/mailer.ts';
import { createContextFactory, type Accounts } from './context.ts';
import { createFormatError } from './errors.ts';
import type { Models } from './loaders.ts';
import { mediaRoute } from './media/route.ts';
import { mediaBucket } from './media/store.ts';
import { proImageModel } from './models/pro-image.ts';
import { proVerificationAuditModel } from './models/pro-verification-audit.ts';
import { userModel } from './models/user.ts';
import { privacyPeer } from './peers/privacy.ts';
import { replaceLegacyEmailIndex } from './privacy/email-index.ts';
import { personalDataRetentionJob } from './privacy/retention.ts';
import { deriveKeys } from './keys.ts';
import { payoutAccountModel, payoutModel } from './payouts/model.ts';
import { unsubscribeRoute } from './marketing/route.ts';
import { resolvers } from './resolvers/index.ts';

export const SUBGRAPH_NAME = 'users';

/** This subgraph's SDL from the shared `schema/` directory, with the shared directive definitions. */
export const typeDefs = parse(readSubgraphSdl(new URL('../../../schema/users.graphql', import.meta.url)));

/**
 * The executable subgraph schema (also used by codegen to check this subgraph's test
 * operations): `@access` enforced (deny by default, startup fails on a root field without a
 * rule), then `@personal` fields masked for callers who may not see them.
 */
export function createSchema(options: { accessLog?: AccessLogSink } = {}) {
  const schema = applyAccessRules(buildSubgraphSchema({ typeDefs, resolvers: resolvers as GraphQLResolverMap<unknown> }));
  return applyPersonalData(schema, options.accessLog === undefined ? {} : { log: options.accessLog });
}

export interface StartSubgraphOptions {
  mongoUri: string;
  /** Default `leadgraph_users`. */
  dbName?: string;
  /** Default 0: any free port. */
  port?: number;
  host?: string;
  logger?: Logger;
  /** Key verifying the gateway's identity assertion; default IDENTITY_SIGNING_KEY or the dev key. */
  identitySigningKey?: string;
  /** Where the other subgraphs are, for service-to-service calls (privacy); default their documented ports. */
  peerUrl?: PeerUrl;
  /** SMTP server for the outbox worker; default the mail package's SMTP_URL (dev: the catcher `smtp://127.0.0.1:1025`). */
  smtpUrl?: string;
  /** Base of the links in mails (`${appUrl}/verify-email?token=…`); default `http://localhost:4000` (index.ts passes APP_URL). */
  appUrl?: string;
  /** Outbox polling interval; default MAIL_OUTBOX_INTERVAL_MS (1000). Tests use ~50. */
  mailIntervalMs?: number;
  /** How recent a password entry must be for deleting the account or changing the email; default 10 (index.ts passes REAUTH_MINUTES). */
  recentAuthMinutes?: number;
  /** HMAC key for rate-limit pseudonyms; index.ts passes AUTH_KEY_PEPPER. */
  authKeyPepper?: string;
  /** argon2 cost; production parameters unless given (tests pass `TEST_ARGON2`). */
  argon2?: Argon2Params;
  /** Base of image URLs; default `http://localhost:4000`, the gateway (index.ts passes MEDIA_BASE_URL). */
  mediaBaseUrl?: string;
  /** Largest decoded image upload; default 2 MiB (index.ts passes PRO_MAX_IMAGE_BYTES). */
  maxImageBytes?: number;
  /** Most gallery images per pro; default 8 (index.ts passes PRO_MAX_GALLERY_IMAGES). */
  maxGalleryImages?: number;
  /**
   * Called for every collection operation mongoose sends (collection and method only: the
   * arguments may hold personal data). For tests that count database round trips.
   */
  onDatabaseOperation?: (collection: string, method: string) => void;
}

const DEFAULT_APP_URL = 'http://localhost:4000';
const defaultPeerUrl: PeerUrl = (peer) => `http://127.0.0.1:${SUBGRAPH_PORTS[peer]}/graphql`;
const DEFAULT_RECENT_AUTH_MINUTES = 10;
const DEFAULT_MAX_IMAGE_BYTES = 2 * 1024 * 1024;
const DEFAULT_MAX_GALLERY_IMAGES = 8;
/** Room in a request body beside the base64 image (the query, the other variables). */
const BODY_OVERHEAD_BYTES = 64 * 1024;

export type { RunningSubgraph };

/** Connects to the database, builds the schema and serves it until `stop()`. */
export async function startSubgraph(options: StartSubgraphOptions): Promise<RunningSubgraph> {
  const logger = options.logger ?? createLogger(`subgraph-${SUBGRAPH_NAME}`);
  const signingKey =
    options.identitySigningKey ?? resolveSigningKey(process.env.IDENTITY_SIGNING_KEY, process.env.NODE_ENV);
  const connection = await connectDatabase(options.mongoUri, options.dbName ?? `leadgraph_${SUBGRAPH_NAME}`);
  let stopWorkers = async (): Promise<void> => {};
  try {
    const onOperation = options.onDatabaseOperation;
    if (onOperation !== undefined) connection.set('debug', (collection: string, method: string) => onOperation(collection, method));
    // Before the models exist: compiling one starts building its indexes.
    await replaceLegacyEmailIndex(connection);
    const models: Models = {
      User: userModel(connection),
      ProImage: proImageModel(connection),
      ProVerificationAudit: proVerificationAuditModel(connection),
    };
    await Promise.all(Object.values(models).map((model) => model.init()));
    const auth = await createAuthDeps({
      db: connection,
      User: models.User,
      logger,
      pepper: options.authKeyPepper,
      argon2: options.argon2,
    });
    const accounts: Accounts = {
      auth,
      mailer: createAccountMailer(connection, options.appUrl ?? DEFAULT_APP_URL),
      recentAuthMinutes: options.recentAuthMinutes ?? DEFAULT_RECENT_AUTH_MINUTES,
    };
    const mailEnv = {
      ...process.env,
      ...(options.smtpUrl === undefined ? {} : { SMTP_URL: options.smtpUrl }),
      ...(options.mailIntervalMs === undefined ? {} : { MAIL_OUTBOX_INTERVAL_MS: String(options.mailIntervalMs) }),
    };
    const mail = await startMailDelivery({ db: connection, logger, config: loadMailConfig(mailEnv) });
    const accessLog = createAccessLogWriter({
      store: mongoAccessLogStore(connection),
      onFlushError: (error) => logger.warn({ errorName: (error as Error).name }, 'access log flush failed'),
    });
    const retention = createScheduler({ db: connection, logger, jobs: [personalDataRetentionJob(connection)] });
    retention.start();
    stopWorkers = async () => {
      await retention.stop();
      await mail.stop();
      await accessLog.stop();
    };
    const maxImageBytes = options.maxImageBytes ?? DEFAULT_MAX_IMAGE_BYTES;
    const bucket = mediaBucket(connection);
    const marketplace = {
      db: connection,
      appUrl: options.appUrl ?? DEFAULT_APP_URL,
      mediaBaseUrl: options.mediaBaseUrl ?? DEFAULT_APP_URL,
      bucket,
      limits: { maxImageBytes, maxGalleryImages: options.maxGalleryImages ?? DEFAULT_MAX_GALLERY_IMAGES },
      privacy: privacyPeer(createServiceClient({ self: SUBGRAPH_NAME, signingKey, peerUrl: options.peerUrl ?? defaultPeerUrl, logger })),
      keys: deriveKeys(signingKey),
    };
    // Payout collections: their unique and paging indexes before the first request.
    await Promise.all([payoutAccountModel(connection).init(), payoutModel(connection).init()]);
    return await serveSubgraph({
      name: SUBGRAPH_NAME,
      schema: createSchema({ accessLog }),
      connection,
      context: createContextFactory({ models, logger, signingKey, accounts, marketplace }),
      formatError: createFormatError(logger),
      logger,
      port: options.port ?? 0,
      ...(options.host === undefined ? {} : { host: options.host }),
      routes: [
        mediaRoute({ ProImage: models.ProImage, bucket }),
        unsubscribeRoute({ User: models.User, db: connection, privacy: marketplace.privacy, unsubscribeKey: marketplace.keys.unsubscribe, logger }),
      ],
      // A base64 upload is 4/3 of the image.
      maxBodyBytes: Math.ceil(maxImageBytes / 3) * 4 + BODY_OVERHEAD_BYTES,
      beforeClose: stopWorkers,
    });
  } catch (error) {
    await stopWorkers();
    await connection.close();
    throw error;
  }
}

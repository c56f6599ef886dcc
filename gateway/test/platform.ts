import { startGateway, SUBGRAPH_NAMES, type RunningGateway, type StartGatewayOptions, type SubgraphName } from '../src/server.ts';
import { TEST_ARGON2 } from '@leadgraph/auth';
import type { MongoHandle } from '@leadgraph/db';
import { createLogger, type Logger } from '@leadgraph/logging';
import { startMailCatcher, type MailCatcher } from '@leadgraph/mail';
import { startSubgraph as startLeads } from '@leadgraph/subgraph-leads';
import { startSubgraph as startPrivacy } from '@leadgraph/subgraph-privacy';
import { startSubgraph as startReviews } from '@leadgraph/subgraph-reviews';
import { startSubgraph as startUsers } from '@leadgraph/subgraph-users';
import { startTestDatabase, uniqueDbName } from '@leadgraph/testing';

type RunningSubgraph = Awaited<ReturnType<typeof startUsers>>;
type StartSubgraph = typeof startUsers;

const starters: Record<SubgraphName, StartSubgraph> = {
  users: startUsers,
  leads: startLeads,
  reviews: startReviews,
  privacy: startPrivacy,
};

/** A subgraph starter's options (the users subgraph's, which has the most). */
type SubgraphOptions = Parameters<StartSubgraph>[0];

export interface PlatformOptions
  extends Omit<StartGatewayOptions, 'subgraphs' | 'port' | 'host' | 'logger' | 'mongoUri' | 'usersDbName'> {
  /** Reuse a database (e.g. the bench's); by default each platform starts its own. */
  mongo?: MongoHandle;
  logger?: Logger;
  /** Extra options for the users subgraph (e.g. `recentAuthMinutes`). */
  users?: Partial<SubgraphOptions>;
}

export interface Platform extends AsyncDisposable {
  /** The gateway's GraphQL endpoint. */
  graphqlUrl: string;
  gateway: RunningGateway;
  mongo: MongoHandle;
  /** The database each subgraph writes to (unique to this platform). */
  dbNames: Record<SubgraphName, string>;
  /** The mail catcher the users subgraph delivers to (real SMTP on a free port). */
  mail: MailCatcher;
  /** Each running subgraph's GraphQL endpoint. */
  subgraphUrls: Record<SubgraphName, string>;
  /** Stops one subgraph (the gateway keeps its URL). */
  stopSubgraph(name: SubgraphName): Promise<void>;
  /** Starts a stopped subgraph again on its old port. */
  restartSubgraph(name: SubgraphName): Promise<void>;
  /** Another gateway over the same subgraphs, e.g. in production mode. Stopped with the platform. */
  startGateway(options?: Omit<StartGatewayOptions, 'subgraphs' | 'mongoUri'>): Promise<RunningGateway>;
  stop(): Promise<void>;
}

/**
 * A whole platform for a test or the bench: a database of its own (unless given), a mail
 * catcher, the four subgraphs and a gateway, all in this process on 127.0.0.1 with free ports.
 */
export async function startPlatform(options: PlatformOptions = {}): Promise<Platform> {
  const logger = options.logger ?? createLogger('platform', { level: process.env.LOG_LEVEL ?? 'silent' });
  const ownMongo = options.mongo === undefined;
  const mongo = options.mongo ?? (await startTestDatabase());
  const dbNames = Object.fromEntries(SUBGRAPH_NAMES.map((name) => [name, uniqueDbName(`gw_${name}`)])) as Record<
    SubgraphName,
    string
  >;
  const running = new Map<SubgraphName, RunningSubgraph>();
  const ports = new Map<SubgraphName, number>();
  const gateways: RunningGateway[] = [];
  const mail = await startMailCatcher({ smtpPort: 0, httpPort: 0, host: '127.0.0.1' });
  // Mail for the users subgraph: real SMTP to the catcher, the outbox polled every 50 ms;
  // argon2 at the cheap test cost (two cores).
  const usersExtra = {
    smtpUrl: mail.smtpUrl,
    appUrl: 'http://localhost:4000',
    mailIntervalMs: 50,
    argon2: TEST_ARGON2,
    ...options.users,
  };

  // Subgraphs call each other per request, so the table can be filled once all have started.
  const peerUrl = (peer: SubgraphName) => `http://127.0.0.1:${ports.get(peer) ?? 1}/graphql`;
  // The privacy subgraph runs the data export through the gateway, which starts last.
  let gatewayGraphqlUrl = 'http://127.0.0.1:1/graphql';
  const privacyExtra = { gatewayUrl: () => gatewayGraphqlUrl };

  const start = async (name: SubgraphName) => {
    const subgraph = await starters[name]({
      mongoUri: mongo.uri,
      dbName: dbNames[name],
      port: ports.get(name) ?? 0,
      host: '127.0.0.1',
      logger: logger.child({ service: name }),
      ...(name === 'users' ? { ...usersExtra, peerUrl } : { peerUrl }),
      ...(name === 'privacy' ? privacyExtra : {}),
    });
    running.set(name, subgraph);
    ports.set(name, subgraph.port);
  };

  const stop = async () => {
    await Promise.allSettled(gateways.map((gateway) => gateway.stop()));
    await Promise.allSettled([...running.values()].map((subgraph) => subgraph.stop()));
    running.clear();
    await mail.stop();
    if (ownMongo) await mongo.stop();
  };

  try {
    await Promise.all(SUBGRAPH_NAMES.map(start));
    const subgraphUrls = Object.fromEntries(
      SUBGRAPH_NAMES.map((name) => [name, `${running.get(name)!.url}/graphql`]),
    ) as Record<SubgraphName, string>;
    const startAnother = async (extra: Omit<StartGatewayOptions, 'subgraphs' | 'mongoUri'> = {}) => {
      const sessions = { mongoUri: mongo.uri, usersDbName: dbNames.users };
      const gateway = await startGateway({ logger, ...extra, ...sessions, subgraphs: subgraphUrls });
      gateways.push(gateway);
      return gateway;
    };
    const { mongo: _mongo, logger: _logger, users: _users, ...gatewayOptions } = options;
    const gateway = await startAnother({ ...gatewayOptions, port: 0, host: '127.0.0.1' });
    gatewayGraphqlUrl = `${gateway.url}/graphql`;
    return {
      graphqlUrl: `${gateway.url}/graphql`,
      gateway,
      mongo,
      mail,
      dbNames,
      subgraphUrls,
      async stopSubgraph(name) {
        const subgraph = running.get(name);
        running.delete(name);
        await subgraph?.stop();
      },
      async restartSubgraph(name) {
        if (!running.has(name)) await start(name);
      },
      startGateway: startAnother,
      stop,
      [Symbol.asyncDispose]: stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

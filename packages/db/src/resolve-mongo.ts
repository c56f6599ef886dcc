import { DryMongoBinary, MongoMemoryReplSet, MongoMemoryServer } from 'mongodb-memory-server-core';
import { createLogger, type Logger } from '@leadgraph/logging';
import { redactUri } from './uri.ts';

/** A MongoDB to talk to, and how to let go of it (a no-op for an external MONGODB_URI). */
export interface MongoHandle {
  /** Base URI without a database name; pass the database name to `connectDatabase`. */
  uri: string;
  /** `uri`: MONGODB_URI from the environment; `mongod`: a local mongod binary; `embedded`: the project's server. */
  kind: 'uri' | 'mongod' | 'embedded';
  stop(): Promise<void>;
}

export interface ResolveMongoOptions {
  /** Port for a server we start (0 or unset: any free port). Ignored for MONGODB_URI. */
  port?: number;
  /** Where a server we start keeps its files; unset: in memory / a temporary directory. */
  dbPath?: string;
  /** Start a one-member replica set with this name (transactions need one). */
  replSet?: string;
  logger?: Logger;
  env?: NodeJS.ProcessEnv;
}

/** Port `pnpm start` runs the embedded server on; `pnpm seed` connects there unless MONGODB_URI is set. */
export const DEV_MONGODB_PORT = 27018;

/**
 * Where a mongod binary already is, or undefined. Looks at MONGOMS_SYSTEM_BINARY, then
 * mongodb-memory-server's download caches; never downloads and never deletes anything.
 */
export async function findMongodBinary(env: NodeJS.ProcessEnv = process.env): Promise<string | undefined> {
  const systemBinary = env.MONGOMS_SYSTEM_BINARY;
  if (systemBinary !== undefined && systemBinary !== '') {
    return DryMongoBinary.getSystemPath(systemBinary);
  }
  const options = await DryMongoBinary.generateOptions(DryMongoBinary.getEnsuredOptions());
  const [exists, path] = await DryMongoBinary.generateDownloadPath(options);
  return exists ? path : undefined;
}

async function startMongod(binary: string, options: ResolveMongoOptions): Promise<MongoHandle> {
  const instance = {
    ...(options.port ? { port: options.port } : {}),
    ...(options.dbPath === undefined ? {} : { dbPath: options.dbPath }),
  };
  const binaryOptions = { systemBinary: binary };
  if (options.replSet !== undefined) {
    const replSet = await MongoMemoryReplSet.create({
      binary: binaryOptions,
      replSet: { name: options.replSet, count: 1 },
      instanceOpts: [instance],
    });
    return { uri: replSet.getUri(), kind: 'mongod', stop: async () => void (await replSet.stop()) };
  }
  const server = await MongoMemoryServer.create({ binary: binaryOptions, instance });
  return { uri: server.getUri(), kind: 'mongod', stop: async () => void (await server.stop()) };
}

async function startEmbedded(options: ResolveMongoOptions): Promise<MongoHandle> {
  // Loaded lazily: a process using MONGODB_URI or mongod never loads the embedded server.
  const embedded = await import('@leadgraph/embedded-mongo');
  const server = await embedded.start({
    port: options.port ?? 0,
    host: '127.0.0.1',
    quiet: true,
    ...(options.dbPath === undefined ? {} : { dbPath: options.dbPath }),
    ...(options.replSet === undefined ? {} : { replSet: options.replSet }),
  });
  return { uri: server.uri, kind: 'embedded', stop: () => server.stop() };
}

/**
 * The MongoDB this process should use, in order: MONGODB_URI if set; else a local mongod
 * when a binary is already on disk (MONGOMS_SYSTEM_BINARY or the mongodb-memory-server
 * cache); else (or when that mongod does not start) the embedded MongoDB-compatible server.
 * Logs which one it chose.
 */
export async function resolveMongo(options: ResolveMongoOptions = {}): Promise<MongoHandle> {
  const env = options.env ?? process.env;
  const logger = options.logger ?? createLogger('db');
  const configured = env.MONGODB_URI;
  if (configured !== undefined && configured !== '') {
    logger.info({ mongo: 'uri', uri: redactUri(configured) }, 'MongoDB: using MONGODB_URI');
    return { uri: configured, kind: 'uri', stop: async () => {} };
  }
  const binary = await findMongodBinary(env);
  if (binary === undefined && env.MONGOMS_SYSTEM_BINARY) {
    logger.warn({ binary: env.MONGOMS_SYSTEM_BINARY }, 'MongoDB: MONGOMS_SYSTEM_BINARY does not exist; ignoring it');
  }
  if (binary !== undefined) {
    try {
      const handle = await startMongod(binary, options);
      logger.info({ mongo: 'mongod', uri: redactUri(handle.uri), binary }, 'MongoDB: started a local mongod');
      return handle;
    } catch (error) {
      logger.warn({ binary, errorName: (error as Error).name }, 'MongoDB: the local mongod did not start; falling back');
    }
  }
  const handle = await startEmbedded(options);
  logger.info(
    { mongo: 'embedded', uri: redactUri(handle.uri) },
    'MongoDB: no MONGODB_URI and no mongod binary; started the embedded server',
  );
  return handle;
}

/**
 * `pnpm start` / `pnpm dev`: the whole platform on this machine. Resolves the database
 * (MONGODB_URI, else a local mongod, else the embedded server on DEV_MONGODB_PORT with its
 * files in `.data/mongo`), starts the mail catcher (in this process: every mail the users
 * subgraph sends lands there, nothing leaves the machine), starts the four subgraphs and then
 * the gateway as child processes, waits for each `/health`, prints what runs where, and on
 * Ctrl-C / SIGTERM stops the gateway, the subgraphs, the mail catcher and the database, in
 * that order.
 *
 * `--watch` (pnpm dev) runs each service under `tsx watch`: a changed file restarts only the
 * services that import it.
 *
 * Environment: GATEWAY_PORT (4000), USERS_PORT (4001), LEADS_PORT (4002), REVIEWS_PORT (4003),
 * PRIVACY_PORT (4004), HOST (127.0.0.1), MONGODB_PORT (27018), MONGODB_DB_PATH (.data/mongo),
 * MAIL_CATCHER_SMTP_PORT (1025), MAIL_CATCHER_HTTP_PORT (1080), STARTUP_TIMEOUT_MS (60000);
 * with SMTP_URL set no catcher starts and the users subgraph sends there. Everything else
 * (LOG_LEVEL, NODE_ENV, IDENTITY_SIGNING_KEY, MONGODB_URI) is passed on to the services;
 * every service (the gateway too: it validates sessions in the users database) gets MONGODB_URI.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { DEV_MONGODB_PORT, redactUri, resolveMongo, type MongoHandle } from '@leadgraph/db';
import { createLogger } from '@leadgraph/logging';
// By path: the root package does not depend on @leadgraph/mail (the gateway and users do).
import { startMailCatcher, type MailCatcher } from '../packages/mail/src/index.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const watch = process.argv.includes('--watch');
const logger = createLogger('start', { destination: { write: (line: string) => print('start', '', line.trimEnd()) } });

function fail(message: string): never {
  process.stderr.write(`start: ${message}\n`);
  process.exit(1);
}

/** A whole number from the environment (a port by default: 1 to 65535), or the fallback. */
function intFromEnv(name: string, fallback: number, max = 65_535): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    fail(`${name} must be a whole number from 1 to ${max} (got ${JSON.stringify(raw)})`);
  }
  return value;
}

interface Service {
  name: string;
  entry: string;
  port: number;
  env: Record<string, string>;
  child?: ChildProcess;
  /** The last lines the service printed, shown when it fails to start. */
  recent: string[];
  exited?: { code: number | null; signal: NodeJS.Signals | null };
  /** Exited and its output pipes closed. */
  closed?: boolean;
}

const host = process.env.HOST || '127.0.0.1';
const startupTimeoutMs = intFromEnv('STARTUP_TIMEOUT_MS', 60_000, 600_000);
const subgraphs: Service[] = (
  [
    ['users', 'USERS_PORT', 4001],
    ['leads', 'LEADS_PORT', 4002],
    ['reviews', 'REVIEWS_PORT', 4003],
    ['privacy', 'PRIVACY_PORT', 4004],
  ] as const
).map(([name, variable, port]) => ({
  name,
  entry: `subgraphs/${name}/src/index.ts`,
  port: intFromEnv(variable, port),
  env: {},
  recent: [],
}));
const gatewayPort = intFromEnv('GATEWAY_PORT', 4000);
const mailSmtpPort = intFromEnv('MAIL_CATCHER_SMTP_PORT', 1025);
const mailHttpPort = intFromEnv('MAIL_CATCHER_HTTP_PORT', 1080);
const gateway: Service = {
  name: 'gateway',
  entry: 'gateway/src/index.ts',
  port: gatewayPort,
  env: Object.fromEntries(
    subgraphs.map((s) => [`${s.name.toUpperCase()}_URL`, `http://${host}:${s.port}/graphql`]),
  ),
  recent: [],
};
// Each subgraph finds its peers (service-to-service calls), the gateway (the privacy export) and
// the public media base on the ports chosen here, not only on the documented ones.
// Values set in the environment win.
const publicBase = `http://localhost:${gatewayPort}`;
const subgraphEnv = { ...gateway.env, GATEWAY_URL: `http://${host}:${gatewayPort}/graphql`, MEDIA_BASE_URL: publicBase, APP_URL: publicBase };
for (const subgraph of subgraphs) {
  subgraph.env = Object.fromEntries(Object.entries(subgraphEnv).filter(([name]) => !process.env[name]));
}

function print(name: string, colour: string, line: string): void {
  process.stdout.write(`${colour}${name.padEnd(8)}|${reset} ${readable(line)}\n`);
}

const COLORS = ['\x1b[36m', '\x1b[32m', '\x1b[33m', '\x1b[35m', '\x1b[34m'];
const color = (service: Service) =>
  process.stdout.isTTY ? COLORS[[gateway, ...subgraphs].indexOf(service) % COLORS.length]! : '';
const reset = process.stdout.isTTY ? '\x1b[0m' : '';

/** A pino JSON line as `level msg {other fields}`; anything else as is. */
function readable(line: string): string {
  try {
    const { level, msg, time: _time, service: _service, ...rest } = JSON.parse(line) as Record<string, unknown>;
    if (typeof msg !== 'string') return line;
    const extra = Object.keys(rest).length > 0 ? ` ${JSON.stringify(rest)}` : '';
    return `${String(level).padEnd(5)} ${msg}${extra}`;
  } catch {
    return line;
  }
}

const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');

function spawnService(service: Service, mongoUri: string): void {
  const args = watch
    ? [tsxCli, 'watch', '--clear-screen=false', service.entry]
    : ['--import', 'tsx', service.entry];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...service.env, PORT: String(service.port), HOST: host, MONGODB_URI: mongoUri },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: the terminal's Ctrl-C reaches only this script, which then
    // stops the services in order (and `tsx watch` with its child, as one group).
    detached: true,
  });
  service.child = child;
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => {
      service.recent.push(readable(line));
      if (service.recent.length > 30) service.recent.shift();
      print(service.name, color(service), line);
    });
  }
  child.on('close', () => {
    service.closed = true;
  });
  child.on('exit', (code, signal) => {
    service.exited = { code, signal };
    if (!stopping) logger.warn({ serviceName: service.name, code, signal }, 'service exited');
  });
}

async function waitHealthy(service: Service): Promise<void> {
  const url = `http://${host}:${service.port}/health`;
  const deadline = Date.now() + startupTimeoutMs;
  while (Date.now() < deadline) {
    if (service.exited) break;
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      await response.body?.cancel();
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const why = service.exited
    ? `exited (code ${service.exited.code}, signal ${service.exited.signal})`
    : `not healthy at ${url} after ${startupTimeoutMs} ms`;
  const lines = service.recent.length > 0 ? service.recent.map((l) => `    ${l}`).join('\n') : '    (no output)';
  throw new Error(`${service.name} ${why}. Its last lines:\n${lines}`);
}

/** SIGTERM to the service; SIGKILL to its whole process group if it is still there after 5 s. */
async function stopService(service: Service): Promise<void> {
  const child = service.child;
  if (!child?.pid || service.closed) return;
  // 'close' waits for the output pipes too, which `tsx watch`'s own child also holds.
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  // SIGTERM to the direct child only: `tsx watch` relays it to the service once (a second
  // copy sent to the whole group would hit the service's default handler and kill it hard).
  child.kill('SIGTERM');
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }, 5_000);
  await exited;
  clearTimeout(timer);
}

let stopping: Promise<never> | undefined;
let mongo: MongoHandle | undefined;
let catcher: MailCatcher | undefined;

/** Stops the gateway, then the subgraphs, the mail catcher and the database, and exits; only the first call counts. */
function stopAll(exitCode: number): Promise<never> {
  stopping ??= (async () => {
    await stopService(gateway);
    await Promise.all(subgraphs.map(stopService));
    await catcher?.stop().catch((error: unknown) => logger.error({ errorName: (error as Error).name }, 'mail catcher stop failed'));
    await mongo?.stop().catch((error: unknown) => logger.error({ errorName: (error as Error).name }, 'database stop failed'));
    process.exit(exitCode);
  })();
  return stopping;
}

function printTable(database: MongoHandle): void {
  const rows = [gateway, ...subgraphs].map((s) => [s.name, `http://localhost:${s.port}/graphql`, String(s.port)]);
  rows.unshift(['service', 'url', 'port']);
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length)));
  const lines = rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('   '));
  lines.push('', `database   ${database.kind}   ${redactUri(database.uri)}`);
  lines.push(catcher ? `mail       http://localhost:${mailHttpPort}   (SMTP ${mailSmtpPort}; every mail lands here)` : 'mail       SMTP_URL (external)');
  lines.push('', watch ? 'Watching for changes. Ctrl-C stops everything.' : 'Ctrl-C stops everything.');
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
}

async function main(): Promise<void> {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      if (!stopping) {
        process.stdout.write(`\nstart: ${signal}: stopping the gateway, the subgraphs, the mail catcher, then the database\n`);
        void stopAll(0);
      }
    });
  }
  // A crash of this script must not leave services behind.
  process.on('exit', () => {
    for (const service of [gateway, ...subgraphs]) {
      if (service.child?.pid && !service.exited) {
        try {
          process.kill(-service.child.pid, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
    }
  });

  const dbPath = process.env.MONGODB_DB_PATH || `${root}.data/mongo`;
  if (!process.env.MONGODB_URI) mkdirSync(dbPath, { recursive: true });
  const mongoPort = intFromEnv('MONGODB_PORT', DEV_MONGODB_PORT);
  mongo = await resolveMongo({ port: mongoPort, dbPath, logger }).catch((error: unknown) => {
    if ((error as { code?: unknown }).code !== 'EADDRINUSE' && !/EADDRINUSE/.test(String(error))) throw error;
    return fail(`port ${mongoPort} is in use (another pnpm start?): stop it, or set MONGODB_PORT or MONGODB_URI`);
  });

  if (!process.env.SMTP_URL) {
    catcher = await startMailCatcher({ smtpPort: mailSmtpPort, httpPort: mailHttpPort, host }).catch((error: unknown) => {
      if (!/EADDRINUSE/.test(String((error as { code?: unknown }).code ?? error))) throw error;
      void mongo?.stop();
      return fail(`mail catcher port ${mailSmtpPort} or ${mailHttpPort} is in use: set MAIL_CATCHER_SMTP_PORT / MAIL_CATCHER_HTTP_PORT, or SMTP_URL`);
    });
    subgraphs.find((s) => s.name === 'users')!.env.SMTP_URL = catcher.smtpUrl;
  }

  try {
    for (const service of subgraphs) spawnService(service, mongo.uri);
    await Promise.all(subgraphs.map(waitHealthy));
    spawnService(gateway, mongo.uri);
    await waitHealthy(gateway);
  } catch (error) {
    if (stopping) return; // Interrupted while starting: not a failure.
    process.stderr.write(`\nstart: ${(error as Error).message}\n\n`);
    await stopAll(1);
  }
  if (!stopping) printTable(mongo);
}

main().catch((error: unknown) => {
  process.stderr.write(`start: ${(error as Error).message}\n`);
  void stopAll(1);
});

/** Command line: tsx packages/embedded-mongo/src/cli.ts [--port N] [--dbpath DIR] [--replSet NAME] [--host H] [--quiet] */
import { start, type StartOptions } from './index.ts';

const USAGE = 'usage: embedded-mongo [--port N] [--dbpath DIR] [--replSet NAME] [--host HOST] [--quiet]';

function fail(msg: string): never {
  process.stderr.write(`embedded-mongo: ${msg}\n${USAGE}\n`);
  process.exit(2);
}

export function parseArgs(argv: string[]): StartOptions {
  const opts: StartOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') fail(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--port': {
        const v = value();
        const n = Number(v);
        if (!/^\d+$/.test(v) || n > 65535) fail(`invalid --port '${v}' (expected 0-65535)`);
        opts.port = n;
        break;
      }
      case '--dbpath':
      case '--dbPath':
        opts.dbPath = value();
        break;
      case '--replSet':
      case '--replset':
        opts.replSet = value();
        break;
      case '--host':
      case '--bind_ip':
        opts.host = value();
        break;
      case '--quiet':
        opts.quiet = true;
        break;
      case '--help':
      case '-h':
        process.stdout.write(USAGE + '\n');
        process.exit(0);
      default:
        fail(`unknown option '${arg}'`);
    }
  }
  return opts;
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const server = await start(opts).catch((e: Error) => {
    process.stderr.write(`embedded-mongo: failed to start: ${e.message}\n`);
    process.exit(1);
  });
  process.stdout.write(`embedded-mongo ready: ${server.uri}\n`);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`embedded-mongo: ${signal}, flushing and stopping\n`);
    server.stop().then(
      () => process.exit(0),
      (e: Error) => {
        process.stderr.write(`embedded-mongo: error while stopping: ${e.message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

void main();

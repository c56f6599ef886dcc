/**
 * `pnpm admin:create -- --email ann@example.com --name "Ann Admin"`: creates a verified admin
 * in the users database (MONGODB_URI, else the dev server `pnpm start` runs; MONGODB_DB, else
 * leadgraph_users). The password is read from stdin: typed without echo on a terminal, or
 * piped (`--password-stdin`, one line). It is never echoed, logged or passed as an argument.
 */
import { parseArgs } from 'node:util';
import { isAuthError } from '@leadgraph/auth';
import { DEV_MONGODB_PORT, connectDatabase, redactUri } from '@leadgraph/db';
import { UsersError } from '../errors.ts';
import { userModel } from '../models/user.ts';
import { createAdmin } from '../services/create-admin.ts';

const USAGE = 'usage: pnpm admin:create -- --email <address> --name "<name>" [--password-stdin] < password';

/** One line from stdin; on a terminal, typed without echo. */
async function readPassword(): Promise<string> {
  const stdin = process.stdin;
  if (stdin.isTTY) {
    process.stderr.write('Password (not shown): ');
    stdin.setRawMode(true);
  }
  stdin.setEncoding('utf8');
  let buffer = '';
  for await (const chunk of stdin as AsyncIterable<string>) {
    if (stdin.isTTY && chunk === '\u0003') process.exit(130);
    buffer += chunk;
    if (buffer.includes('\n') || buffer.includes('\r')) break;
  }
  if (stdin.isTTY) {
    stdin.setRawMode(false);
    process.stderr.write('\n');
  }
  stdin.pause();
  return buffer.split(/\r?\n|\r/)[0] ?? '';
}

async function main(): Promise<number> {
  // `pnpm admin:create -- --email …` may hand the `--` through.
  const args = process.argv.slice(2);
  const { values } = parseArgs({
    args: args[0] === '--' ? args.slice(1) : args,
    options: { email: { type: 'string' }, name: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
    allowPositionals: false,
  });
  if (values.email === undefined || values.name === undefined) {
    console.error(USAGE);
    return 2;
  }
  const password = await readPassword();
  const uri = process.env.MONGODB_URI || `mongodb://127.0.0.1:${DEV_MONGODB_PORT}/`;
  const db = await connectDatabase(uri, process.env.MONGODB_DB || 'leadgraph_users');
  try {
    const User = userModel(db);
    await User.init();
    const { id } = await createAdmin(User, { email: values.email, name: values.name, password });
    console.log(`Created admin ${id} in ${redactUri(uri)}.`);
    return 0;
  } catch (error) {
    if (isAuthError(error)) {
      const problems = Array.isArray(error.details.problems) ? ` (${error.details.problems.join(', ')})` : '';
      console.error(`Refused: ${error.code}${problems}. ${error.message}`);
      return 1;
    }
    if (error instanceof UsersError) {
      console.error(`Refused: ${error.message}`);
      return 1;
    }
    throw error;
  } finally {
    await db.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`admin:create failed (${(error as Error).name})`);
    process.exit(1);
  },
);

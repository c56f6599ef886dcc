// Runs the embedded server's CLI as a child process (node --import tsx src/cli.ts), for the
// durability tests: it must print its mongodb:// URI once it accepts connections.
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { cliPath, repoRoot } from './server.ts';

export interface CliServer {
  child: ChildProcess;
  uri: string;
  /** Everything written to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (or signal name) once the process has ended. */
  exited: Promise<number | string>;
}

export async function startCli(args: string[], timeoutMs = 30_000): Promise<CliServer> {
  const child = spawn(process.execPath, ['--import', 'tsx', cliPath, '--port', '0', ...args], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LOG_LEVEL: 'info' },
  });
  let out = '';
  const exited = new Promise<number | string>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  const uri = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`CLI printed no URI within ${timeoutMs} ms:\n${out}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /mongodb:\/\/[^\s"'`]+/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[0]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`CLI exited (${code}) before printing a URI:\n${out}`));
    });
  });
  return { child, uri, output: () => out, exited };
}

/** Every regular file under `dir`, with its size. */
export async function listFiles(dir: string): Promise<{ file: string; size: number }[]> {
  const result: { file: string; size: number }[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) result.push(...(await listFiles(full)));
    else if (entry.isFile()) result.push({ file: full, size: (await stat(full)).size });
  }
  return result;
}

/** The journal (write-ahead log) file in a dbpath: the largest file whose name says so. */
export async function findJournal(dir: string): Promise<string> {
  const files = (await listFiles(dir)).filter((f) => /journal|wal|\.log$|oplog/i.test(path.basename(f.file)));
  files.sort((a, b) => b.size - a.size);
  const first = files[0];
  if (!first) throw new Error(`no journal file found in ${dir}: ${(await listFiles(dir)).map((f) => f.file).join(', ')}`);
  return first.file;
}

import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface ServiceProcess {
  /** The first log line that names a `url` (the service saying where it listens). */
  listening: Record<string, unknown>;
  /** Every JSON log line so far, in order. */
  logged: Array<Record<string, unknown>>;
  /** Sends `signal` and resolves with the exit code once stdout is drained. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Runs a service entry point (`src/index.ts`) as its own Node process with `env` added,
 * reads its JSON log lines from stdout and resolves once it says where it listens; rejects
 * if it exits first. Stderr is inherited, so a crash shows in the test output.
 */
export async function startServiceProcess(entry: URL, env: Record<string, string>): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(entry)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // 'close', not 'exit': it comes after stdout is drained, so the last log line has been read.
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const logged: Array<Record<string, unknown>> = [];
  const listening = await new Promise<Record<string, unknown>>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      logged.push(entry);
      if (typeof entry.url === 'string') resolve(entry);
    });
    void exited.then((code) => reject(new Error(`exited early with ${code}`)));
  });
  return {
    listening,
    logged,
    stop(signal = 'SIGTERM') {
      child.kill(signal);
      return exited;
    },
  };
}

/** Runs an entry point that must refuse to start; resolves with its exit code and stderr. */
export async function runFailingServiceProcess(
  entry: URL,
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(entry)], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const code = await new Promise<number | null>((resolve) => child.once('close', (c) => resolve(c)));
  return { code, stderr };
}

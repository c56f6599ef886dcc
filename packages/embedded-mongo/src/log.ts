/** Minimal stderr logger. Never pass document contents: command names, codes and counts only. */
export interface Logger {
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

export function createLogger(quiet: boolean): Logger {
  const write = (level: string, msg: string): void => {
    process.stderr.write(`[embedded-mongo] ${level} ${msg}\n`);
  };
  return {
    info: (m) => (quiet ? undefined : write('info', m)),
    warn: (m) => write('warn', m),
    error: (m) => write('error', m),
  };
}

import type { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Server as NetServer } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { renderCatcherPage } from './page.ts';
import { MailStore, type CaughtMail } from './store.ts';

export interface MailCatcherOptions {
  /** SMTP port; 1025 by default, 0 for any free port (tests). */
  smtpPort?: number;
  /** HTTP port of the page and JSON; 1080 by default, 0 for any free port. */
  httpPort?: number;
  /** Interface for both servers; loopback by default. */
  host?: string;
  /** Most mails kept in memory; older ones are dropped. */
  maxMessages?: number;
}

export interface MailCatcher {
  smtpUrl: string;
  httpUrl: string;
  /** Received mails, newest first. */
  messages(): CaughtMail[];
  clear(): void;
  stop(): Promise<void>;
}

const MAX_MESSAGE_BYTES = 10 * 1024 * 1024;

/**
 * A development SMTP server that keeps every mail it receives in memory (no auth, no TLS:
 * loopback only), with a page at `/` and JSON at `/messages` and `/messages/latest?to=`.
 * It never relays anything: mail sent to it goes nowhere else.
 */
export async function startMailCatcher(options: MailCatcherOptions = {}): Promise<MailCatcher> {
  const host = options.host ?? '127.0.0.1';
  const store = new MailStore(options.maxMessages ?? 500);

  const smtp = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    closeTimeout: 1000,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const mailFrom = session.envelope.mailFrom;
          store.add(parsed, {
            from: mailFrom ? mailFrom.address : null,
            to: session.envelope.rcptTo.map((r) => r.address),
          });
          callback();
        })
        .catch((error: unknown) => callback(error instanceof Error ? error : new Error('unparseable message')));
    },
  });
  const http = createServer((req, res) => handle(req, res, store));

  const smtpPort = await listen((done) => smtp.listen(options.smtpPort ?? 1025, host, done), smtp.server, smtp);
  let httpPort: number;
  try {
    httpPort = await listen((done) => http.listen(options.httpPort ?? 1080, host, done), http, http);
  } catch (error) {
    await new Promise<void>((resolve) => smtp.close(resolve));
    throw error;
  }
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    smtpUrl: `smtp://${urlHost}:${smtpPort}`,
    httpUrl: `http://${urlHost}:${httpPort}`,
    messages: () => store.list(),
    clear: () => store.clear(),
    async stop() {
      http.closeAllConnections();
      await Promise.all([
        new Promise<void>((resolve) => smtp.close(resolve)),
        new Promise<void>((resolve) => http.close(() => resolve())),
      ]);
    },
  };
}

/** Starts a listener and resolves with its port, or rejects on a listen error (port in use). */
function listen(start: (done: () => void) => void, server: NetServer, errors: EventEmitter): Promise<number> {
  return new Promise((resolve, reject) => {
    errors.once('error', reject);
    start(() => {
      errors.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function handle(req: IncomingMessage, res: ServerResponse, store: MailStore): void {
  const url = new URL(req.url ?? '/', 'http://catcher.local');
  if (req.method === 'GET' && url.pathname === '/') {
    send(res, 200, 'text/html; charset=utf-8', renderCatcherPage(store.list()));
  } else if (req.method === 'GET' && url.pathname === '/messages') {
    sendJson(res, 200, store.list());
  } else if (req.method === 'GET' && url.pathname === '/messages/latest') {
    const mail = store.latest(url.searchParams.get('to') ?? undefined);
    if (mail) sendJson(res, 200, mail);
    else sendJson(res, 404, { error: 'NO_MESSAGE' });
  } else if (req.method === 'DELETE' && url.pathname === '/messages') {
    store.clear();
    res.writeHead(204).end();
  } else {
    sendJson(res, 404, { error: 'NOT_FOUND' });
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, 'application/json; charset=utf-8', JSON.stringify(body));
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    // The page shows other people's mail in development; it runs no script and loads nothing.
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    'x-content-type-options': 'nosniff',
  });
  res.end(body);
}

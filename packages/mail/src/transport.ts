import nodemailer from 'nodemailer';

/** One mail ready for the wire: the recipient and the rendered bodies. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers from the template (`List-Unsubscribe`...). */
  headers?: Record<string, string>;
}

/** What the outbox worker sends through; the SMTP transport below is the real one. */
export interface MailTransport {
  /** Resolves once the server accepted the message; rejects with a coded error otherwise. */
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

export interface SmtpTransportOptions {
  /** The From header of every mail, e.g. `leadgraph <no-reply@example.com>`. */
  from: string;
  /** Connection, greeting and socket timeouts; must stay well under the outbox lease. */
  timeoutMs?: number;
}

/**
 * An SMTP transport from a URL (`SMTP_URL`, e.g. `smtp://user:pass@host:587`). One
 * connection per message keeps failure handling simple: a broken connection affects one
 * send, which the outbox retries.
 */
export function createTransport(smtpUrl: string, options: SmtpTransportOptions): MailTransport {
  const url = new URL(smtpUrl);
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw new Error(`SMTP_URL must be smtp:// or smtps://, got ${url.protocol}`);
  }
  const timeout = options.timeoutMs ?? 15_000;
  const transporter = nodemailer.createTransport({
    host: url.hostname,
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
    secure: url.protocol === 'smtps:',
    auth: url.username
      ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
      : undefined,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    // nodemailer must not write envelopes or bodies anywhere: they hold personal data.
    logger: false,
    debug: false,
  });
  return {
    async send(mail) {
      const info = await transporter.sendMail({ from: options.from, ...mail });
      return { messageId: info.messageId };
    },
    close() {
      transporter.close();
    },
  };
}

/**
 * A short code for a failed send, safe to store and log: the nodemailer code (`ECONNECTION`,
 * `EENVELOPE`...) or the SMTP reply code. Never the error message, which can quote the
 * recipient address.
 */
export function sendErrorCode(error: unknown): string {
  const e = error as { code?: unknown; responseCode?: unknown } | null;
  const parts: string[] = [];
  if (typeof e?.code === 'string' && /^[A-Z][A-Z0-9_]{0,39}$/.test(e.code)) parts.push(e.code);
  if (typeof e?.responseCode === 'number') parts.push(`SMTP_${e.responseCode}`);
  return parts.length > 0 ? parts.join(':') : 'UNKNOWN';
}

/**
 * Whether retrying cannot help: the server answered with a permanent (5xx) SMTP reply, such as
 * an unknown mailbox. Connection failures, timeouts and 4xx replies are temporary.
 */
export function isPermanentSendError(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

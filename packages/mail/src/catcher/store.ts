import type { ParsedMail } from 'mailparser';

/** A mail the catcher received, as developers and tests read it. */
export interface CaughtMail {
  /** Sequence number within this catcher, starting at 1. */
  id: number;
  receivedAt: string;
  /** SMTP envelope: who the mail was actually delivered to. */
  envelope: { from: string | null; to: string[] };
  /** The From header as text. */
  from: string;
  subject: string;
  text: string;
  html: string | null;
  messageId: string | null;
  /** Every header, by lower-case name (the last one wins when repeated), as received. */
  headers: Record<string, string>;
}

/** Received mails in memory, oldest first, keeping at most `limit`. */
export class MailStore {
  private items: CaughtMail[] = [];
  private nextId = 1;

  constructor(private readonly limit: number) {}

  add(parsed: ParsedMail, envelope: CaughtMail['envelope']): CaughtMail {
    const mail: CaughtMail = {
      id: this.nextId++,
      receivedAt: new Date().toISOString(),
      envelope,
      from: parsed.from?.text ?? '',
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      html: typeof parsed.html === 'string' ? parsed.html : null,
      messageId: parsed.messageId ?? null,
      headers: Object.fromEntries(
        parsed.headerLines.map(({ key, line }) => [key.toLowerCase(), line.slice(line.indexOf(':') + 1).replace(/\r?\n[ \t]+/g, ' ').trim()]),
      ),
    };
    this.items.push(mail);
    if (this.items.length > this.limit) this.items.splice(0, this.items.length - this.limit);
    return mail;
  }

  /** Newest first. */
  list(): CaughtMail[] {
    return [...this.items].reverse();
  }

  /** The newest mail delivered to `to` (case-insensitive), or to anyone when omitted. */
  latest(to?: string): CaughtMail | undefined {
    const wanted = to?.trim().toLowerCase();
    return this.list().find((m) => wanted === undefined || m.envelope.to.some((a) => a.toLowerCase() === wanted));
  }

  clear(): void {
    this.items = [];
  }
}

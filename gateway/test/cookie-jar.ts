/**
 * A tiny cookie jar for tests: keeps the cookies a server sets (`Set-Cookie`, with their
 * attributes for assertions) and sends them back as `Cookie`. No domain or path matching:
 * one jar talks to one gateway. An expired cookie (Max-Age=0 or Expires in the past) is removed.
 */
export interface StoredCookie {
  name: string;
  value: string;
  /** Attribute names in lower case → value ('' for flags such as HttpOnly). */
  attributes: Record<string, string>;
}

export class CookieJar {
  readonly #cookies = new Map<string, StoredCookie>();
  /** Every Set-Cookie header received, raw, in order (for assertions). */
  readonly received: string[] = [];

  /** Takes the `Set-Cookie` headers of a response. */
  take(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      this.received.push(line);
      const cookie = parseSetCookie(line);
      if (cookie === null) continue;
      const maxAge = cookie.attributes['max-age'];
      const expires = cookie.attributes.expires;
      const expired =
        (maxAge !== undefined && Number(maxAge) <= 0) || (expires !== undefined && Date.parse(expires) <= Date.now());
      if (expired || cookie.value === '') this.#cookies.delete(cookie.name);
      else this.#cookies.set(cookie.name, cookie);
    }
  }

  /** The `Cookie` header to send, or undefined when the jar is empty. */
  header(): string | undefined {
    if (this.#cookies.size === 0) return undefined;
    return [...this.#cookies.values()].map((c) => `${c.name}=${c.value}`).join('; ');
  }

  get(name: string): StoredCookie | undefined {
    return this.#cookies.get(name);
  }

  /** A copy holding the same cookies (e.g. a thief's copy of a stolen cookie). */
  clone(): CookieJar {
    const copy = new CookieJar();
    for (const cookie of this.#cookies.values()) copy.#cookies.set(cookie.name, { ...cookie, attributes: { ...cookie.attributes } });
    return copy;
  }
}

/** One `Set-Cookie` value: `name=value; Attr; Attr=value`. Null when it has no `name=`. */
export function parseSetCookie(line: string): StoredCookie | null {
  const [pair, ...rest] = line.split(';');
  const eq = pair?.indexOf('=') ?? -1;
  if (pair === undefined || eq <= 0) return null;
  const attributes: Record<string, string> = {};
  for (const part of rest) {
    const at = part.indexOf('=');
    const key = (at < 0 ? part : part.slice(0, at)).trim().toLowerCase();
    if (key !== '') attributes[key] = at < 0 ? '' : part.slice(at + 1).trim();
  }
  return { name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), attributes };
}

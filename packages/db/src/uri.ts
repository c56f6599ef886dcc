/**
 * A MongoDB URI safe to log: user info (credentials) and the query string (which may hold
 * passwords or key-file secrets) are removed; scheme, hosts and path are kept.
 */
export function redactUri(uri: string): string {
  const match = /^([a-z][a-z0-9+.-]*:\/\/)(?:[^@/?#]*@)?([^?#]*)/i.exec(uri);
  if (match === null) return '<unparseable uri>';
  return `${match[1]}${match[2]}`;
}

/** Appends a database name to a base URI (`mongodb://h:p/` → `mongodb://h:p/name`), keeping options. */
export function withDatabase(uri: string, dbName: string): string {
  const [base, query] = uri.split('?', 2) as [string, string | undefined];
  const schemeEnd = base.indexOf('://') + 3;
  const slash = base.indexOf('/', schemeEnd);
  const hosts = slash === -1 ? base : base.slice(0, slash);
  return `${hosts}/${dbName}${query === undefined ? '' : `?${query}`}`;
}

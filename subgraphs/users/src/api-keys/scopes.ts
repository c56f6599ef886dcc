/**
 * What an API key may be granted, as the identity scopes the gateway signs. The GraphQL enum
 * `ApiScope` names them in upper case (`PERSONAL_READ` is `personal:read`).
 * - `personal:read`: personal fields in clear (privacy-kit's `PERSONAL_READ_SCOPE`); without
 *   it the gateway refuses any operation selecting a personal field.
 * - `statistics:read`: partner statistics (aggregates, no personal data).
 */
export const API_KEY_SCOPES = ['personal:read', 'statistics:read'] as const;
export type ApiKeyScope = (typeof API_KEY_SCOPES)[number];

export const API_SCOPE_VALUES = { PERSONAL_READ: 'personal:read', STATISTICS_READ: 'statistics:read' } as const satisfies Record<
  string,
  ApiKeyScope
>;
export type ApiScopeName = keyof typeof API_SCOPE_VALUES;

/** `personal:read` → `PERSONAL_READ`. */
export function scopeName(scope: string): ApiScopeName | null {
  const entry = Object.entries(API_SCOPE_VALUES).find(([, value]) => value === scope);
  return entry === undefined ? null : (entry[0] as ApiScopeName);
}

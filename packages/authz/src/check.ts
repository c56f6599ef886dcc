import { GraphQLError } from 'graphql';
import { SERVICE_ROLE, type Identity, type IdentityRole } from '@leadgraph/identity';
import type { AccessRule } from './spec.ts';

/** What a failing rule answers: who is not signed in gets UNAUTHENTICATED, anyone else FORBIDDEN. */
export type AccessDeniedCode = 'UNAUTHENTICATED' | 'FORBIDDEN';

/** A resolved `@access` application. */
export interface AccessRequirement {
  rule: AccessRule;
  /** Lowercase roles, only with `ROLE`. */
  roles: readonly IdentityRole[];
}

const MESSAGES: Record<AccessDeniedCode, string> = {
  UNAUTHENTICATED: 'You must be signed in to do this.',
  FORBIDDEN: 'You are not allowed to do this.',
};

/**
 * The error a denied field raises. The message is the same whatever the field and whether
 * any data exists, so a refusal never tells what is there.
 */
export function accessDenied(code: AccessDeniedCode): GraphQLError {
  return new GraphQLError(MESSAGES[code], { extensions: { code } });
}

/**
 * Null when `identity` satisfies the requirement, else the code to refuse with. A service
 * identity (no user) passes only `PUBLIC` and a `ROLE` rule that lists `SERVICE`.
 */
export function accessDecision(identity: Identity | undefined, requirement: AccessRequirement): AccessDeniedCode | null {
  if (requirement.rule === 'PUBLIC') return null;
  if (identity?.role === SERVICE_ROLE) {
    return requirement.rule === 'ROLE' && requirement.roles.includes(SERVICE_ROLE) ? null : 'FORBIDDEN';
  }
  const signedIn = identity !== undefined && identity.userId !== null && identity.role !== null;
  if (!signedIn) return 'UNAUTHENTICATED';
  if (requirement.rule === 'AUTHENTICATED') return null;
  return requirement.roles.includes(identity.role as IdentityRole) ? null : 'FORBIDDEN';
}

/** Throws `accessDenied(...)` unless `identity` satisfies the requirement. */
export function assertAccess(identity: Identity | undefined, requirement: AccessRequirement): void {
  const code = accessDecision(identity, requirement);
  if (code !== null) throw accessDenied(code);
}

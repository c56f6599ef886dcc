export { ACCESS_ROLES, ACCESS_RULES, ACCESS_SDL, FEDERATION_FIELDS, GUARDED_ROOT_TYPES } from './spec.ts';
export type { AccessRule } from './spec.ts';
export { accessDecision, accessDenied, assertAccess } from './check.ts';
export type { AccessDeniedCode, AccessRequirement } from './check.ts';
export { AccessDeclarationError, applyAccessRules, planAccess } from './transform.ts';
export type { AccessProblem } from './transform.ts';

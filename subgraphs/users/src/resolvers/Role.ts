import type { RoleResolvers } from '../__generated__/resolvers-types.ts';

/** GraphQL `Role` values and the lowercase role stored in the database (and in identities). */
export const Role: RoleResolvers = { CLIENT: 'client', PRO: 'pro', ADMIN: 'admin' };

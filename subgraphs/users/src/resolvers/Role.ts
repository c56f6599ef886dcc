/** GraphQL `Role` values and the lowercase role stored in the database (and in identities). */
export const Role = { CLIENT: 'client', PRO: 'pro', ADMIN: 'admin' } as const;

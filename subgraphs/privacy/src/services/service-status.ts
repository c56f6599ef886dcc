/** The privacy service's own state, from whether its database answers. */
export async function serviceStatus(databaseReachable: () => Promise<boolean>) {
  const reachable = await databaseReachable();
  return { service: 'privacy', health: reachable ? ('OK' as const) : ('DEGRADED' as const), databaseReachable: reachable };
}

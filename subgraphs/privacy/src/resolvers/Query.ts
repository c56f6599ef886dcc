import type { Context } from '../context.ts';
import { serviceStatus } from '../services/service-status.ts';

export const Query = {
  privacyService: (_: unknown, _args: unknown, ctx: Context) => serviceStatus(ctx.databaseReachable),
};

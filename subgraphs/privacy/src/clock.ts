/**
 * Where "now" comes from. Every deadline here (policy effective dates, legal due dates, the
 * 7-day export link, 12-month retention) is computed from it, so tests move time instead of
 * waiting for it.
 */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

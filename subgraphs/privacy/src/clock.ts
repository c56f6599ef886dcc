/**
 * Where "now" comes from. Every deadline here (policy effective dates, legal due dates, the
 * 7-day export link, 12-month retention) is computed from it, so tests move time instead of
 * waiting for it. (The subgraph takes the scheduler's `Clock`, `{ now() }`, and passes `() => clock.now()`
 * to the services, so the retention jobs and the services share one clock.)
 */
export type Clock = () => Date;

import autocannon, { type Result } from 'autocannon';

export interface Case {
  label: string;
  url: string;
  query: string;
  /** E.g. the session cookie, or an identity assertion for a subgraph. */
  headers?: Record<string, string>;
}

export interface Measurement {
  rps: number;
  p50: number;
  p99: number;
  failures: number;
}

/** Checks once that the query answers 200 without errors, so the bench never measures failures. */
export async function verify(target: Case): Promise<void> {
  const response = await fetch(target.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...target.headers },
    body: JSON.stringify({ query: target.query }),
  });
  const body = (await response.json()) as { errors?: unknown[] };
  if (response.status !== 200 || body.errors) {
    throw new Error(`${target.label}: HTTP ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
  }
}

/**
 * One autocannon run against loopback. The load generator runs in a worker thread so it does
 * not take the event loop the in-process servers share.
 */
export async function measure(target: Case, seconds: number, connections: number): Promise<Measurement> {
  const result: Result = await autocannon({
    url: target.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...target.headers },
    body: JSON.stringify({ query: target.query }),
    connections,
    duration: seconds,
    workers: 1,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures: result.errors + result.timeouts + result.non2xx,
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** The median of each figure over several runs; failures are summed. */
export function combine(runs: Measurement[]): Measurement {
  return {
    rps: median(runs.map((r) => r.rps)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    failures: runs.reduce((sum, r) => sum + r.failures, 0),
  };
}

export function formatRow(label: string, m: Measurement): string {
  return `${label.padEnd(46)} ${m.rps.toFixed(0).padStart(8)} req/s   p50 ${String(m.p50).padStart(4)} ms   p99 ${String(m.p99).padStart(4)} ms${m.failures ? `   failures ${m.failures}` : ''}`;
}

// Small helpers for the embedded server's benchmark: timing, percentiles, printing.
import { readFileSync } from 'node:fs';

export interface Row { name: string; value: string; note?: string }
export const rows: Row[] = [];

export function record(name: string, value: string, note?: string): void {
  rows.push({ name, value, ...(note === undefined ? {} : { note }) });
  console.log(`  ${name.padEnd(66)} ${value.padStart(16)}${note ? `  ${note}` : ''}`);
}

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

export async function timeEach(count: number, fn: (i: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

/** Runs fn repeatedly for about `ms` milliseconds; returns operations per second. */
export async function throughput(ms: number, fn: (i: number) => Promise<unknown>): Promise<number> {
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < ms) await fn(n++);
  return (n * 1000) / (performance.now() - start);
}

export const fmt = {
  rate: (n: number) => `${Math.round(n).toLocaleString('en-US')}/s`,
  ms: (n: number) => `${n < 10 ? n.toFixed(3) : n.toFixed(1)} ms`,
  mb: (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`,
  ratio: (n: number) => `${n.toFixed(2)}x`,
};

/** Resident set size of a process, in bytes (Linux /proc). */
export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
  return kb === undefined ? Number.NaN : Number(kb) * 1024;
}

export function docOf(i: number, bytes: number): { _id: number; k: number; u: number; g: number; pad: string } {
  return { _id: i, k: i, u: i, g: i % 100, pad: 'x'.repeat(Math.max(0, bytes - 60)) };
}

export function section(title: string): void {
  console.log(`\n${title}`);
}

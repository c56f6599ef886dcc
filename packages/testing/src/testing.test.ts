import { describe, expect, it } from 'vitest';
import { uniqueDbName } from './index.ts';

describe('uniqueDbName', () => {
  it('keeps a readable prefix and never repeats', () => {
    const names = new Set(Array.from({ length: 200 }, () => uniqueDbName('users')));
    expect(names.size).toBe(200);
    for (const name of names) expect(name).toMatch(/^users_[a-z0-9]+_[0-9a-f]{8}$/);
  });

  it('makes any prefix a valid, short database name', () => {
    const name = uniqueDbName('a weird/prefix.with$chars and a very long tail indeed');
    expect(name).toMatch(/^[A-Za-z0-9_]+$/);
    expect(name.length).toBeLessThan(64);
  });
});

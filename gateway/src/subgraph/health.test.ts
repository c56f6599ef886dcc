import { describe, expect, it } from 'vitest';
import { healthUrlFor } from './health.ts';

describe('healthUrlFor', () => {
  it.each([
    ['http://127.0.0.1:4001/graphql', 'http://127.0.0.1:4001/health'],
    ['http://127.0.0.1:4001/graphql/', 'http://127.0.0.1:4001/health'],
    ['http://users.internal/api/graphql?x=1', 'http://users.internal/api/health'],
    ['http://users.internal:8080/', 'http://users.internal:8080/health'],
  ])('%s → %s', (graphql, health) => {
    expect(healthUrlFor(graphql)).toBe(health);
  });
});

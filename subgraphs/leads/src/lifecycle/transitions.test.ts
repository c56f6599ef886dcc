import { describe, expect, it } from 'vitest';
import { LEAD_STATUSES } from '../models/lead.ts';
import { LeadsError } from '../errors.ts';
import { TRANSITIONS, allowedActor, assertTransition, sourcesOf } from './transitions.ts';

const ALLOWED = new Set(['OPEN→HIRED', 'OPEN→CLOSED', 'OPEN→EXPIRED', 'HIRED→COMPLETED', 'HIRED→CLOSED']);

describe('lead transitions table', () => {
  it.each(LEAD_STATUSES.flatMap((from) => LEAD_STATUSES.map((to) => [from, to] as const)))('%s → %s', (from, to) => {
    expect(allowedActor(from, to) !== null).toBe(ALLOWED.has(`${from}→${to}`));
  });

  it('refuses a move outside the table with INVALID_TRANSITION naming from and to', () => {
    const error = (() => {
      try {
        assertTransition('COMPLETED', 'OPEN', 'client');
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(LeadsError);
    expect(error).toMatchObject({ code: 'INVALID_TRANSITION', extensions: { from: 'COMPLETED', to: 'OPEN' } });
  });

  it('keeps expiry for the system and the rest for the client', () => {
    expect(() => assertTransition('OPEN', 'EXPIRED', 'client')).toThrow(LeadsError);
    expect(() => assertTransition('OPEN', 'EXPIRED', 'system')).not.toThrow();
    expect(TRANSITIONS.HIRED.COMPLETED).toBe('client');
    expect(sourcesOf('CLOSED')).toEqual(['OPEN', 'HIRED']);
  });
});

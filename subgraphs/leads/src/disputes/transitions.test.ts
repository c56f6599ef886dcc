import { describe, expect, it } from 'vitest';
import { LeadsError } from '../errors.ts';
import { DISPUTE_STATUSES } from '../models/dispute.ts';
import { DISPUTE_TRANSITIONS, assertDisputeMove, disputeMoveUpdate, isFinal, mayMove } from './transitions.ts';
import { Types } from 'mongoose';

const ALLOWED = new Set([
  'OPEN→UNDER_REVIEW:admin',
  'OPEN→REJECTED:admin',
  'OPEN→WITHDRAWN:opener',
  'UNDER_REVIEW→AWAITING_PARTIES:admin',
  'UNDER_REVIEW→RESOLVED:admin',
  'UNDER_REVIEW→REJECTED:admin',
  'UNDER_REVIEW→WITHDRAWN:opener',
  'AWAITING_PARTIES→UNDER_REVIEW:admin',
  'AWAITING_PARTIES→UNDER_REVIEW:answer',
  'AWAITING_PARTIES→WITHDRAWN:opener',
]);
const ACTORS = ['admin', 'opener', 'answer', 'party'] as const;

describe('dispute transitions table', () => {
  it.each(DISPUTE_STATUSES.flatMap((from) => DISPUTE_STATUSES.flatMap((to) => ACTORS.map((actor) => [from, to, actor] as const))))(
    '%s → %s by %s',
    (from, to, actor) => {
      expect(mayMove(from, to, actor)).toBe(ALLOWED.has(`${from}→${to}:${actor}`));
    },
  );

  it('has exactly three final statuses', () => {
    expect(DISPUTE_STATUSES.filter(isFinal)).toEqual(['RESOLVED', 'REJECTED', 'WITHDRAWN']);
    expect(Object.keys(DISPUTE_TRANSITIONS)).toEqual([...DISPUTE_STATUSES]);
  });

  it('refuses anything else with INVALID_TRANSITION naming from and to', () => {
    let error: unknown = null;
    try {
      assertDisputeMove('RESOLVED', 'OPEN', 'admin');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(LeadsError);
    expect(error).toMatchObject({ code: 'INVALID_TRANSITION', extensions: { from: 'RESOLVED', to: 'OPEN' } });
  });

  it('conditions the write on the status read, appends the audit record, and frees the open key on a final move', () => {
    const audit = { actorId: new Types.ObjectId(), actorRole: 'ADMIN' as const, note: null, at: new Date(0) };
    const review = disputeMoveUpdate('OPEN', 'UNDER_REVIEW', audit);
    expect(review.filter).toEqual({ status: 'OPEN' });
    expect(review.update).toEqual({ $set: { status: 'UNDER_REVIEW' }, $push: { history: { from: 'OPEN', to: 'UNDER_REVIEW', ...audit } } });
    expect(disputeMoveUpdate('UNDER_REVIEW', 'RESOLVED', audit).update).toMatchObject({ $unset: { openKey: 1 } });
  });
});

import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { unsubscribeToken, unsubscribeUrl, verifyUnsubscribeToken } from './unsubscribe-token.ts';

const key = randomBytes(32);
const userId = '6740a1b2c3d4e5f6a7b8c9d0';

describe('unsubscribe tokens', () => {
  it('round-trips the user id and builds an absolute link', () => {
    const token = unsubscribeToken(key, userId);
    expect(verifyUnsubscribeToken(key, token)).toBe(userId);
    expect(unsubscribeUrl('https://app.test/', token)).toBe(`https://app.test/unsubscribe/${token}`);
  });

  it('refuses forged, altered, foreign and malformed tokens', () => {
    const token = unsubscribeToken(key, userId);
    const other = '6740a1b2c3d4e5f6a7b8c9d1';
    expect(verifyUnsubscribeToken(key, `${other}.${token.split('.')[1]}`)).toBeNull();
    expect(verifyUnsubscribeToken(randomBytes(32), token)).toBeNull();
    expect(verifyUnsubscribeToken(key, `${token}x`)).toBeNull();
    for (const bad of ['', userId, `${userId}.`, `not-an-id.${token.split('.')[1]}`, `${token}.extra`]) expect(verifyUnsubscribeToken(key, bad)).toBeNull();
  });
});

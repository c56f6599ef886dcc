import { describe, expect, it } from 'vitest';
import { AUTH_ERROR_MESSAGES, AuthError, AuthErrorCode, isAuthError } from '../src/index.ts';

describe('AuthErrorCode', () => {
  it('has a message for every code, and codes equal their names in SCREAMING_SNAKE_CASE', () => {
    for (const code of Object.values(AuthErrorCode)) {
      expect(AUTH_ERROR_MESSAGES[code], code).toMatch(/\.$/);
      expect(code).toMatch(/^[A-Z_]+$/);
    }
    expect(Object.keys(AUTH_ERROR_MESSAGES).sort()).toEqual(Object.values(AuthErrorCode).sort());
  });

  it('never says whether an account or a token exists', () => {
    for (const message of Object.values(AUTH_ERROR_MESSAGES)) {
      expect(message).not.toMatch(/not found|no account|unknown|does not exist|doesn't exist|already registered|already used|expired token|wrong password/i);
    }
    expect(AUTH_ERROR_MESSAGES[AuthErrorCode.InvalidCredentials]).toBe('The email address or password is incorrect.');
  });

  it('AuthError carries the code, the safe message and details', () => {
    const error = new AuthError(AuthErrorCode.RateLimited, { retryAfterSeconds: 30 });
    expect(error).toBeInstanceOf(Error);
    expect(isAuthError(error)).toBe(true);
    expect(isAuthError(new Error('x'))).toBe(false);
    expect(error.message).toBe(AUTH_ERROR_MESSAGES[AuthErrorCode.RateLimited]);
    expect(error.details).toEqual({ retryAfterSeconds: 30 });
  });
});

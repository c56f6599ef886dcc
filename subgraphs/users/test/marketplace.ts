import { onTestFinished } from 'vitest';
import { TEST_ARGON2 } from '@leadgraph/auth';
import type { MongoHandle } from '@leadgraph/db';
import { DEV_IDENTITY_SIGNING_KEY, IDENTITY_HEADER, serviceIdentity, signAssertion } from '@leadgraph/identity';
import { startMailCatcher } from '@leadgraph/mail';
import { graphql, startSubgraphUnderTest } from '@leadgraph/testing';
import mongoose from 'mongoose';
import { startSubgraph, type StartSubgraphOptions } from '../src/server.ts';
import { identityHeaders } from './helpers.ts';

export const MEDIA_BASE_URL = 'https://media.test';

/**
 * The users subgraph on its own database (`startSubgraphUnderTest`), with a real mail catcher
 * as SMTP server and a fast outbox; image URLs under `MEDIA_BASE_URL`. Torn down after the test.
 */
export async function startMarketplace(mongo: MongoHandle, options: Partial<StartSubgraphOptions> = {}) {
  const catcher = await startMailCatcher({ smtpPort: 0, httpPort: 0, host: '127.0.0.1' });
  const sut = await startSubgraphUnderTest(
    (base) => startSubgraph({ ...base, smtpUrl: catcher.smtpUrl, mailIntervalMs: 50, argon2: TEST_ARGON2, mediaBaseUrl: MEDIA_BASE_URL, ...options }),
    mongo,
    'users',
  );
  onTestFinished(() => catcher.stop());
  return {
    ...sut,
    catcher,
    call: <T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>) =>
      graphql<T>(sut.url, query, variables, headers),
  };
}

/** Signed headers of a user with this role (a fresh id unless given). */
export function as(role: 'client' | 'pro' | 'admin', userId = new mongoose.Types.ObjectId().toHexString()) {
  return identityHeaders({ userId, role });
}

/** Signed headers of a platform service (role `service`, no user), as `createServiceClient` sends them. */
export function asService(name = 'leads'): Record<string, string> {
  return { [IDENTITY_HEADER]: signAssertion(serviceIdentity(name), DEV_IDENTITY_SIGNING_KEY, 30) };
}

export const codes = (res: { body: { errors?: Array<{ extensions?: Record<string, unknown> }> } }) => res.body.errors?.map((e) => e.extensions?.code);
export const reasons = (res: { body: { errors?: Array<{ extensions?: Record<string, unknown> }> } }) => res.body.errors?.map((e) => e.extensions?.reason);

export const PROFILE_INPUT = {
  companyName: 'Fairweather Removals',
  description: 'Local and long-distance moves, fully insured.',
  categories: ['MOVING', 'CLEANING'],
  serviceAreas: [
    { countryCode: 'gb', postalPrefix: 'sw1 ' },
    { countryCode: 'GB', postalPrefix: 'E1' },
  ],
  businessEmail: 'Office@Fairweather.example',
  businessPhone: '+44 20 7946 0958',
  website: 'https://fairweather.example',
};

export const UPDATE_PROFILE = `mutation ($input: UpdateProProfileInput!) {
  updateMyProProfile(input: $input) {
    proId companyName description categories serviceAreas { countryCode postalPrefix }
    businessEmail businessPhone website
    verification { status reason submittedAt decidedAt decidedBy }
  }
}`;

export const REVIEW = `mutation ($input: ReviewProInput!) { reviewPro(input: $input) { proId verification { status reason decidedAt decidedBy } } }`;

export const PROFILE_OF = `query ($id: ID!) { user(id: $id) { id proProfile { proId companyName categories businessEmail businessPhone website verification { status reason decidedBy } logo { id url } images { id url } } } }`;

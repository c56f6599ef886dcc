import { describe, expect, it } from 'vitest';
import { readPersonalDeclarations } from '@leadgraph/privacy-kit';
import { typeDefs } from './server.ts';

/**
 * The personal-data decisions of the reviews subgraph, as declared on its schema: reviews and
 * replies are published for everyone (mask NONE). On the author's erasure the text and the link
 * to the author are deleted, the rating is kept without them (ANONYMIZE), so the pro's rating
 * stays honest and untraceable.
 */
describe('reviews personal-data declarations', () => {
  const declarations = readPersonalDeclarations(typeDefs);
  const byCoordinate = new Map(declarations.fields.map((field) => [field.coordinate, field]));

  it('declares every published value with mask NONE and the decided erasure', () => {
    expect(
      [...byCoordinate.values()].map((f) => [f.coordinate, f.category, f.mask, f.erasure]).sort(),
    ).toEqual(
      [
        ['Review.author', 'USER_CONTENT_PUBLIC', 'NONE', 'DELETE'],
        ['Review.authorId', 'USER_CONTENT_PUBLIC', 'NONE', 'DELETE'],
        ['Review.body', 'USER_CONTENT_PUBLIC', 'NONE', 'DELETE'],
        ['Review.rating', 'USER_CONTENT_PUBLIC', 'NONE', 'ANONYMIZE'],
        ['ReviewReply.body', 'USER_CONTENT_PUBLIC', 'NONE', 'DELETE'],
      ].sort(),
    );
  });

  it('names the review co-owned by its author and its pro, and the reply as the pro\'s', () => {
    expect(declarations.subjects).toEqual(
      expect.arrayContaining([
        { typeName: 'Review', fields: ['authorId', 'proId'], coOwned: true },
        { typeName: 'ReviewReply', fields: ['proId'], coOwned: false },
      ]),
    );
  });
});

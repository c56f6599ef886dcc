import type { ServiceClient } from '@leadgraph/service-kit';

/** Leads of one group (a category) whose reviews the reviews subgraph aggregates. */
export interface ReviewGroupQuery {
  key: string;
  leadIds: string[];
}

/** The reviews subgraph's aggregate for one group: counts, and the average only for big enough groups. */
export interface ReviewGroupAggregate {
  key: string;
  reviewCount: number;
  distinctAuthors: number;
  /** Null when the group has fewer distinct authors than asked for (the value never leaves reviews). */
  averageRating: number | null;
}

/** What this subgraph asks of the reviews subgraph (partner statistics, issue #8). */
export interface ReviewsPeer {
  reviewStatistics(groups: readonly ReviewGroupQuery[], minDistinctAuthors: number): Promise<ReviewGroupAggregate[]>;
}

const REVIEW_STATISTICS = /* GraphQL */ `
  query LeadsReviewStatistics($input: ReviewStatisticsInput!) {
    reviewStatistics(input: $input) { key reviewCount distinctAuthors averageRating }
  }
`;

/** The reviews peer over a service client (signed service identity, direct to the reviews subgraph). */
export function reviewsPeer(client: ServiceClient): ReviewsPeer {
  return {
    async reviewStatistics(groups, minDistinctAuthors) {
      if (groups.length === 0) return [];
      const data = await client.query<{ reviewStatistics: ReviewGroupAggregate[] }>('reviews', REVIEW_STATISTICS, {
        input: { groups, minDistinctAuthors },
      });
      return data.reviewStatistics;
    },
  };
}

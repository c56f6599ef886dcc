/** Small word lists for realistic fake reviews, without a faker dependency. */
const OPENINGS: Record<number, readonly string[]> = {
  1: ['Very disappointing.', 'I would not book again.', 'Not what we agreed.'],
  2: ['Below expectations.', 'Some good moments, but mostly frustrating.', 'Late and over budget.'],
  3: ['Decent work overall.', 'An average experience.', 'Fine, with a few hiccups.'],
  4: ['Good job, happy with the result.', 'Reliable and friendly.', 'Solid work, minor delays.'],
  5: ['Outstanding from start to finish!', 'Exceeded every expectation.', 'Could not have asked for better.'],
};
const DETAILS = [
  'Communication was clear throughout the project.',
  'The quote matched the final invoice.',
  'They arrived on time every day.',
  'Everything was left clean and tidy.',
  'Planning took longer than expected.',
  'Good advice on the options and costs.',
  'A couple of follow-up calls were needed.',
  'The schedule slipped by about a week.',
];

export function pick<T>(items: readonly T[], random: () => number = Math.random): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** A review text that fits `rating`. */
export function fakeReviewBody(rating: number, random: () => number = Math.random): string {
  const opening = pick(OPENINGS[rating] ?? OPENINGS[3] ?? [], random);
  const first = Math.floor(random() * DETAILS.length);
  const second = (first + 1 + Math.floor(random() * (DETAILS.length - 1))) % DETAILS.length;
  return `${opening} ${DETAILS[first]} ${DETAILS[second]}`;
}

/** Ratings skewed towards the good end, as on real marketplaces. */
export function fakeRating(random: () => number = Math.random): number {
  return pick([1, 2, 3, 3, 4, 4, 4, 5, 5, 5, 5], random);
}

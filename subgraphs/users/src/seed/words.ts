/** Small word lists for realistic fake people, without a faker dependency. */
export const FIRST_NAMES = [
  'Amelia', 'Noah', 'Olivia', 'Liam', 'Emma', 'Lucas', 'Mia', 'Hugo', 'Sofia', 'Arthur',
  'Chloé', 'Louis', 'Inès', 'Jules', 'Léa', 'Gabriel', 'Zoé', 'Adam', 'Nina', 'Raphaël',
  'Hannah', 'Mateo', 'Aisha', 'Yusuf', 'Mei', 'Kenji', 'Priya', 'Arjun', 'Freya', 'Elias',
  'Clara', 'Oskar', 'Ingrid', 'Tomás', 'Lucía', 'Diego', 'Maya', 'Samuel', 'Eva', 'Leon',
] as const;

export const LAST_NAMES = [
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau',
  'Smith', 'Jones', 'Taylor', 'Brown', 'Wilson', 'Evans', 'García', 'Fernández', 'López', 'Rossi',
  'Russo', 'Müller', 'Schmidt', 'Schneider', 'Fischer', 'Novak', 'Kowalski', 'Nielsen', 'Jensen', 'Silva',
  'Santos', 'Costa', 'Okafor', 'Mensah', 'Haddad', 'Khan', 'Tanaka', 'Sato', 'Kim', 'Nguyen',
] as const;

/** Trading names pros use (combined with a last name or a trade). */
export const TRADES = [
  'Renovation', 'Travel', 'Removals', 'Cleaning', 'Gardens', 'Events', 'Photography', 'Tutoring',
] as const;

export function pick<T>(items: readonly T[], random: () => number = Math.random): T {
  return items[Math.floor(random() * items.length)] as T;
}

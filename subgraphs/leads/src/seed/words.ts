import type { LeadCategoryName } from '../models/lead.ts';

/** Small word lists for realistic fake leads, without a faker dependency. */
const CITIES = ['Lisbon', 'Lyon', 'Porto', 'Seville', 'Bruges', 'Kraków', 'Edinburgh', 'Bologna', 'Ghent', 'Nantes'];
const ROOMS = ['kitchen', 'bathroom', 'attic', 'living room', 'garage', 'terrace'];
const EVENTS = ['wedding', '40th birthday', 'company offsite', 'christening', 'retirement party'];
const SUBJECTS = ['maths', 'physics', 'Spanish', 'piano', 'chemistry', 'English'];

export function pick<T>(items: readonly T[], random: () => number = Math.random): T {
  return items[Math.floor(random() * items.length)] as T;
}

const between = (min: number, max: number, random: () => number) => min + Math.floor(random() * (max - min + 1));

/** A headline a client might write for a lead in `category`. */
export function fakeLeadTitle(category: LeadCategoryName, random: () => number = Math.random): string {
  switch (category) {
    case 'TRAVEL':
      return `${between(3, 10, random)}-day trip to ${pick(CITIES, random)} for ${between(2, 6, random)}`;
    case 'MOVING':
      return `Move a ${between(1, 4, random)}-bedroom flat to ${pick(CITIES, random)}`;
    case 'HOME_IMPROVEMENT':
      return `Renovate the ${pick(ROOMS, random)} (about ${between(6, 30, random)} m²)`;
    case 'CLEANING':
      return `${pick(['Weekly', 'End-of-tenancy', 'One-off deep', 'Office'], random)} cleaning in ${pick(CITIES, random)}`;
    case 'GARDENING':
      return `${pick(['Redesign', 'Monthly upkeep of', 'Hedge trimming for', 'New lawn for'], random)} a ${between(50, 800, random)} m² garden`;
    case 'EVENTS':
      return `Organise a ${pick(EVENTS, random)} for ${between(20, 150, random)} guests`;
    case 'PHOTOGRAPHY':
      return `Photographer for a ${pick(EVENTS, random)} in ${pick(CITIES, random)}`;
    case 'TUTORING':
      return `${pick(SUBJECTS, random)} lessons, ${between(1, 3, random)} hours a week`;
  }
}

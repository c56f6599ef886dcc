/**
 * Demo places for the seed, per country the users seed serves (GB, FR, DE, NL, ES): each a
 * city with postal codes. A pro's service area is a country and a postal prefix; the
 * prefixes in `SEED_POSTAL_PREFIXES` each match several of these codes, so the users seed can
 * give pros areas that match seeded leads (contract C1: upper case, spaces removed, startsWith).
 */
export interface SeedPlace {
  countryCode: 'GB' | 'FR' | 'DE' | 'NL' | 'ES';
  city: string;
  postalCodes: readonly string[];
  streets: readonly string[];
}

export const SEED_PLACES: readonly SeedPlace[] = [
  { countryCode: 'GB', city: 'London', postalCodes: ['SW1A 1AA', 'SW1A 2AB', 'SW1P 3JA', 'E1 6AN', 'E1 7HT', 'N1 9GU'], streets: ['Baker Street', 'Whitehall', 'Brick Lane'] },
  { countryCode: 'GB', city: 'Manchester', postalCodes: ['M1 1AE', 'M1 2WD', 'M4 5JD'], streets: ['Deansgate', 'Oldham Street'] },
  { countryCode: 'GB', city: 'Edinburgh', postalCodes: ['EH1 1YZ', 'EH1 2NG', 'EH3 9DR'], streets: ['Royal Mile', 'Princes Street'] },
  { countryCode: 'FR', city: 'Paris', postalCodes: ['75001', '75004', '75011', '75015', '75018'], streets: ['Rue de Rivoli', 'Rue Oberkampf'] },
  { countryCode: 'FR', city: 'Lyon', postalCodes: ['69001', '69002', '69007'], streets: ['Rue de la République', 'Quai Saint-Antoine'] },
  { countryCode: 'FR', city: 'Bordeaux', postalCodes: ['33000', '33100', '33800'], streets: ['Cours de l’Intendance', 'Rue Sainte-Catherine'] },
  { countryCode: 'DE', city: 'Berlin', postalCodes: ['10115', '10117', '10245', '10999'], streets: ['Torstraße', 'Oranienstraße'] },
  { countryCode: 'DE', city: 'München', postalCodes: ['80331', '80333', '80469'], streets: ['Kaufingerstraße', 'Leopoldstraße'] },
  { countryCode: 'DE', city: 'Hamburg', postalCodes: ['20095', '20099', '22767'], streets: ['Mönckebergstraße', 'Reeperbahn'] },
  { countryCode: 'NL', city: 'Amsterdam', postalCodes: ['1012 AB', '1012 JS', '1015 CJ', '1017 PT'], streets: ['Prinsengracht', 'Damrak'] },
  { countryCode: 'NL', city: 'Rotterdam', postalCodes: ['3011 AD', '3012 CL', '3014 GK'], streets: ['Coolsingel', 'Witte de Withstraat'] },
  { countryCode: 'NL', city: 'Utrecht', postalCodes: ['3511 AX', '3512 JE'], streets: ['Oudegracht', 'Lange Nieuwstraat'] },
  { countryCode: 'ES', city: 'Madrid', postalCodes: ['28001', '28004', '28013', '28045'], streets: ['Calle de Alcalá', 'Gran Vía'] },
  { countryCode: 'ES', city: 'Barcelona', postalCodes: ['08001', '08002', '08010'], streets: ['La Rambla', 'Carrer de Balmes'] },
  { countryCode: 'ES', city: 'Sevilla', postalCodes: ['41001', '41003', '41010'], streets: ['Calle Sierpes', 'Avenida de la Constitución'] },
];

/** Postal prefixes (upper case, no spaces) that match the seeded codes, per country; "" is the whole country. */
export const SEED_POSTAL_PREFIXES: Readonly<Record<SeedPlace['countryCode'], readonly string[]>> = {
  GB: ['', 'SW1', 'E1', 'M1', 'EH1'],
  FR: ['', '75', '69', '33'],
  DE: ['', '10', '80', '20'],
  NL: ['', '1012', '30', '35'],
  ES: ['', '28', '08', '41'],
};

/** The currency of each seeded country. */
export const SEED_CURRENCY: Readonly<Record<SeedPlace['countryCode'], 'GBP' | 'EUR'>> = {
  GB: 'GBP',
  FR: 'EUR',
  DE: 'EUR',
  NL: 'EUR',
  ES: 'EUR',
};

/** Fixed vocabularies shared by findings and briefs. */
export const countryCodes = ['UZ', 'KZ', 'TM', 'KG', 'TJ', 'CA', 'XX'] as const;
export type CountryCode = (typeof countryCodes)[number];

export const topics = [
  'connectivity',
  'social-media',
  'e-government',
  'legal-framework',
  'strategy',
  'institutions',
  'training',
  'consular-services',
  'cybersecurity',
  'disinformation',
  'public-diplomacy',
  'international-cooperation',
  'digital-economy',
  'recommendation',
] as const;
export type Topic = (typeof topics)[number];

export const units = [
  'percent',
  'people',
  'users',
  'followers',
  'subscribers',
  'posts',
  'views',
  'count',
  'rank',
  'score',
  'usd',
  'mbps',
  'km',
  'years',
] as const;
export type Unit = (typeof units)[number];

export const qualifiers = ['over', 'about', 'under', 'up-to'] as const;
export type Qualifier = (typeof qualifiers)[number];

// Languages are the packs in src/languages/: adding one adds it to the schema.
export { languages, type Language } from '../languages/index.js';

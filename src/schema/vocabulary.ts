/** Fixed vocabularies shared by findings and briefs. */
export const countryCodes = ['UZ', 'KZ', 'TM', 'KG', 'TJ', 'CA', 'XX'] as const;
export type CountryCode = (typeof countryCodes)[number];

export const countryNames: Record<CountryCode, string> = {
  UZ: 'Uzbekistan',
  KZ: 'Kazakhstan',
  TM: 'Turkmenistan',
  KG: 'Kyrgyzstan',
  TJ: 'Tajikistan',
  CA: 'Central Asia',
  XX: 'Global',
};

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

export const languages = ['en', 'ru', 'uz'] as const;
export type Language = (typeof languages)[number];

/**
 * The language packs, one line each: a spec's `lang:` accepts exactly these codes. Adding a language
 * is a pack file, its CSL locale (if the system has none) and a line here: see DEVELOPERS.md.
 */
import { en } from './en.js';
import { kk } from './kk.js';
import type { LanguagePack } from './pack.js';
import { ru } from './ru.js';
import { uz } from './uz.js';

export const languagePacks = {
  en,
  ru,
  uz,
  kk,
} as const satisfies Record<string, LanguagePack>;

export type Language = keyof typeof languagePacks;
export const languages = Object.keys(languagePacks) as [Language, ...Language[]];

export class UnknownLanguage extends Error {
  constructor(readonly code: string) {
    super(`No language pack for "${code}" (src/languages/): ${languages.join(', ')}`);
  }
}

/** The pack of a language code (a spec's `lang` is one of them: the schema checks it). */
export function languagePack(code: string): LanguagePack {
  const pack = (languagePacks as Record<string, LanguagePack | undefined>)[code];
  if (!pack || !Object.hasOwn(languagePacks, code)) throw new UnknownLanguage(code);
  return pack;
}

export type { LanguagePack, LabelKey, LocatorType } from './pack.js';

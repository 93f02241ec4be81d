import { languagePack, UnknownLanguage } from '../languages/index.js';

export class MissingLabel extends Error {
  constructor(readonly lang: string, readonly key: string) {
    super(`Label "${key}" is missing from the "${lang}" catalogue`);
  }
}

/** A template label from the language's pack (src/languages/); an unknown key is a build error naming it. */
export function label(lang: string, key: string): string {
  let labels: Readonly<Record<string, string>>;
  try {
    labels = languagePack(lang).labels;
  } catch (error) {
    if (error instanceof UnknownLanguage) throw new MissingLabel(lang, key);
    throw error;
  }
  const value = Object.hasOwn(labels, key) ? labels[key] : undefined;
  if (value === undefined) throw new MissingLabel(lang, key);
  return value;
}

/**
 * BibTeX values reduced to what matters when comparing two of them: `{\"o}`, `\"{o}`, `ö` and `o`
 * compare equal, as do `{{Protected Title}}` and `Protected title`. For comparison only, never for output.
 */

const letters: Record<string, string> = {
  ss: 'ss', o: 'o', O: 'o', l: 'l', L: 'l', ae: 'ae', AE: 'ae', oe: 'oe', OE: 'oe', aa: 'a', AA: 'a', i: 'i', j: 'j',
};
const unicodeLetters: Record<string, string> = { ß: 'ss', ø: 'o', ł: 'l', æ: 'ae', œ: 'oe', đ: 'd', ı: 'i', þ: 'th', ð: 'd' };

/** Lower-case words of a value: LaTeX accents and commands resolved, diacritics and punctuation dropped. */
export function foldText(latex: string): string {
  return latex
    .replace(/\\([`'^"~=.])\s*(?:\{\s*\\?([A-Za-z])\s*\}|\\?([A-Za-z]))/g, (_, _accent: string, a?: string, b?: string) => a ?? b ?? '')
    .replace(/\\([uvHckrdbt])(?:\s*\{\s*\\?([A-Za-z]{1,2})\s*\}|\s+([A-Za-z]))/g, (_, _accent: string, a?: string, b?: string) => a ?? b ?? '')
    .replace(/\\(ss|ae|AE|oe|OE|aa|AA|o|O|l|L|i|j)(?![A-Za-z])\s*/g, (_, name: string) => letters[name] ?? '')
    .replace(/\\[A-Za-z]+\*?\s*/g, ' ')
    .replace(/\\./g, ' ')
    .replace(/[{}]/g, '')
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[ßøłæœđıþð]/g, (c) => unicodeLetters[c] ?? c)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Splits a name list at the top-level ` and `s. */
export function splitNames(value: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (depth === 0 && /\s/.test(c!) && /^\s+and\s/i.test(value.slice(i))) {
      names.push(value.slice(start, i).trim());
      const skip = /^\s+and\s+/i.exec(value.slice(i))![0].length;
      start = i + skip;
      i = start - 1;
    }
  }
  names.push(value.slice(start).trim());
  return names.filter(Boolean);
}

/** Splits at top-level occurrences of `separator` (commas in names, spaces between words). */
function splitTop(value: string, separator: RegExp): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const c of value) {
    if (c === '{') depth++;
    if (c === '}') depth--;
    if (depth === 0 && separator.test(c)) {
      parts.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  parts.push(current);
  return parts.map((p) => p.trim());
}

/**
 * The family name (the "Last" part, without the von particle) of one BibTeX name, in any of the forms
 * `First von Last`, `von Last, First` and `von Last, Jr, First`; a braced corporate name is one word.
 */
export function familyName(name: string): string {
  const commas = splitTop(name, /,/);
  if (commas.length > 1) {
    const words = splitTop(commas[0]!, /\s/).filter(Boolean);
    const von = words.findLastIndex((w, i) => i < words.length - 1 && isLowerWord(w));
    return words.slice(von + 1).join(' ');
  }
  const words = splitTop(name, /\s/).filter(Boolean);
  if (words.length <= 1) return words[0] ?? '';
  const von = words.findIndex((w, i) => i < words.length - 1 && isLowerWord(w));
  if (von < 0) return words.at(-1)!;
  const vonEnd = words.findLastIndex((w, i) => i < words.length - 1 && isLowerWord(w));
  return words.slice(vonEnd + 1).join(' ');
}

/** BibTeX's test for a von particle: the first letter at brace depth 0 (or of a special character) is lower case. */
function isLowerWord(word: string): boolean {
  if (word.startsWith('{\\')) {
    // A special character such as {\"O} or {\c s}: the case of the letter after the command.
    const letter = /\p{L}/u.exec(word.replace(/\\[`'^"~=.]|\\[A-Za-z]+(?=[\s{])\s*/g, ''));
    return !!letter && letter[0] === letter[0].toLowerCase();
  }
  let depth = 0;
  for (const c of word) {
    if (c === '{') depth++;
    else if (c === '}') depth--;
    else if (depth === 0 && /\p{L}/u.test(c)) return c === c.toLowerCase() && c !== c.toUpperCase();
  }
  return false;
}

/**
 * One person of a name list as a comparable key: the folded family name and the initials of the
 * other words, so `Manor, Ilan` and `Ilan Manor`, or `van der Berg, Anna` and `Berg, Anna van der`,
 * are one person; `others` stays `others`.
 */
export function personKey(name: string): string {
  const family = foldText(familyName(name));
  const words = foldText(name).split(' ');
  for (const word of family.split(' ')) words.splice(words.indexOf(word), words.includes(word) ? 1 : 0);
  const initials = words.filter(Boolean).map((w) => w[0]!).sort().join('');
  return initials ? `${family} ${initials}` : family;
}

/**
 * The folding under which an evidence phrase must match its source verbatim: all whitespace
 * (line breaks included) becomes one space, words hyphenated at line ends are rejoined, and quote
 * marks and dashes are unified. Nothing else is forgiven.
 */
export interface NormalizedText {
  text: string;
  /** offsets[i] is the index in the original text of text[i]; one extra entry for the end. */
  offsets: number[];
}

const doubleQuotes = /["\u201C\u201D\u201E\u201F\u00AB\u00BB\u2033\u301D\u301E\uFF02]/u;
const singleQuotes = /['\u2018\u2019\u201A\u201B\u2032\u2039\u203A`\u00B4]/u;
const dashes = /[\u002D\u2010\u2011\u2012\u2013\u2014\u2015\u2212\uFE58\uFE63\uFF0D]/u;
const space = /[\s\u00A0\u2000-\u200A\u202F\u205F\u3000]/u;
/** Characters PDF extraction leaves in words without meaning: soft hyphen, zero-width space and joiners. */
const invisible = /[\u00AD\u200B\u200C\u200D\u2060\uFEFF]/u;

export interface NormalizeOptions {
  /**
   * Rejoin a word split by a hyphen at a line end (`infor-\nmation` → `information`). Off, the
   * hyphen is kept and the line break dropped (`e-\ngovernment` → `e-government`).
   */
  rejoinHyphens?: boolean;
}

export function normalizeText(raw: string, options: NormalizeOptions = {}): NormalizedText {
  const input = raw.normalize('NFC');
  let text = '';
  const offsets: number[] = [];
  const emit = (char: string, at: number) => {
    text += char;
    offsets.push(at);
  };
  for (let i = 0; i < input.length; i++) {
    const char = input[i]!;
    if (invisible.test(char)) continue;
    if (space.test(char)) {
      if (text.length > 0 && !text.endsWith(' ')) emit(' ', i);
      continue;
    }
    if (dashes.test(char)) {
      const after = /\p{L}$/u.test(text) ? hyphenatedLineEnd(input, i) : undefined;
      if (after !== undefined) {
        // Rejoined without the hyphen, or kept with it; the line break goes either way.
        if (!options.rejoinHyphens) emit('-', i);
        i = after - 1;
        continue;
      }
      emit('-', i);
      continue;
    }
    if (doubleQuotes.test(char)) emit('"', i);
    else if (singleQuotes.test(char)) emit("'", i);
    else emit(char, i);
  }
  if (text.endsWith(' ')) {
    text = text.slice(0, -1);
    offsets.pop();
  }
  offsets.push(input.length);
  return { text, offsets };
}

/** When the dash at `index` ends a line and a lowercase word continues after the break, the index of that word. */
function hyphenatedLineEnd(input: string, index: number): number | undefined {
  const rest = /^[ \t]*\r?\n\s*(?=\p{Ll})/u.exec(input.slice(index + 1, index + 200));
  return rest ? index + 1 + rest[0].length : undefined;
}

/** The phrase folded the same way, for comparison with a normalized source. */
export function normalizePhrase(phrase: string): string {
  return normalizeText(phrase).text;
}

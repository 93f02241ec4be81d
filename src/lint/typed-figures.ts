/**
 * What a hand-typed date or ordinal looks like in each language of the documents (en, ru, uz):
 * month names and ordinal endings (units, scales and number words are in the language packs). The
 * uncited-figure lint takes the union, so a Russian memo quoting an English date is still checked.
 */
export interface FigureWords {
  /** Month names as they follow or precede a day number ("6 April", "April 6", "6 апреля", "6-aprel"). */
  months: string[];
  /** Endings that make a number an ordinal ("16th", "16-е", "16-o‘rin"). */
  ordinalEndings: string[];
}

export const figureWords: Record<'en' | 'ru' | 'uz', FigureWords> = {
  en: {
    months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December', 'Jan\\.', 'Feb\\.', 'Mar\\.', 'Apr\\.', 'Jun\\.', 'Jul\\.', 'Aug\\.', 'Sept?\\.', 'Oct\\.', 'Nov\\.', 'Dec\\.'],
    ordinalEndings: ['st', 'nd', 'rd', 'th'],
  },
  ru: {
    months: ['января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября', 'ноября', 'декабря', 'янв\\.', 'февр?\\.', 'апр\\.', 'авг\\.', 'сент?\\.', 'окт\\.', 'нояб?\\.', 'дек\\.'],
    ordinalEndings: ['е', 'й', 'я', 'го', 'му', 'м', 'ю', 'ом', 'х', 'ми'],
  },
  uz: {
    months: ['yanvar', 'fevral', 'mart', 'aprel', 'may', 'iyun', 'iyul', 'avgust', 'sentabr', 'sentyabr', 'oktabr', 'oktyabr', 'noyabr', 'dekabr'],
    ordinalEndings: ['o‘rin', "o'rin", 'oʻrin', 'chi', 'nchi', 'inchi', 'sonli'],
  },
};

const all = Object.values(figureWords);
const alternatives = (pick: (w: FigureWords) => string[]) => [...new Set(all.flatMap(pick))].sort((a, b) => b.length - a.length).join('|');

// Uzbek months take case suffixes (6-aprelda, 6-apreldagi).
const month = `(?:${alternatives((w) => w.months)})(?:dagi|gacha|da|ga|dan)?`;

/** A day and month, in any order, with an optional year: "6 April 2018", "April 6", "6 апреля", "6-aprel", or numeric dates. */
export const datePattern = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:\d{1,2}(?:-|\s)?${month}(?:,?\s(?:1[89]|20)\d{2}(?:\s?г\.|-yil)?)?|${month}\s\d{1,2}(?:st|nd|rd|th)?(?:,?\s(?:1[89]|20)\d{2})?|(?:1[89]|20)\d{2}-(?:yil\s)?\d{1,2}-${month}|\d{4}-\d{2}-\d{2}|\d{1,2}\.\d{1,2}\.\d{4})(?![\p{L}\p{N}])`,
  'giu',
);

/** An ordinal typed in digits: "16th", "22-е", "39-o‘rin". */
export const ordinalPattern = new RegExp(
  String.raw`(?<![\p{L}\p{N}])\d+(?:-(?:${alternatives((w) => w.ordinalEndings.filter((e) => !/^(st|nd|rd|th)$/.test(e)))})\p{L}*|(?:st|nd|rd|th)(?![\p{L}]))`,
  'giu',
);

/** A year or a span of years: "2016", "2017–2021", "2018-yil". */
export const yearPattern = /(?<![\p{L}\p{N}])(?:1[89]|20)\d{2}(?:\s?[–-]\s?(?:(?:1[89]|20)\d{2}|\d{2}))?(?![\p{N}])/gu;

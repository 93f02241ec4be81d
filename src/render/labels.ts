/** Template labels, one catalogue per language. A missing label is a build error naming the key. */
export const labelCatalogues: Record<string, Record<string, string>> = {
  en: {
    'kind.brief': 'Policy brief',
    'kind.memo': 'Memorandum',
    'kind.comparison': 'Comparative brief',
    date: 'Date',
    audience: 'Audience',
    authors: 'Authors',
    summary: 'Summary',
    keyFindings: 'Key findings',
    recommendations: 'Recommendations',
    addressedTo: 'To',
    basis: 'Evidence',
    references: 'References',
    page: 'Page',
    of: 'of',
  },
  ru: {
    'kind.brief': 'Аналитическая записка',
    'kind.memo': 'Служебная записка',
    'kind.comparison': 'Сравнительный обзор',
    date: 'Дата',
    audience: 'Адресаты',
    authors: 'Авторы',
    summary: 'Резюме',
    keyFindings: 'Основные выводы',
    recommendations: 'Рекомендации',
    addressedTo: 'Кому',
    basis: 'Основание',
    references: 'Список литературы',
    page: 'Страница',
    of: 'из',
  },
  uz: {
    'kind.brief': 'Siyosiy tahliliy xat',
    'kind.memo': 'Xizmat xati',
    'kind.comparison': 'Qiyosiy sharh',
    date: 'Sana',
    audience: 'Auditoriya',
    authors: 'Mualliflar',
    summary: 'Qisqacha mazmun',
    keyFindings: 'Asosiy xulosalar',
    recommendations: 'Tavsiyalar',
    addressedTo: 'Kimga',
    basis: 'Asos',
    references: 'Adabiyotlar',
    page: 'Sahifa',
    of: 'dan',
  },
};

export class MissingLabel extends Error {
  constructor(readonly lang: string, readonly key: string) {
    super(`Label "${key}" is missing from the "${lang}" catalogue`);
  }
}

export function label(lang: string, key: string): string {
  const value = labelCatalogues[lang]?.[key];
  if (value === undefined) throw new MissingLabel(lang, key);
  return value;
}

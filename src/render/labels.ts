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
    comparison: 'Comparison',
    indicator: 'Indicator',
    noFigure: 'No figure in the sources',
    gapNote: 'Years in superscript are the as-of dates of the figures; — marks a gap: no source gives a figure.',
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
    comparison: 'Сравнение',
    indicator: 'Показатель',
    noFigure: 'В источниках нет данных',
    gapNote: 'Год надстрочным индексом — дата, к которой относится показатель; «—» означает, что ни один источник не приводит данных.',
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
    comparison: 'Taqqoslash',
    indicator: 'Ko‘rsatkich',
    noFigure: 'Manbalarda ma’lumot yo‘q',
    gapNote: 'Yuqori indeksdagi yil ko‘rsatkich sanasini bildiradi; «—» hech bir manbada ma’lumot yo‘qligini bildiradi.',
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

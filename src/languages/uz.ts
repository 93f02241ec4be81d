import { endsInWord, type LanguagePack } from './pack.js';

// Uzbek in the Latin alphabet of 1995: oʻ and gʻ with U+02BB (MODIFIER LETTER TURNED COMMA), the
// tutuq belgisi with U+02BC (MODIFIER LETTER APOSTROPHE), never ‘ ’ or '.
export const uz: LanguagePack = {
  code: 'uz',
  name: 'Uzbek',
  intlLocale: { numbers: 'uz-Latn', dates: 'uz-Latn' },
  cslLocale: 'uz-Latn-UZ',
  defaultStyle: 'apa',
  labels: {
    'kind.brief': 'Tahliliy xat',
    'kind.memo': 'Xizmat xati',
    'kind.comparison': 'Qiyosiy sharh',
    date: 'Sana',
    audience: 'Kimlar uchun',
    authors: 'Mualliflar',
    summary: 'Qisqacha mazmun',
    keyFindings: 'Asosiy xulosalar',
    recommendations: 'Tavsiyalar',
    addressedTo: 'Kimga',
    basis: 'Asos',
    references: 'Foydalanilgan adabiyotlar',
    comparison: 'Taqqoslash',
    indicator: 'Koʻrsatkich',
    noFigure: 'Manbalarda maʼlumot yoʻq',
    gapNote: 'Yuqori indeksdagi yil koʻrsatkich qaysi sanaga tegishli ekanini bildiradi; «—» hech bir manbada maʼlumot yoʻqligini bildiradi.',
    contents: 'Mundarija',
    chartBar: 'Ustunli diagramma',
    chartLine: 'Chiziqli grafik',
    source: 'Manba',
    to: 'Kimga',
    from: 'Kimdan',
    subject: 'Mavzu',
    reference: 'Chiqish raqami',
    purpose: 'Maqsad',
    background: 'Maʼlumotnoma',
    keyPoints: 'Asosiy fikrlar',
    actions: 'Taklif etilayotgan choralar',
    action: 'Chora',
    owner: 'Ijrochi',
    deadline: 'Muddat',
    page: 'Sahifa',
    of: '/',
    reportedIn: '{year}-yilgi nashrga koʻra',
  },
  countries: {
    UZ: 'Oʻzbekiston',
    KZ: 'Qozogʻiston',
    TM: 'Turkmaniston',
    KG: 'Qirgʻiziston',
    TJ: 'Tojikiston',
    CA: 'Markaziy Osiyo',
    XX: 'Jahon',
  },
  topics: {
    'connectivity': 'internetdan foydalanish',
    'social-media': 'ijtimoiy tarmoqlar',
    'e-government': 'elektron hukumat',
    'legal-framework': 'huquqiy asos',
    'strategy': 'strategiya',
    'institutions': 'institutlar',
    'training': 'kadrlar tayyorlash',
    'consular-services': 'konsullik xizmatlari',
    'cybersecurity': 'kiberxavfsizlik',
    'disinformation': 'dezinformatsiya',
    'public-diplomacy': 'jamoatchilik diplomatiyasi',
    'international-cooperation': 'xalqaro hamkorlik',
    'digital-economy': 'raqamli iqtisodiyot',
    'recommendation': 'tavsiyalar',
  },
  figures: {
    // Uzbek puts the comparison after the number, as a suffix: "40 000 dan ortiq", "3 yilgacha".
    qualifiers: {
      over: (n) => `${withSuffix(n, 'dan')} ortiq`,
      about: 'taxminan {n}',
      under: (n) => `${withSuffix(n, 'dan')} kam`,
      'up-to': (n) => withSuffix(n, 'gacha'),
    },
    rank: '{total} tadan {rank}-oʻrin',
  },
  figureWords: {
    scales: { ming: 1e3, mln: 1e6, million: 1e6, mlrd: 1e9, milliard: 1e9 },
    numbers: {
      bir: 1, ikki: 2, uch: 3, toʻrt: 4, besh: 5, olti: 6, yetti: 7, sakkiz: 8, toʻqqiz: 9, oʻn: 10,
      yigirma: 20, oʻttiz: 30, qirq: 40, ellik: 50, yuz: 100,
    },
    percent: ['foiz'],
    units: ['km', 'kilometr', 'Mbit/s', 'dollar', 'AQSH dollari', 'yevro', 'soʻm'],
    counted: ['kishi', 'nafar', 'foydalanuvchi', 'obunachi', 'post'],
    abbreviations: ['b', 'bb', 'y', 'yy', 'm', 'sh', 'h.k', 'va h.k', 'masalan', 'rasm', 'jadv'],
  },
};

/** A suffix joins a word ("milliondan") and follows digits, signs and abbreviations after a space ("40 000 dan"). */
function withSuffix(formatted: string, suffix: string): string {
  return endsInWord(formatted) ? `${formatted}${suffix}` : `${formatted} ${suffix}`;
}

import { endsInWord, type LanguagePack } from './pack.js';

export const kk: LanguagePack = {
  code: 'kk',
  name: 'Kazakh',
  intlLocale: { numbers: 'kk', dates: 'kk' },
  cslLocale: 'kk-KZ',
  defaultStyle: 'apa',
  labels: {
    'kind.brief': 'Талдамалық жазба',
    'kind.memo': 'Қызметтік жазба',
    'kind.comparison': 'Салыстырмалы шолу',
    date: 'Күні',
    audience: 'Кімге арналған',
    authors: 'Авторлар',
    summary: 'Түйіндеме',
    keyFindings: 'Негізгі қорытындылар',
    recommendations: 'Ұсынымдар',
    addressedTo: 'Кімге',
    basis: 'Негіздеме',
    references: 'Пайдаланылған әдебиеттер',
    notes: 'Ескертпелер',
    noteBack: 'Мәтінге оралу',
    citedIn: 'келтірілген дереккөз:',
    comparison: 'Салыстыру',
    indicator: 'Көрсеткіш',
    noFigure: 'Дереккөздерде мәлімет жоқ',
    gapNote: 'Жоғарғы индекстегі жыл көрсеткіштің қай күнгі екенін білдіреді; «—» ешбір дереккөзде мәлімет жоқ екенін білдіреді.',
    contents: 'Мазмұны',
    chartBar: 'Бағаналы диаграмма',
    chartLine: 'Сызықтық график',
    source: 'Дереккөз',
    to: 'Кімге',
    from: 'Кімнен',
    subject: 'Тақырыбы',
    reference: 'Шығыс №',
    purpose: 'Мақсаты',
    background: 'Анықтама',
    keyPoints: 'Негізгі тұжырымдар',
    actions: 'Ұсынылатын шаралар',
    action: 'Шара',
    owner: 'Орындаушы',
    deadline: 'Мерзімі',
    page: 'Бет',
    of: '/',
    reportedIn: '{year} жылғы жарияланым бойынша',
    evidence: 'Деректердің дереккөздері',
    asOf: 'Күні',
    quoted: 'Дереккөзде',
    verification: 'Тексеру',
    'verification.verified': 'Дереккөз мәтінінен табылды',
    'verification.not-found': 'Дереккөз мәтінінен табылмады',
    'verification.unchecked': 'Бұл жинақта дереккөз мәтінімен салыстырылмаған',
    conflicts: 'Қайшы деректер',
    noConflicts: 'Жоқ',
  },
  countries: {
    UZ: 'Өзбекстан',
    KZ: 'Қазақстан',
    TM: 'Түрікменстан',
    KG: 'Қырғызстан',
    TJ: 'Тәжікстан',
    CA: 'Орталық Азия',
    XX: 'Әлем',
  },
  topics: {
    'connectivity': 'интернетке қолжетімділік',
    'social-media': 'әлеуметтік желілер',
    'e-government': 'электрондық үкімет',
    'legal-framework': 'құқықтық негіз',
    'strategy': 'стратегия',
    'institutions': 'институттар',
    'training': 'кадр даярлау',
    'consular-services': 'консулдық қызметтер',
    'cybersecurity': 'киберқауіпсіздік',
    'disinformation': 'жалған ақпарат',
    'public-diplomacy': 'қоғамдық дипломатия',
    'international-cooperation': 'халықаралық ынтымақтастық',
    'digital-economy': 'цифрлық экономика',
    'recommendation': 'ұсынымдар',
  },
  figures: {
    qualifiers: {
      over: (n) => `${n}${suffix(n, 'ablative')} астам`,
      about: 'шамамен {n}',
      under: (n) => `${n}${suffix(n, 'ablative')} кем`,
      'up-to': (n) => `${n}${suffix(n, 'dative')} дейін`,
    },
    rank: '{total} ішінен {rank}-орын',
  },
  figureWords: {
    scales: { 'мың': 1e3, 'млн': 1e6, 'миллион': 1e6, 'млрд': 1e9, 'миллиард': 1e9 },
    numbers: {
      'бір': 1, 'екі': 2, 'үш': 3, 'төрт': 4, 'бес': 5, 'алты': 6, 'жеті': 7, 'сегіз': 8, 'тоғыз': 9, 'он': 10,
      'жиырма': 20, 'отыз': 30, 'қырық': 40, 'елу': 50, 'жүз': 100,
    },
    percent: ['пайыз'],
    units: ['км', 'шақырым', 'Мбит/с', 'доллар', 'АҚШ доллары', 'еуро', 'теңге'],
    counted: ['адам', 'пайдаланушы', 'жазылушы', 'жазба', 'қаралым'],
    abbreviations: ['б', 'бб', 'ж', 'жж', 'т.б', 'т.с.с', 'мыс', 'сур', 'кест'],
    months: ['қаңтар', 'ақпан', 'наурыз', 'сәуір', 'мамыр', 'маусым', 'шілде', 'тамыз', 'қыркүйек', 'қазан', 'қараша', 'желтоқсан'],
    monthSuffixes: ['дағы', 'дегі', 'тағы', 'тегі', 'ға', 'ге', 'қа', 'ке', 'да', 'де', 'та', 'те', 'нан', 'нен', 'дан', 'ден', 'тан', 'тен'],
    ordinalEndings: ['шы', 'ші', 'ншы', 'нші', 'ыншы', 'інші', 'орын'],
  },
};

/**
 * The case suffix written after a figure in digits ("40 000-нан", "76,6%-ға"): Kazakh suffixes follow
 * the sound and vowels of the figure's last spoken word (мың, пайыз, миллион, жеті…).
 */
function suffix(formatted: string, grammaticalCase: 'ablative' | 'dative'): string {
  const word = lastSpokenWord(formatted);
  const back = backWords.has(word) || /[аоұыя]/.test(word.replace(/.*([аәоөұүыіеэиуюя])[^аәоөұүыіеэиуюя]*$/, '$1'));
  const last = word.at(-1)!;
  const sound = /[аәоөұүыіеэиуюя]/.test(last) ? 'vowel' : /[мнң]/.test(last) ? 'nasal' : /[кқпстфхцчшщ]/.test(last) ? 'voiceless' : 'voiced';
  // Joined to a word ("миллионнан"), after a hyphen to digits, signs and abbreviations ("40 000-нан", "76,6%-дан").
  const hyphen = endsInWord(formatted) ? '' : '-';
  if (grammaticalCase === 'ablative') {
    const initial = sound === 'nasal' ? 'н' : sound === 'voiceless' ? 'т' : 'д';
    return `${hyphen}${initial}${back ? 'ан' : 'ен'}`;
  }
  const initial = sound === 'voiceless' ? (back ? 'қ' : 'к') : back ? 'ғ' : 'г';
  return `${hyphen}${initial}${back ? 'а' : 'е'}`;
}

// Loanwords whose last vowel у is back although a front vowel comes before it.
const backWords = new Set(['секунд']);

const units = ['нөл', 'бір', 'екі', 'үш', 'төрт', 'бес', 'алты', 'жеті', 'сегіз', 'тоғыз'];
const tens = ['', 'он', 'жиырма', 'отыз', 'қырық', 'елу', 'алпыс', 'жетпіс', 'сексен', 'тоқсан'];

/** The word a figure ends with when read aloud: "40 000" → мың, "76,6%" → пайыз, "3 жыл" → жыл. */
function lastSpokenWord(formatted: string): string {
  const text = formatted.trim().toLowerCase();
  if (text.endsWith('%')) return 'пайыз';
  const word = /(\p{L}+)\.?$/u.exec(text)?.[1];
  if (word) return ({ км: 'километр', мбит: 'секунд', с: 'секунд' } as Record<string, string>)[word] ?? word;
  const digits = /(\d[\d\s\u00a0\u202f]*)(?:,(\d+))?$/.exec(text);
  const integer = (digits?.[2] ?? digits?.[1] ?? '0').replace(/\D/g, '');
  if (/^0+$/.test(integer)) return 'нөл';
  const zeros = /0*$/.exec(integer)![0].length;
  if (zeros >= 6 && !digits?.[2]) return 'миллион';
  if (zeros >= 3 && !digits?.[2]) return 'мың';
  if (zeros === 2 && !digits?.[2]) return 'жүз';
  if (zeros === 1) return tens[Number(integer.at(-2))]!;
  return units[Number(integer.at(-1))]!;
}

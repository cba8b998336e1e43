/** What a language is called when nothing says which it is (BCP 47's "undetermined"). */
export const UNDETERMINED_LANGUAGE = 'und';

/**
 * A language tag as providers and caption files write it ("en-US", "EN", "pt_BR", "en_us") reduced
 * to its primary subtag in lower case ("en", "pt"), or undefined when the tag names no language.
 */
export function primaryLanguage(tag: string | undefined): string | undefined {
  const primary = tag?.trim().split(/[-_]/u)[0]?.toLowerCase();
  return primary && /^[a-z]{2,3}$/u.test(primary) && primary !== UNDETERMINED_LANGUAGE ? primary : undefined;
}

/**
 * Scripts that name their language well enough on their own. Kana before Han, since Japanese
 * writes with both; Han alone is taken as Chinese.
 */
const SCRIPT_LANGUAGES: ReadonlyArray<readonly [RegExp, string]> = [
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/gu, 'ja'],
  [/\p{Script=Hangul}/gu, 'ko'],
  [/\p{Script=Han}/gu, 'zh'],
  [/\p{Script=Cyrillic}/gu, 'ru'],
  [/\p{Script=Arabic}/gu, 'ar'],
  [/\p{Script=Devanagari}/gu, 'hi'],
  [/\p{Script=Greek}/gu, 'el'],
  [/\p{Script=Hebrew}/gu, 'he'],
  [/\p{Script=Thai}/gu, 'th'],
];

/** Letters only Ukrainian and Persian add to the Cyrillic and Arabic scripts. */
const SCRIPT_VARIANTS: ReadonlyArray<readonly [string, RegExp, string]> = [
  ['ru', /[іїєґ]/iu, 'uk'],
  ['ar', /[پچژگ]/u, 'fa'],
];

/**
 * The commonest short words of each language written in Latin letters. They make up a large share
 * of any running text in their language and little of any other, so counting them tells the
 * languages apart without a model.
 */
const STOP_WORDS: Readonly<Record<string, ReadonlySet<string>>> = {
  en: new Set('the and of to is that it in this for with we you are was be on not have what which'.split(' ')),
  es: new Set('el la los las de que y en un una es por con para del se lo como pero más está son'.split(' ')),
  fr: new Set('le la les de des et est un une que en du pour dans qui ce il nous vous pas sur au avec'.split(' ')),
  de: new Set('der die das und ist nicht ein eine zu den mit von sich auf für dem wir es auch wird sind'.split(' ')),
  it: new Set('il lo la di che e è un una per non con del della sono si questo come ma anche nel'.split(' ')),
  pt: new Set('o a os as de que e é um uma para com não do da em no na se por mais são'.split(' ')),
  nl: new Set('de het een en van is dat niet op te zijn met voor er wij ook maar die aan naar'.split(' ')),
};

/** Fewer stop words than this is too little text to judge. */
const MIN_STOP_WORD_HITS = 4;
/** The winner must beat the runner-up by this factor, else the text is ambiguous. */
const MIN_LEAD = 1.25;
/** Letters none of the listed languages writes (Polish "ł", Swedish "å", Turkish "ş"…) mark a language that is not listed. */
const UNLISTED_LATIN_LETTER = /(?![a-zßàáâãäæçèéêëìíîïñòóôõöœùúûüÿ])\p{Script=Latin}/giu;
/** More of them than this share of the letters, and the text is not in a listed language. */
const MAX_UNLISTED_LETTER_SHARE = 0.01;

/**
 * The language a text is written in, as an ISO 639-1 code, or "und" when the text is too short or
 * too mixed to tell, or in Latin letters of a language it has no list for. Offline and model-free:
 * the script for languages that have their own, and stop-word counts for English, Spanish, French,
 * German, Italian, Portuguese and Dutch.
 */
export function detectLanguage(text: string): string {
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters === 0) return UNDETERMINED_LANGUAGE;
  const byScript = languageOfScript(text, letters);
  if (byScript) return byScript;
  return languageOfStopWords(text, letters);
}

function languageOfScript(text: string, letters: number): string | undefined {
  const counts = SCRIPT_LANGUAGES.map(([script, language]) => ({ language, count: text.match(script)?.length ?? 0 }));
  const kana = counts[0]!.count;
  const best = counts.reduce((most, candidate) => (candidate.count > most.count ? candidate : most));
  // Japanese text is mostly Han characters with some kana between them.
  const language = kana > 0 && best.language === 'zh' ? 'ja' : best.language;
  const count = language === 'ja' ? kana + counts[2]!.count : best.count;
  if (count * 2 < letters) return undefined;
  const variant = SCRIPT_VARIANTS.find(([base, letter]) => base === language && letter.test(text));
  return variant ? variant[2] : language;
}

function languageOfStopWords(text: string, letters: number): string {
  const unlisted = text.match(UNLISTED_LATIN_LETTER)?.length ?? 0;
  if (unlisted > letters * MAX_UNLISTED_LETTER_SHARE) return UNDETERMINED_LANGUAGE;
  const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
  const scores = Object.entries(STOP_WORDS)
    .map(([language, stopWords]) => ({ language, hits: words.filter((word) => stopWords.has(word)).length }))
    .sort((a, b) => b.hits - a.hits);
  const [best, runnerUp] = scores as [(typeof scores)[number], (typeof scores)[number]];
  if (best.hits < MIN_STOP_WORD_HITS || best.hits < runnerUp.hits * MIN_LEAD) return UNDETERMINED_LANGUAGE;
  return best.language;
}

const LANGUAGE_NAMES = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** A language code as a reader knows it: "es" → "Spanish", "und" → "language not detected"; an unknown code as itself. */
export function languageName(code: string): string {
  if (code === UNDETERMINED_LANGUAGE) return 'language not detected';
  try {
    return LANGUAGE_NAMES.of(code) ?? code;
  } catch {
    // Not a well-formed code: say what the notes say.
    return code;
  }
}

/** Languages written right to left (by their primary subtag), so a page or document in one runs that way. */
const RIGHT_TO_LEFT = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'iw', 'ps', 'sd', 'ug', 'ur', 'yi']);

/** True when text in this language (any tag: "ar", "fa-IR", "he_IL") is written right to left. */
export const isRightToLeft = (language: string) => RIGHT_TO_LEFT.has(primaryLanguage(language) ?? '');

/** Every two-letter code, by its English name in lower case ("english" → "en"), as Whisper servers name languages. */
const CODES_BY_NAME: ReadonlyMap<string, string> = (() => {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const byName = new Map<string, string>();
  for (const first of letters) {
    for (const second of letters) {
      const code = first + second;
      const name = LANGUAGE_NAMES.of(code);
      // Alphabetical order keeps the current code where a retired one has the same name ("jv" before "jw", "he" before "iw").
      if (name && !byName.has(name.toLowerCase())) byName.set(name.toLowerCase(), code);
    }
  }
  return byName;
})();

/**
 * A language as a speech-to-text server reports it, by English name ("english", "Haitian Creole", as
 * OpenAI's verbose_json writes it) or by tag ("en", "pt-BR"), as its primary subtag; undefined when unknown.
 */
export function languageCodeOf(reported: string | undefined): string | undefined {
  const name = reported?.trim().toLowerCase();
  if (!name) return undefined;
  return CODES_BY_NAME.get(name) ?? primaryLanguage(name);
}

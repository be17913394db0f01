/**
 * Which language a text is written in, for one decision only: "the answer is
 * in another language than the question". Wrongly flagging a real answer caps
 * its scores, so the detector says "don't know" (null) unless it is sure.
 *
 * How: the script decides first (Cyrillic, Greek, Arabic, Hebrew, Devanagari,
 * Chinese/Japanese/Korean are told apart by their letters). Latin-script
 * languages are told apart by their function words — the, and, is / der, und,
 * ist / le, et, est … — which every sentence uses whatever its topic, while
 * the topic words (Kubernetes, cache, API) are the same in every language of a
 * tech interview. A word listed for several languages counts for each only in
 * part. A language is named when enough function words are found and it
 * clearly outnumbers the next best.
 *
 * Why not a library: trigram detectors (franc, tinyld, cld) are built for
 * general text and are unreliable on the short, jargon-heavy paragraphs of an
 * interview answer (English technical terms pull a German answer towards
 * English); a stop-word count is a few lines, explainable in one sentence to
 * a candidate, and errs on the side of "don't know".
 */

export type LanguageGuess = { language: string; confidence: "script" | "words"; hits: number } | null;

const FUNCTION_WORDS: Record<string, string> = {
  en: "the and is are was were this that these those with have has had not but what which would could should will can does did there their they them you your we our from into about because when how then than also been being very just only i me my it its of to in on for do be or as at by an if who where why",
  de: "der die das und ist sind war nicht ein eine einen einem einer ich wir sie es mit auf für von zu den dem des auch sich wird werden wurde kann können wenn dass aber oder weil bei nach noch mehr sehr hat haben hatte in im zum zur man wie was wo warum mein meine uns um über",
  fr: "le la les et est sont était une des du pas que qui dans pour sur avec ce cette ces nous vous ils elles je il elle mais ou donc car au aux son sa ses leur très aussi être avoir fait peut de je on en un à se ne mon ma mes comment pourquoi où",
  es: "el la los las y es son está están era una unos unas del que en por para con pero como más muy también porque cuando yo nosotros ellos su sus este esta estos hay ser tiene puede lo al de a mi me se no cómo qué dónde",
  it: "il lo la gli le e è sono era una del della dei delle che non per con ma come più molto anche perché quando io noi loro suo sua questo questa ci si ha hanno può nel nella di da in un mi come dove cosa",
  pt: "o a os as e é são era um uma do da dos das que não em no na para com mas como mais muito também porque quando eu nós eles seu sua este esta isso há ser tem pode de me se meu minha onde por",
  nl: "de het een en is zijn was niet dat die van te met op voor ook maar als dan bij naar om er ik wij we ze hij zij heeft hebben kan worden wordt omdat in mijn hoe wat waar waarom je jij",
  sv: "och är var inte en ett att det som på för med av till jag vi de han hon har hade kan ska men eller om när också mycket den detta",
  pl: "i w na nie jest są był to się że z do jak ale czy od po tak dla przez jego jej ich mnie mój może bardzo także jestem",
  tr: "ve bir bu da de ile için ama çok daha gibi ne var yok olan olarak ben biz siz onlar sonra kadar değil mi",
};

// How often each word appears across the lists: a word in n lists counts 1/n for each.
const LISTS = Object.fromEntries(Object.entries(FUNCTION_WORDS).map(([lang, words]) => [lang, new Set(words.split(" "))]));
const SPREAD = new Map<string, number>();
for (const set of Object.values(LISTS)) for (const w of set) SPREAD.set(w, (SPREAD.get(w) ?? 0) + 1);

const SCRIPTS: Array<[string, RegExp]> = [
  ["ru", /\p{Script=Cyrillic}/u],
  ["el", /\p{Script=Greek}/u],
  ["ar", /\p{Script=Arabic}/u],
  ["he", /\p{Script=Hebrew}/u],
  ["hi", /\p{Script=Devanagari}/u],
  ["ja", /[\p{Script=Hiragana}\p{Script=Katakana}]/u],
  ["ko", /\p{Script=Hangul}/u],
  ["zh", /\p{Script=Han}/u],
];

/** At least this many (weighted) function words before a Latin-script language is named. */
const MIN_HITS = 3;
/** …and the winner must outnumber the runner-up this many times. */
const DOMINANCE = 2;

export function detectLanguage(text: string): LanguageGuess {
  const letters = [...text.normalize("NFC")].filter((c) => /\p{L}/u.test(c));
  if (letters.length < 12) return null;

  // Non-Latin scripts: the script is the language (close enough for "same language or not").
  const counts = new Map<string, number>();
  for (const c of letters) {
    // Japanese mixes kana and Han: any kana makes it Japanese, so check kana before Han.
    const found = SCRIPTS.find(([, re]) => re.test(c));
    const key = found ? found[0] : /\p{Script=Latin}/u.test(c) ? "latin" : "other";
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  if ((counts.get("ja") ?? 0) > 0 && (counts.get("zh") ?? 0) > 0) {
    counts.set("ja", counts.get("ja")! + counts.get("zh")!);
    counts.delete("zh");
  }
  const [script, scriptCount] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
  if (script !== "latin") {
    return script !== "other" && scriptCount / letters.length >= 0.5 ? { language: script, confidence: "script", hits: scriptCount } : null;
  }

  const words = text
    .toLowerCase()
    .normalize("NFC")
    .split(/[^\p{L}']+/u)
    .map((w) => w.replace(/^'+|'+$/g, ""))
    .filter(Boolean);
  const scores = Object.fromEntries(Object.keys(LISTS).map((lang) => [lang, 0]));
  for (const w of words) {
    const spread = SPREAD.get(w);
    if (!spread) continue;
    for (const [lang, set] of Object.entries(LISTS)) if (set.has(w)) scores[lang]! += 1 / spread;
  }
  const ranked = Object.entries(scores).sort((a, b) => b[1] - a[1]);
  const [best, second] = [ranked[0]!, ranked[1]!];
  if (best[1] < MIN_HITS || best[1] < second[1] * DOMINANCE) return null;
  return { language: best[0], confidence: "words", hits: Math.round(best[1] * 10) / 10 };
}

const NAMES: Record<string, string> = {
  en: "English",
  de: "German",
  fr: "French",
  es: "Spanish",
  it: "Italian",
  pt: "Portuguese",
  nl: "Dutch",
  sv: "Swedish",
  pl: "Polish",
  tr: "Turkish",
  ru: "Russian (or another Cyrillic-script language)",
  el: "Greek",
  ar: "Arabic",
  he: "Hebrew",
  hi: "Hindi",
  ja: "Japanese",
  ko: "Korean",
  zh: "Chinese",
};

export function languageName(code: string): string {
  return NAMES[code] ?? code;
}

/** The two languages when both are known and differ; null when they match or either is unsure. */
export function languageMismatch(question: string, answer: string): { question: string; answer: string } | null {
  const q = detectLanguage(question);
  const a = detectLanguage(answer);
  if (!q || !a || q.language === a.language) return null;
  return { question: q.language, answer: a.language };
}

/** A function word (the, und, le, que …) of any of the profiled languages: real prose is full of them. */
export function isFunctionWord(word: string): boolean {
  return SPREAD.has(word.toLowerCase());
}

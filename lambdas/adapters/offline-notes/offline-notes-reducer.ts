import type { MergedNotes, NotesReduction, NotesSection, ReviewQuestion, TokenUsage } from '../../../shared/contracts/notes';
import { DEFAULT_NOTES_REQUEST, type NotesRequest } from '../../../shared/contracts/job';
import { DEFAULT_NOTES_STYLE, NOTES_STYLES, type NotesStyleLengths } from '../../../shared/domain/notes-styles';
import type { NotesReducer } from '../../../shared/ports/notes-reducer';
import { announcedLectureTopic } from './announcements';
import { countWords, withinWords } from './word-budget';
import { titleCase } from './headings';
import { OFFLINE_NOTES_ENGINE, readsInFull } from './offline-notes-generator';
import { quotedSentences } from './quoted-sentences';
import { termAskedAbout } from './review-questions';
import { distinctSectionTitles } from './section-titles';
import { languageName, primaryLanguage } from '../../../shared/domain/language';

const NO_USAGE: TokenUsage = { inputTokens: 0, outputTokens: 0 };
/** One overview sentence per this many sections, within the bounds above. */
const SECTIONS_PER_OVERVIEW_SENTENCE = 3;
const MAX_OVERVIEW_SENTENCE_WORDS = 18;
/** An overview sentence should stand alone and speak of this lecture: "And ...", "This ..." lean on a sentence not quoted, "last week ..." speaks of another lecture. */
const NOT_ABOUT_THIS_LECTURE = /^(?:and|but|or|so|then|also|this|that|these|those|it|they)\b|\b(?:last|next|previous)\s+(?:week|time|lecture|class|session)\b/iu;
/** A lecture this long gets at least the style's fewest questions; a shorter one at least this many. */
const FULL_LECTURE_SECONDS = 600;
const SHORT_LECTURE_MIN_QUESTIONS = 3;
/** One review question per this much of the lecture, within the bounds above. */
const SECONDS_PER_QUESTION = 200;
/**
 * The questions may add this share of the merged notes' words, in the study
 * style: the notes must stay a fraction of the lecture. A style that asks for
 * more questions lets them take more.
 */
const QUESTION_WORD_SHARE = 0.2;
const questionWordShare = (lengths: NotesStyleLengths) => (QUESTION_WORD_SHARE * lengths.questions.max) / NOTES_STYLES[DEFAULT_NOTES_STYLE].lengths.questions.max;
/** The sections at the start where the lecturer announces the lecture's topic. */
const OPENING_SECTIONS = 2;
const MAX_TITLE_WORDS = 8;

/** Definitions first, then enumerations, then worked examples: what a student most needs to recall. */
function questionPriority(question: ReviewQuestion): number {
  if (/^What (?:is|are)\b/u.test(question.question)) return 0;
  if (/\bname the\b/u.test(question.question)) return 1;
  return 2;
}

/** The sentences a section quotes, its summary first. */
const sectionSentences = (section: NotesSection) => [...quotedSentences(section.summary), ...section.keyPoints];

/** The sentence at the lecture's start where the lecturer says what it is about, with the topic it names. */
function announcement(merged: MergedNotes): { sentence: string; topic: string } | undefined {
  const announced = merged.sections
    .slice(0, OPENING_SECTIONS)
    .flatMap(sectionSentences)
    .map((sentence) => ({ sentence, topic: announcedLectureTopic({ text: sentence }) }))
    .filter((found) => found.topic !== undefined)
    .sort((a, b) => a.topic!.strength - b.topic!.strength)[0];
  return announced && { sentence: announced.sentence, topic: announced.topic!.text };
}

/** The topic the lecturer announces for the lecture, else the terms the lecture returns to most. */
function lectureTitle(merged: MergedNotes): string {
  const announced = announcement(merged);
  if (announced) return titleCase(announced.topic);
  const notesText = merged.sections.flatMap(sectionSentences).join(' ').toLowerCase();
  const mentions = (term: string) => notesText.split(term.toLowerCase()).length - 1;
  const candidates = [...merged.glossary.map((entry) => entry.term), ...merged.sections.map((section) => section.title)].filter((term) => countWords(term) <= MAX_TITLE_WORDS);
  const best = candidates.map((term) => ({ term, mentions: mentions(term) })).sort((a, b) => b.mentions - a.mentions)[0];
  return best && best.mentions > 0 ? titleCase(best.term) : (merged.sections[0]?.title ?? merged.source.fileName ?? 'Lecture notes');
}

/**
 * The style's number of quoted sentences (three to six for study notes) that tell what the lecture covers, in
 * lecture order: the lecturer's announcement of the topic where there is
 * one, then, from as many consecutive runs of sections, the sentence of
 * each run that names most of the lecture's topics (its section titles and
 * terms). A sentence that gives a glossary definition is passed over while
 * another will do: the glossary already says it, and a row of definitions
 * does not tell what the lecture is about.
 */
function lectureOverview(merged: MergedNotes, { overviewSentences: OVERVIEW_SENTENCES }: NotesStyleLengths): string {
  const wanted = Math.min(OVERVIEW_SENTENCES.max, Math.max(OVERVIEW_SENTENCES.min, Math.round(merged.sections.length / SECTIONS_PER_OVERVIEW_SENTENCE)));
  const topics = [...new Set([...merged.glossary.map((entry) => entry.term), ...merged.sections.map((section) => section.title)].map((topic) => topic.toLowerCase()))];
  const definitions = merged.glossary.map((entry) => entry.definition.toLowerCase());
  const defines = (sentence: string) => definitions.some((definition) => sentence.toLowerCase().includes(definition));
  const worth = (sentence: string) =>
    topics.filter((topic) => sentence.toLowerCase().includes(topic)).length +
    Math.min(1, countWords(sentence) / 15) -
    (defines(sentence) ? topics.length : 0) -
    (NOT_ABOUT_THIS_LECTURE.test(sentence) ? topics.length / 2 : 0);
  const quotable = (sentence: string) => withinWords(sentence, MAX_OVERVIEW_SENTENCE_WORDS);
  const announced = announcement(merged);
  const opening = announced && quotable(announced.sentence);
  const chosen: string[] = opening ? [opening] : [];
  const runs = Math.min(wanted - chosen.length, merged.sections.length);
  for (let run = 0; run < runs; run++) {
    const from = Math.floor((run * merged.sections.length) / runs);
    const to = Math.floor(((run + 1) * merged.sections.length) / runs);
    const candidates = merged.sections
      .slice(from, to)
      .flatMap(sectionSentences)
      .map(quotable)
      .filter((sentence): sentence is string => sentence !== undefined && !chosen.includes(sentence));
    const best = candidates.reduce<string | undefined>((winner, sentence) => (winner === undefined || worth(sentence) > worth(winner) ? sentence : winner), undefined);
    if (best) chosen.push(best);
  }
  // A lecture of one or two sections still gets three sentences where its sections quote that many.
  const extra = merged.sections
    .flatMap(sectionSentences)
    .map(quotable)
    .filter((sentence): sentence is string => sentence !== undefined && !chosen.includes(sentence));
  while (chosen.length < OVERVIEW_SENTENCES.min && extra.length > 0) chosen.push(extra.shift()!);
  const inLectureOrder = merged.sections.flatMap(sectionSentences).map(quotable);
  return chosen.sort((a, b) => inLectureOrder.indexOf(a) - inLectureOrder.indexOf(b)).join(' ') || merged.sections[0]?.title || 'No notes could be made from this recording.';
}

const questionWords = (question: ReviewQuestion) => countWords(`${question.question} ${question.answer}`);

/**
 * Questions spread over the whole lecture: its time is cut into as many
 * spans as questions are wanted, each span gives its most important
 * candidate, and spans without one leave their place to the best of the
 * rest; they are asked in lecture order.
 */
function lectureQuestions(merged: MergedNotes, lengths: NotesStyleLengths): ReviewQuestion[] {
  const QUESTIONS = lengths.questions;
  const candidates = merged.reviewQuestions;
  const notesWords = countWords(
    merged.sections.flatMap((section) => [section.title, section.summary, ...section.keyPoints, ...section.examples, ...section.formulas, ...section.definitions.map((definition) => definition.definition)]).join(' '),
  );
  const byTime = Math.round(merged.source.durationSeconds / SECONDS_PER_QUESTION);
  const least = merged.source.durationSeconds >= FULL_LECTURE_SECONDS ? QUESTIONS.min : SHORT_LECTURE_MIN_QUESTIONS;
  let wanted = Math.min(candidates.length, QUESTIONS.max, Math.max(least, byTime));
  const end = Math.max(1, merged.source.durationSeconds, ...candidates.map((question) => question.at));
  const rank = (a: ReviewQuestion, b: ReviewQuestion) => questionPriority(a) - questionPriority(b) || questionWords(a) - questionWords(b) || a.at - b.at;
  const pick = (count: number) => {
    const chosen = new Set<ReviewQuestion>();
    for (let span = 0; span < count; span++) {
      const inSpan = candidates.filter((question) => question.at >= (span * end) / count && question.at < ((span + 1) * end) / count && !chosen.has(question));
      const best = [...inSpan].sort(rank)[0];
      if (best) chosen.add(best);
    }
    for (const question of [...candidates].sort(rank)) {
      if (chosen.size >= count) break;
      chosen.add(question);
    }
    return [...chosen].sort((a, b) => a.at - b.at);
  };
  let picked = pick(wanted);
  while (wanted > Math.min(least, candidates.length) && picked.reduce((sum, question) => sum + questionWords(question), 0) > questionWordShare(lengths) * notesWords) {
    wanted--;
    picked = pick(wanted);
  }
  return picked;
}

/** A term defined in two chunks has one glossary definition, the merge's best: its question is answered with that, word for word. */
function answeredByGlossary(question: ReviewQuestion, merged: MergedNotes): ReviewQuestion {
  const term = termAskedAbout(question)?.toLowerCase();
  const key = (text: string) => text.toLowerCase().replace(/s$/u, '');
  const entry = term === undefined ? undefined : merged.glossary.find((candidate) => key(candidate.term) === key(term));
  return entry ? { ...question, answer: entry.definition } : question;
}

/** A question that names its section ("Units: name the ...", "the example on Units.") names it by the title the section now has. */
function retitled(question: ReviewQuestion, sections: readonly NotesSection[], titles: readonly string[]): ReviewQuestion {
  const index = sections.findIndex((section) => question.at >= section.start && question.at <= section.end);
  const [before, after] = [sections[index]?.title, titles[index]];
  if (!before || !after || before === after) return question;
  if (question.question.startsWith(`${before}:`)) return { ...question, question: `${after}${question.question.slice(before.length)}` };
  if (question.question.endsWith(` on ${before}.`)) return { ...question, question: `${question.question.slice(0, -before.length - 1)}${after}.` };
  return question;
}

/** What the reader should know about notes this engine wrote in this language, for this request. */
function caveatsFor(language: string, request: NotesRequest): string[] {
  // It follows a style by its lengths; it cannot read what a reader asks in their own words.
  const wishes = request.instructions
    ? [`The offline engine applies the ${NOTES_STYLES[request.style].label.toLowerCase()} style's lengths but cannot follow free-text instructions, so yours were not applied. Set OPENAI_API_KEY to have them followed.`]
    : [];
  if (readsInFull(language)) return wishes;
  const primary = primaryLanguage(language);
  const named = primary ? languageName(primary) : 'a language it could not identify';
  return [
    ...wishes,
    `The offline engine reads only English in full. For this lecture, in ${named}, it writes only structure and quotes: sections with their times and the lecturer's own sentences, without a glossary, definitions or review questions. Set OPENAI_API_KEY for full notes.`,
  ];
}

/**
 * The whole-lecture step of the offline engine, from the merged notes only:
 * the announced topic as title, an overview quoted from across the lecture,
 * the section titles made distinct across the lecture, and review questions spread
 * from the first section to the last. It quotes; it invents nothing.
 */
export class OfflineNotesReducer implements NotesReducer {
  readonly engine = OFFLINE_NOTES_ENGINE;

  async reduce(merged: MergedNotes, request: NotesRequest = DEFAULT_NOTES_REQUEST): Promise<{ reduction: NotesReduction; usage: TokenUsage; caveats: string[] }> {
    const { lengths } = NOTES_STYLES[request.style];
    const sectionTitles = distinctSectionTitles(merged.sections, merged.glossary);
    return {
      reduction: {
        title: lectureTitle(merged),
        overview: lectureOverview(merged, lengths),
        sectionTitles,
        reviewQuestions: lectureQuestions(merged, lengths).map((question) => answeredByGlossary(retitled(question, merged.sections, sectionTitles), merged)),
      },
      usage: NO_USAGE,
      caveats: caveatsFor(merged.source.language, request),
    };
  }
}

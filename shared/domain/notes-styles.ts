/* The styles notes can be written in: one home for their names, what a reader
   is told about each, what a model is asked for, and the lengths the offline
   engine keeps. A job's first version takes the style chosen at upload; each
   later version names its own. */

export const NOTES_STYLE_NAMES = ['study', 'summary', 'detailed', 'exam-prep'] as const;
export type NotesStyleName = (typeof NOTES_STYLE_NAMES)[number];

export const DEFAULT_NOTES_STYLE: NotesStyleName = 'study';

/** A reader's own wishes for a version; longer is an essay, not a wish. */
export const MAX_NOTES_INSTRUCTIONS = 500;

export interface NotesStyleLengths {
  /** Times the share of a chunk's words its notes may quote (the study style's share is 1). */
  readonly wordShare: number;
  /**
   * Most key points a section keeps beyond its summary; undefined for as many as the word budget
   * allows. A section with nothing else to say keeps one whatever this says.
   */
  readonly keyPointsPerSection?: number;
  /** How many sentences the overview has. */
  readonly overviewSentences: { readonly min: number; readonly max: number };
  /** How many review questions the notes ask. */
  readonly questions: { readonly min: number; readonly max: number };
}

export interface NotesStyle {
  readonly label: string;
  /** Told to the reader choosing a style. */
  readonly description: string;
  /** Asked of a model writing notes in this style. */
  readonly modelInstructions: string;
  /** The review questions come before the sections, in the Markdown and on the page. */
  readonly questionsFirst: boolean;
  readonly lengths: NotesStyleLengths;
}

export const NOTES_STYLES: Record<NotesStyleName, NotesStyle> = {
  study: {
    label: 'Study notes',
    description: 'Sections with key points, definitions and examples, a glossary and review questions.',
    modelInstructions: 'Write full study notes: every section with its key points, definitions, examples and formulas.',
    questionsFirst: false,
    lengths: { wordShare: 1, overviewSentences: { min: 3, max: 6 }, questions: { min: 6, max: 15 } },
  },
  summary: {
    label: 'One-page summary',
    description: 'A short overview and each section in a sentence or two: about a page.',
    modelInstructions: 'Write a summary that fits on one page: a short overview, each section summarised in one or two sentences, and key points only where the summary leaves out something essential.',
    questionsFirst: false,
    lengths: { wordShare: 0.4, keyPointsPerSection: 0, overviewSentences: { min: 1, max: 2 }, questions: { min: 3, max: 5 } },
  },
  detailed: {
    label: 'Detailed notes',
    description: 'Everything the lecture explains, with more key points per section.',
    modelInstructions: 'Write detailed notes: keep every point, example and step of reasoning the lecture gives.',
    questionsFirst: false,
    lengths: { wordShare: 1.8, overviewSentences: { min: 4, max: 8 }, questions: { min: 8, max: 20 } },
  },
  'exam-prep': {
    label: 'Exam preparation',
    description: 'Review questions first, and more of them, then the notes to check answers against.',
    modelInstructions: 'Write notes to prepare for an exam: as many review questions as the lecture supports, each answered from it.',
    questionsFirst: true,
    lengths: { wordShare: 1, overviewSentences: { min: 2, max: 4 }, questions: { min: 10, max: 25 } },
  },
};

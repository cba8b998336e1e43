import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseCaptions } from '../../../shared/domain/captions';
import { readAnswerKey } from '../../eval/answer-key';
import { normalisedWords } from '../../eval/score-notes';
import { fixtureLectures, scoredLectures } from '../../fixtures/lectures/index';

const transcriptOf = async (path: string) => parseCaptions(await readFile(path, 'utf8'), path);
const spoken = (words: string[]) => ` ${words.join(' ')} `;

describe('lecture fixtures', () => {
  it.each(fixtureLectures)('$name parses, says its language only when it declares one, and runs long enough', async (lecture) => {
    const transcript = await transcriptOf(lecture.transcriptPath);
    expect(transcript.language).toBe(lecture.declaresLanguage ? lecture.language : undefined);
    // Scored lectures are full lectures; the language ones only need a few minutes of speech.
    expect(transcript.durationSeconds / 60).toBeGreaterThanOrEqual(lecture.keyPath ? 11 : 4);
  });

  it('has at least three scored lectures of our own besides the sample, and one each in Spanish and French', () => {
    expect(scoredLectures.filter((lecture) => !lecture.transcriptPath.includes('/samples/')).length).toBeGreaterThanOrEqual(3);
    expect(fixtureLectures.map((lecture) => lecture.language)).toEqual(expect.arrayContaining(['es', 'fr']));
  });
});

describe.each(scoredLectures)('answer key of $name', (lecture) => {
  it('is valid and holds only what the lecture says, with topic changes inside it', async () => {
    const [key, transcript] = await Promise.all([readAnswerKey(lecture.keyPath), transcriptOf(lecture.transcriptPath)]);
    const said = spoken(normalisedWords(transcript.segments.map((segment) => segment.text).join(' ')));
    const isSaid = (phrase: string) => said.includes(spoken(normalisedWords(phrase)));

    expect(key.keyTerms.length).toBeGreaterThanOrEqual(10);
    expect(key.keyTerms.length).toBeLessThanOrEqual(20);
    expect(key.keyTerms.filter(({ term, alternates }) => ![term, ...alternates].some(isSaid))).toEqual([]);
    expect(key.definitions.flatMap(({ mentions }) => mentions).filter((mention) => !isSaid(mention))).toEqual([]);
    expect(key.actionItems.flatMap(({ mentions }) => mentions).filter((mention) => !isSaid(mention))).toEqual([]);
    expect(key.sectionStarts.at(-1)).toBeLessThan(transcript.durationSeconds);
    expect(key.sectionStarts.length).toBeGreaterThanOrEqual(4);
  });
});

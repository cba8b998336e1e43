import { OfflineNotesGenerator } from '../../lambdas/adapters/offline-notes/offline-notes-generator';
import { OfflineNotesReducer } from '../../lambdas/adapters/offline-notes/offline-notes-reducer';
import type { StoredChunkNotes } from '../../shared/contracts/notes';
import { parseCaptions } from '../../shared/domain/captions';
import { chunkTranscript } from '../../shared/domain/chunking';
import { mergeChunkNotes } from '../../shared/domain/notes-merge';
import { longLectureVtt } from '../fixtures/long-lecture';
import type { BenchMeasurement } from './bench-section';
import { ROUNDS, median, repeat, seconds } from './bench-stats';

const CHUNKER_PASSES = 10;

/** The chunker and the offline notes engine on a 3-hour transcript, in one thread: words a second. */
export const measureThroughput: BenchMeasurement = async () => {
  const transcript = parseCaptions(await longLectureVtt(7), 'three-hours.vtt');
  const words = transcript.segments.reduce((sum, segment) => sum + segment.text.split(/\s+/).filter(Boolean).length, 0);
  const generator = new OfflineNotesGenerator();
  const reducer = new OfflineNotesReducer();
  // The first call loads the language model; that is a cold start, not throughput.
  await generator.generate({ ...chunkTranscript(transcript)[0]!, language: 'en' });

  const chunkerSeconds = await repeat(ROUNDS, async () => {
    const started = performance.now();
    for (let pass = 0; pass < CHUNKER_PASSES; pass++) chunkTranscript(transcript);
    return (performance.now() - started) / 1000 / CHUNKER_PASSES;
  });
  // Captions carry no language; the sample is English, which the engine reads in full.
  const chunks = chunkTranscript(transcript).map((chunk) => ({ ...chunk, language: 'en' }));
  const notesSeconds = await repeat(ROUNDS, async () => {
    const started = performance.now();
    const stored: StoredChunkNotes[] = [];
    for (const chunk of chunks) {
      const { notes, usage } = await generator.generate(chunk);
      stored.push({ chunkIndex: chunk.index, start: chunk.start, end: chunk.end, notes, engine: generator.engine, usage });
    }
    const merged = mergeChunkNotes({ jobId: 'bench', chunks: stored, fileName: 'three-hours.vtt', durationSeconds: transcript.durationSeconds, language: 'en' });
    await reducer.reduce(merged);
    return (performance.now() - started) / 1000;
  });
  const chunker = median(chunkerSeconds);
  const notes = median(notesSeconds);
  return {
    title: `Throughput on a 3-hour transcript (${words.toLocaleString('en-US')} words, ${chunks.length} chunks; one thread, median of ${ROUNDS})`,
    rows: [
      ['chunker', `${seconds(chunker, 3)}  = ${Math.round(words / chunker).toLocaleString('en-US')} words/s`],
      ['offline notes (every chunk, merge, reduce)', `${seconds(notes)}  = ${Math.round(words / notes).toLocaleString('en-US')} words/s`],
    ],
    figures: { chunkerWordsPerSecond: words / chunker, offlineNotesWordsPerSecond: words / notes },
  };
};

import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { LectureNotes } from '../../../shared/contracts/notes';
import { decksOf, loadMarks, roundOf, saveMarks, tallyOf, withMark, type DeckMarks, type DeckName, type Flashcard, type Mark } from './flashcard-progress';
import { TimeStamp } from './time-stamp';
import './flashcards.css';

const DECKS: { name: DeckName; label: string; front: string; back: string }[] = [
  { name: 'questions', label: 'Review questions', front: 'Question', back: 'Answer' },
  { name: 'glossary', label: 'Glossary', front: 'Term', back: 'Definition' },
];

/** The browser's storage, or none when it is switched off (then marks last for this visit). */
function browserStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

interface Round {
  cards: Flashcard[];
  index: number;
  revealed: boolean;
}

/**
 * Study mode: one card at a time, the answer hidden until asked for. Space shows and hides the
 * answer, the arrow keys move between cards, and "I knew it" / "Again" are kept in this browser.
 */
export function Flashcards({ notes, jobId }: { notes: LectureNotes; jobId: string }) {
  const decks = useMemo(() => decksOf(notes), [notes]);
  const [deckName, setDeckName] = useState<DeckName>(decks.questions.length > 0 || decks.glossary.length === 0 ? 'questions' : 'glossary');
  const [marks, setMarks] = useState<DeckMarks>(() => {
    const storage = browserStorage();
    return storage ? loadMarks(storage, jobId) : { questions: {}, glossary: {} };
  });
  const [kept, setKept] = useState(true);
  const deck = decks[deckName];
  const [round, setRound] = useState<Round>(() => ({ cards: roundOf(deck, marks[deckName], 'all'), index: 0, revealed: false }));
  const cardRegion = useRef<HTMLDivElement>(null);

  const startRound = (name: DeckName, only: 'all' | 'not-known') => {
    setDeckName(name);
    setRound({ cards: roundOf(decks[name], marks[name], only), index: 0, revealed: false });
  };

  // Study mode opens ready for the keyboard.
  useEffect(() => {
    cardRegion.current?.focus();
  }, []);

  const card = round.cards[round.index];
  const finished = round.index >= round.cards.length;
  const tally = tallyOf(deck, marks[deckName]);
  const labels = DECKS.find((candidate) => candidate.name === deckName)!;

  // A control that goes away under the pointer (Show the answer, I knew it) would leave the keyboard nowhere: the card takes it back.
  const thenFocusCard = (action: () => void) => () => {
    action();
    cardRegion.current?.focus();
  };

  const move = (step: 1 | -1) => setRound((previous) => ({ ...previous, index: Math.min(previous.cards.length, Math.max(0, previous.index + step)), revealed: false }));
  const flip = () => setRound((previous) => ({ ...previous, revealed: !previous.revealed }));
  const mark = (value: Mark) => {
    if (!card) return;
    const next = withMark(marks, deckName, card.id, value);
    setMarks(next);
    const storage = browserStorage();
    setKept(storage ? saveMarks(storage, jobId, next) : false);
    move(1);
  };

  // Anywhere in the page while studying, except where a key has its own use: Space on a button presses it, a field takes its keys.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
    const target = event.target instanceof Element ? event.target : null;
    if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
    if (event.key === ' ' && !finished && !target?.closest('button, a')) {
      event.preventDefault();
      flip();
    } else if (event.key === 'ArrowRight') {
      event.preventDefault();
      move(1);
    } else if (event.key === 'ArrowLeft') {
      event.preventDefault();
      move(-1);
    }
  };

  const keys = useRef(onKeyDown);
  keys.current = onKeyDown;
  useEffect(() => {
    const listener = (event: KeyboardEvent) => keys.current(event);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);

  return (
    <section class="flashcards" aria-labelledby="study-title">
      <h2 id="study-title" class="visually-hidden">
        Study with flashcards
      </h2>
      <div class="flashcard-decks" role="group" aria-label="Deck">
        {DECKS.map(({ name, label }) => (
          <button key={name} type="button" class="button" aria-pressed={name === deckName} disabled={decks[name].length === 0} onClick={() => startRound(name, 'all')}>
            {label} ({decks[name].length})
          </button>
        ))}
      </div>
      {deck.length === 0 ? (
        <p class="empty">These notes have no review questions or glossary to study.</p>
      ) : (
        <>
          <p class="flashcard-tally" aria-live="polite">
            {finished ? 'End of the round' : `Card ${round.index + 1} of ${round.cards.length}`} · {tally.known} known · {tally.again} to repeat · {tally.unmarked} not yet marked
            {!kept && ' · this browser keeps no marks, so they last for this visit'}
          </p>
          <div class="flashcard-region" role="group" tabIndex={0} ref={cardRegion} aria-label="Flashcard">
            {card && !finished ? (
              <div class={round.revealed ? 'flashcard flashcard-revealed' : 'flashcard'}>
                <p class="flashcard-side">{labels.front}</p>
                <p class="flashcard-front">{card.front}</p>
                {round.revealed && (
                  <>
                    <p class="flashcard-side">{labels.back}</p>
                    <p class="flashcard-back">{card.back || '(no answer given)'}</p>
                  </>
                )}
                <p class="flashcard-at">
                  In the lecture at <TimeStamp seconds={card.at} />
                </p>
              </div>
            ) : (
              <div class="flashcard flashcard-end">
                <p>
                  {tally.known} of {deck.length} known.
                </p>
                <div class="actions">
                  <button type="button" class="button" onClick={thenFocusCard(() => startRound(deckName, 'all'))}>
                    Start again
                  </button>
                  {tally.known < deck.length && (
                    <button type="button" class="button button-primary" onClick={thenFocusCard(() => startRound(deckName, 'not-known'))}>
                      Study the {deck.length - tally.known} not known yet
                    </button>
                  )}
                </div>
              </div>
            )}
          </div>
          {card && !finished && (
            <div class="flashcard-controls">
              <button type="button" class="button" onClick={thenFocusCard(() => move(-1))} disabled={round.index === 0}>
                ← Previous
              </button>
              {round.revealed ? (
                <>
                  <button type="button" class="button" onClick={thenFocusCard(() => mark('again'))}>
                    Again
                  </button>
                  <button type="button" class="button button-primary" onClick={thenFocusCard(() => mark('known'))}>
                    I knew it
                  </button>
                </>
              ) : (
                <button type="button" class="button button-primary" onClick={thenFocusCard(flip)}>
                  Show the answer
                </button>
              )}
              <button type="button" class="button" onClick={thenFocusCard(() => move(1))}>
                Next →
              </button>
            </div>
          )}
          <p class="hint">Space shows and hides the answer; ← and → move between cards. Your marks stay in this browser.</p>
        </>
      )}
    </section>
  );
}

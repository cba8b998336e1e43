import { describe, expect, it } from 'vitest';
import { detectLanguage, isRightToLeft, languageCodeOf, languageName, primaryLanguage } from '../../../shared/domain/language';

describe('detectLanguage', () => {
  it.each([
    ['en', 'Today we look at how the heart pumps blood. The left ventricle is the strongest chamber, and it sends blood to the whole body.'],
    ['es', 'Hoy vamos a ver cómo el corazón bombea la sangre. El ventrículo izquierdo es la cámara más fuerte y envía la sangre a todo el cuerpo.'],
    ['fr', "Aujourd'hui nous regardons comment le cœur pompe le sang. Le ventricule gauche est la chambre la plus forte, et il envoie le sang dans tout le corps."],
    ['de', 'Heute sehen wir uns an, wie das Herz das Blut pumpt. Die linke Herzkammer ist die stärkste Kammer, und sie pumpt das Blut in den ganzen Körper.'],
    ['it', 'Oggi vediamo come il cuore pompa il sangue. Il ventricolo sinistro è la camera più forte e manda il sangue in tutto il corpo, non solo nei polmoni.'],
    ['pt', 'Hoje vamos ver como o coração bombeia o sangue. O ventrículo esquerdo é a câmara mais forte e envia o sangue para todo o corpo, não só para os pulmões.'],
    ['nl', 'Vandaag kijken we hoe het hart het bloed pompt. De linker hartkamer is de sterkste kamer en die pompt het bloed naar het hele lichaam.'],
  ])('tells %s from its stop words', (language, text) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it.each([
    ['ja', '今日は心臓がどのように血液を送り出すかを見ていきます。左心室は最も強い部屋です。'],
    ['zh', '今天我们来看心脏如何泵血。左心室是最强的心腔。'],
    ['ko', '오늘은 심장이 어떻게 혈액을 펌프질하는지 살펴보겠습니다.'],
    ['ru', 'Сегодня мы посмотрим, как сердце перекачивает кровь.'],
    ['uk', 'Сьогодні ми подивимось, як серце перекачує кров і що з нею відбувається.'],
    ['ar', 'اليوم سننظر في كيفية ضخ القلب للدم.'],
    ['hi', 'आज हम देखेंगे कि हृदय रक्त को कैसे पंप करता है।'],
  ])('tells %s from its script', (language, text) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it('takes a lecture in Japanese with English terms in it as Japanese', () => {
    expect(detectLanguage('今日はTCPのcongestion controlについて話します。ウィンドウの大きさが大事です。')).toBe('ja');
  });

  it.each([
    ['a short word', 'OK'],
    ['a few words shared by several languages', 'de la en'],
    ['numbers only', '3.14 2.71 1.41'],
    ['nothing', ''],
    // Long enough for the few short words they share with listed languages to add up.
    ['Polish, which has no list', 'Dzisiaj zobaczymy, jak serce pompuje krew. Lewa komora jest najsilniejsza i wysyła krew do całego ciała, a prawa do płuc. '.repeat(4)],
    ['Swedish, which has no list', 'Idag ska vi se hur hjärtat pumpar blodet. Den vänstra kammaren är starkast och skickar blodet ut i hela kroppen. '.repeat(4)],
  ])('says "und" for %s', (_case, text) => {
    expect(detectLanguage(text)).toBe('und');
  });
});

describe('primaryLanguage', () => {
  it.each([
    ['en-US', 'en'],
    ['EN', 'en'],
    ['pt_BR', 'pt'],
    ['en_us', 'en'],
    [' fr ', 'fr'],
    ['haw', 'haw'],
  ])('reduces %s to %s', (tag, primary) => {
    expect(primaryLanguage(tag)).toBe(primary);
  });

  it.each([undefined, '', 'und', 'english', '12', '-US'])('names no language for %j', (tag) => {
    expect(primaryLanguage(tag)).toBeUndefined();
  });
});

describe('languageName', () => {
  it.each([
    ['es', 'Spanish'],
    ['ja', 'Japanese'],
    ['und', 'language not detected'],
    ['qq', 'qq'],
    ['not a code!', 'not a code!'],
  ])('names %s %s', (code, name) => {
    expect(languageName(code)).toBe(name);
  });
});

describe('isRightToLeft', () => {
  it.each([
    ['ar', true],
    ['fa-IR', true],
    ['he_IL', true],
    ['UR', true],
    ['en', false],
    ['ja', false],
    ['und', false],
    ['', false],
  ])('%s: %s', (language, expected) => {
    expect(isRightToLeft(language)).toBe(expected);
  });
});

describe('languageCodeOf', () => {
  it.each([
    ['english', 'en'],
    ['Spanish', 'es'],
    ['haitian creole', 'ht'],
    // Whisper's name for it; the code is the current one, not the retired "jw" Whisper writes.
    ['javanese', 'jv'],
    ['hebrew', 'he'],
    ['lao', 'lo'],
    ['en', 'en'],
    ['pt-BR', 'pt'],
    ['klingon', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('reads %j as %j', (reported, code) => {
    expect(languageCodeOf(reported)).toBe(code);
  });
});

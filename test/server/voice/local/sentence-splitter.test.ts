import { describe, expect, it } from 'vitest';
import {
  SentenceSplitter,
  speakableText,
} from '../../../../src/server/voice/providers/local/text/sentence-splitter.js';

/** Every sentence of `text` fed in `chunks`, the rest included. */
function split(text: string, chunkSize = text.length): string[] {
  const splitter = new SentenceSplitter();
  const sentences: string[] = [];
  for (let at = 0; at < text.length; at += chunkSize) {
    sentences.push(...splitter.push(text.slice(at, at + chunkSize)));
  }
  const rest = splitter.flush();
  return rest === null ? sentences : [...sentences, rest];
}

const RUN_ON =
  'We are open Monday, Tuesday, Wednesday, Thursday and Friday from eight in the morning ' +
  'until six in the evening, except on public holidays, when we close early at noon, and on ' +
  'Saturdays we open from nine until one, but only for emergencies and appointments booked ' +
  'ahead; please call before you come in so that someone is there to let you in';

const EXAMPLES = [
  'Yes. Dr. Smith will see you at 9.30 a.m. tomorrow. Is that OK? Great!',
  'Here are the options:\n1. A cleaning for $80.\n2. Whitening, e.g. the premium kit.\nWhich one?',
  'He said "hi." Then he left... Really?! Sure.',
  RUN_ON,
  "**Note.** Visit [our site](https://example.com/book) or call Mrs. J. Brown, St. Mary's.",
];

describe('SentenceSplitter', () => {
  it('returns a sentence as soon as the space after it arrives', () => {
    const splitter = new SentenceSplitter();
    expect(splitter.push('Hello there. How')).toEqual(['Hello there.']);
    expect(splitter.push(' can I help?')).toEqual([]);
    expect(splitter.push(' ')).toEqual(['How can I help?']);
    expect(splitter.flush()).toBeNull();
  });

  it('waits for the next character to decide at a full stop', () => {
    const splitter = new SentenceSplitter();
    expect(splitter.push('It costs 9.')).toEqual([]);
    expect(splitter.push('30 dollars. ')).toEqual(['It costs 9.30 dollars.']);
  });

  it('does not split after abbreviations, initials, decimals or times', () => {
    expect(split(EXAMPLES[0] as string)).toEqual([
      'Yes.',
      'Dr. Smith will see you at 9.30 a.m. tomorrow.',
      'Is that OK?',
      'Great!',
    ]);
    expect(split('Ask Mrs. J. Brown, e.g. by phone, or i.e. today. Thanks.')).toEqual([
      'Ask Mrs. J. Brown, e.g. by phone, or i.e. today.',
      'Thanks.',
    ]);
  });

  it('splits at line ends and keeps list markers with their item', () => {
    expect(split(EXAMPLES[1] as string)).toEqual([
      'Here are the options:',
      '1. A cleaning for $80.',
      '2. Whitening, e.g. the premium kit.',
      'Which one?',
    ]);
  });

  it('keeps closing quotes and repeated marks with their sentence', () => {
    expect(split(EXAMPLES[2] as string)).toEqual([
      'He said "hi."',
      'Then he left...',
      'Really?!',
      'Sure.',
    ]);
  });

  it('joins fragments too short to speak alone to the next sentence', () => {
    expect(split('A. B. Hi. 3. Go now.')).toEqual(['A. B. Hi.', '3. Go now.']);
  });

  it('cuts a long run-on sentence at a comma so speech can start early', () => {
    const sentences = split(RUN_ON);
    expect(sentences.length).toBeGreaterThan(1);
    expect(sentences.join(' ')).toBe(RUN_ON);
    for (const sentence of sentences) expect(sentence.length).toBeLessThanOrEqual(230);
    expect(sentences[0]).toMatch(/,$/);
  });

  it('cuts text without any punctuation at a space before it grows without bound', () => {
    const words = Array.from({ length: 150 }, (_, i) => `word${i}`).join(' ');
    const sentences = split(words);
    expect(sentences.join(' ')).toBe(words);
    for (const sentence of sentences) expect(sentence.length).toBeLessThanOrEqual(400);
  });

  it('gives the same sentences however the text is chunked', () => {
    for (const text of EXAMPLES) {
      const whole = split(text);
      expect(split(text, 1)).toEqual(whole);
      expect(split(text, 7)).toEqual(whole);
    }
  });

  it('returns the unfinished rest on flush, then starts afresh', () => {
    const splitter = new SentenceSplitter();
    expect(splitter.push('Thanks for calling.\n\nGoodbye')).toEqual(['Thanks for calling.']);
    expect(splitter.flush()).toBe('Goodbye');
    expect(splitter.flush()).toBeNull();
    expect(splitter.push('Again. ')).toEqual(['Again.']);
  });
});

describe('speakableText', () => {
  it('removes markdown marks, bullets, headings and code ticks', () => {
    expect(speakableText('## Opening hours')).toBe('Opening hours');
    expect(speakableText('- **Monday**: 9 to 5')).toBe('Monday: 9 to 5');
    expect(speakableText('* _Tuesday_ is `closed`.')).toBe('Tuesday is closed.');
    expect(speakableText('> Bring your *insurance card*.')).toBe('Bring your insurance card.');
    expect(speakableText('```\nnpm start\n```')).toBe('npm start');
  });

  it('keeps the words of links and says addresses as their site name', () => {
    expect(speakableText('Book on [our website](https://alpha.example/book).')).toBe(
      'Book on our website.',
    );
    expect(speakableText('See https://www.alpha-dental.com/contact?x=1. Thanks')).toBe(
      'See alpha-dental.com. Thanks',
    );
    expect(speakableText('Visit www.example.org today')).toBe('Visit example.org today');
  });

  it('leaves plain sentences, numbers and snake_case words alone', () => {
    const plain = "It's $80, or 2 visits at 9.30 a.m. (call file_ref 12).";
    expect(speakableText(plain)).toBe(plain);
  });
});

import { describe, expect, it } from 'vitest';
import {
  buildPhraseGrammar,
  knownPhrases,
  normalisePhrase,
  toJsgf,
  withoutHesitations,
} from '../../../../src/server/voice/providers/local/stt/phrase-grammar.js';

const knowledge = {
  titles: ['Opening Hours & Holidays', 'Teeth Whitening (2024 prices)', 'Café Menu'],
  headings: ['## 3. Emergency appointments', "Children's dentistry", 'Teeth Whitening'],
  endCallPhrase: 'Goodbye!',
};

describe('buildPhraseGrammar', () => {
  it('has the fixed caller intents and questions about each topic of the knowledge', () => {
    const { phrases } = buildPhraseGrammar(knowledge);
    expect(phrases).toEqual(
      expect.arrayContaining([
        'what are your business hours',
        'i want to talk to a person',
        'goodbye',
        'what are your opening hours holidays',
        'tell me about teeth whitening prices',
        'do you have emergency appointments',
        "what is children's dentistry",
        'tell me about cafe menu',
        'tell me about teeth whitening',
      ]),
    );
    for (const phrase of phrases) expect(phrase).toMatch(/^[a-z']+( [a-z']+)*$/);
    expect(new Set(phrases).size).toBe(phrases.length);
  });

  it('adds the chatbot end-call phrase and skips topics longer than six words', () => {
    const { phrases } = buildPhraseGrammar({
      titles: ['How we handle your personal data under the new rules'],
      headings: [],
      endCallPhrase: 'See you later, alligator',
    });
    expect(phrases).toContain('see you later alligator');
    expect(phrases.some((p) => p.includes('personal data'))).toBe(false);
  });

  it('keys the grammar by its phrases, whatever the order of the knowledge', () => {
    const a = buildPhraseGrammar(knowledge);
    const b = buildPhraseGrammar({
      ...knowledge,
      titles: [...knowledge.titles].reverse(),
    });
    const c = buildPhraseGrammar({ ...knowledge, titles: ['Parking'] });
    expect(b.key).toBe(a.key);
    expect(c.key).not.toBe(a.key);
    expect(a.key).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('normalisePhrase', () => {
  it('lower-cases, removes punctuation, accents and numbers', () => {
    expect(normalisePhrase('  “Top-10” Tips: Don’t Panic! ')).toBe("top tips don't panic");
    expect(normalisePhrase('2024 — 3.5%')).toBe('');
  });
});

describe('toJsgf', () => {
  it('writes one public rule over every phrase, with optional fillers around it', () => {
    const jsgf = toJsgf({ key: 'k', phrases: ['what are your business hours', 'goodbye'] });
    expect(jsgf).toContain('#JSGF V1.0;\ngrammar buzzi;\n');
    expect(jsgf).toMatch(
      /public <utterance> = .*\( what are your business hours \| goodbye \).*;$/,
    );
  });

  it('drops unknown words from phrases and phrases left empty, and gives null when none remains', () => {
    const known = new Set(['tell', 'me', 'about', 'widgets', 'please']);
    const isKnown = (word: string) => known.has(word);
    expect(
      knownPhrases(['tell me about zyxq widgets', 'zyxq', 'tell me about widgets'], isKnown),
    ).toEqual(['tell me about widgets']);
    const jsgf = toJsgf({ key: 'k', phrases: ['tell me about zyxq widgets', 'zyxq'] }, isKnown);
    expect(jsgf).toContain('( tell me about widgets )');
    expect(jsgf).not.toContain('zyxq');
    expect(jsgf).not.toContain(' um ');
    expect(toJsgf({ key: 'k', phrases: ['zyxq'] }, isKnown)).toBeNull();
  });
});

describe('withoutHesitations', () => {
  it('removes um and uh only', () => {
    expect(withoutHesitations('uh goodbye')).toBe('goodbye');
    expect(withoutHesitations('um hello um')).toBe('hello');
    expect(withoutHesitations('summer uhura')).toBe('summer uhura');
  });
});

describe('buildPhraseGrammar with a large knowledge base', () => {
  it('keeps the same topics whatever order they are listed in', () => {
    const titles = Array.from(
      { length: 400 },
      (_, i) =>
        `Product ${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + Math.floor(i / 26))}`,
    );
    const a = buildPhraseGrammar({ titles, headings: ['Parking'], endCallPhrase: 'bye' });
    const b = buildPhraseGrammar({
      titles: [...titles].reverse(),
      headings: ['Parking'],
      endCallPhrase: 'bye',
    });
    expect(b.key).toBe(a.key);
    expect(a.phrases.length).toBeLessThan(titles.length * 4);
    expect(a.phrases).toContain('tell me about product aa');
  });
});

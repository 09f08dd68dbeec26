import { describe, expect, it } from 'vitest';
import { chunkText } from '../../../src/server/knowledge/chunker.js';

describe('chunkText', () => {
  it('splits sections at headings and keeps the heading path', () => {
    const text = [
      'Intro before any heading.',
      '# Pricing',
      '## Plans ##',
      'Basic is 10 euros.',
      '## Refunds',
      'Refunds take 5 days.',
      '# Empty section',
      '# Contact',
      '### Phone',
      'Call 555 0100.',
    ].join('\n');
    expect(chunkText(text)).toEqual([
      { heading: '', content: 'Intro before any heading.' },
      { heading: 'Pricing › Plans', content: 'Basic is 10 euros.' },
      { heading: 'Pricing › Refunds', content: 'Refunds take 5 days.' },
      { heading: 'Contact › Phone', content: 'Call 555 0100.' },
    ]);
  });

  it('packs whole sentences up to maxChars and repeats the last ones as overlap', () => {
    const text =
      'The clinic opens at eight. Parking is free behind the building. Bring your insurance card. We accept all major cards. Children are seen on Wednesday.';
    expect(chunkText(text, { maxChars: 100, overlapRatio: 0.3 })).toEqual([
      {
        heading: '',
        content:
          'The clinic opens at eight. Parking is free behind the building. Bring your insurance card.',
      },
      {
        heading: '',
        content:
          'Bring your insurance card. We accept all major cards. Children are seen on Wednesday.',
      },
    ]);
  });

  it('repeats no sentence longer than the overlap budget', () => {
    const text =
      'Parking is free behind the building. Bring your insurance card. We open at eight.';
    expect(chunkText(text, { maxChars: 40, overlapRatio: 0.15 })).toEqual([
      { heading: '', content: 'Parking is free behind the building.' },
      { heading: '', content: 'Bring your insurance card.' },
      { heading: '', content: 'We open at eight.' },
    ]);
  });

  it('splits a sentence longer than maxChars at word boundaries, without overlap', () => {
    const text = 'alpha beta gamma delta epsilon zeta eta theta iota kappa. Short one.';
    expect(chunkText(text, { maxChars: 30, overlapRatio: 0.5 })).toEqual([
      { heading: '', content: 'alpha beta gamma delta epsilon' },
      { heading: '', content: 'zeta eta theta iota kappa.' },
      { heading: '', content: 'Short one.' },
    ]);
  });

  it('cuts a single word longer than maxChars', () => {
    const word = `a${'x'.repeat(45)}`;
    expect(chunkText(word, { maxChars: 20 }).map((c) => c.content)).toEqual([
      word.slice(0, 20),
      word.slice(20, 40),
      word.slice(40),
    ]);
  });

  it('keeps line and paragraph breaks inside a chunk and squeezes spaces', () => {
    expect(chunkText('Line   one\nLine two\n\n\n\nNew paragraph.  \n')).toEqual([
      { heading: '', content: 'Line one\nLine two\n\nNew paragraph.' },
    ]);
  });

  it('does not end a sentence before a lower-case word (e.g. abbreviations)', () => {
    const text = 'Bring documents, e.g. your insurance card. Then sit down.';
    expect(chunkText(text, { maxChars: 45, overlapRatio: 0 }).map((c) => c.content)).toEqual([
      'Bring documents, e.g. your insurance card.',
      'Then sit down.',
    ]);
  });

  it('by default makes chunks of at most 800 characters overlapping by whole sentences', () => {
    const sentences = Array.from(
      { length: 60 },
      (_, i) => `Sentence number ${i} talks about topic ${i * 7} at some length.`,
    );
    const chunks = chunkText(sentences.join(' '));
    expect(chunks.length).toBeGreaterThan(3);
    for (const [index, chunk] of chunks.entries()) {
      expect(chunk.content.length).toBeLessThanOrEqual(800);
      expect(chunk.content.length).toBeGreaterThan(500);
      expect(chunk.content).toMatch(/^Sentence number \d+ .*\.$/);
      const next = chunks[index + 1];
      if (!next) continue;
      // The overlap is the longest run of last whole sentences within ~15 % of 800 = 120 characters.
      const ownSentences = chunk.content.split(/(?<=\.) /);
      let overlap = '';
      for (let count = 1; count <= ownSentences.length; count++) {
        const tail = ownSentences.slice(-count).join(' ');
        if (tail.length > 120) break;
        overlap = tail;
      }
      expect(overlap).not.toBe('');
      expect(next.content.startsWith(`${overlap} `)).toBe(true);
      expect(next.content.startsWith(ownSentences.slice(-3).join(' '))).toBe(false);
    }
    const all = chunks.map((c) => c.content).join(' ');
    for (const sentence of sentences) expect(all).toContain(sentence);
  });

  it('returns nothing for blank text and rejects a tiny maxChars', () => {
    expect(chunkText(' \n\n \t')).toEqual([]);
    expect(chunkText('# Only a heading\n')).toEqual([]);
    expect(() => chunkText('text', { maxChars: 5 })).toThrow(RangeError);
  });
});

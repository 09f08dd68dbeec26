import { describe, expect, it } from 'vitest';
import { knowledgeAnswer } from '../../../src/server/chat/knowledge-answer.js';
import type { RetrievedChunk } from '../../../src/server/knowledge/retrieval.js';

const passage = (heading: string, content: string, textRank = 0.8): RetrievedChunk => ({
  chunkId: heading,
  documentId: 'd1',
  documentTitle: 'Handbook',
  heading: `Handbook › ${heading}`,
  content,
  score: 1,
  textRank,
});

const ALIGNERS = passage(
  'Treatments › Invisalign and braces',
  'Our orthodontist offers Invisalign clear aligners as well as fixed braces. Invisalign treatment usually takes 12 to 18 months for adults, with a check every eight weeks. The aligners are worn 22 hours a day.',
);
const FEES = passage(
  'Fees and payment',
  'Our fees follow the Swiss dental tariff. Some typical prices:\n\n- Check-up with examination: CHF 120\n- **Crown**: CHF 1,300 to CHF 1,600\n- In-chair whitening: CHF 550\n\nInvoices are payable within 30 days.',
);
const HOURS = passage(
  'Opening times',
  '| Day | Hours |\n|---|---|\n| Mon–Thu | 7:30–19:00 |\n| Fri | 7:30–16:00 |\n| Sun | closed |\n\nThe front desk answers the phone from 7:15 on weekdays.',
);
const CHIPS = passage(
  'Microchipping',
  'Microchipping is a legal requirement for dogs and cats from eight weeks of age. It costs £25, takes a few seconds and can be done during any consultation.',
);
const EMERGENCIES = passage(
  'Dental emergencies',
  'If you are in severe pain, call us as early as possible: we keep emergency slots free every weekday morning. Outside opening hours, the dental emergency service answers on 044 266 91 91, day and night.',
);

describe('the offline answer keeps the sentences that carry the asked-for fact', () => {
  it('answers "how long" with the sentence holding the duration, not the first one', () => {
    const answer = knowledgeAnswer('How long does Invisalign take?', [ALIGNERS]);
    expect(answer?.text).toContain('12 to 18 months');
    expect(answer?.text).not.toContain('Our orthodontist offers');
  });

  it('answers "how much" with the price from a list, without its markdown', () => {
    const answer = knowledgeAnswer('How much is a crown?', [FEES]);
    expect(answer?.text).toBe('Crown: CHF 1,300 to CHF 1,600.');
  });

  it('reads an opening-hours table as sentences, row by row', () => {
    const answer = knowledgeAnswer('What are your business hours?', [EMERGENCIES, HOURS]);
    expect(answer?.text).toContain('Mon–Thu: 7:30–19:00. Fri: 7:30–16:00. Sun: closed.');
    expect(answer?.text).not.toContain('|');
    expect(answer?.source.heading).toBe('Handbook › Opening times');
  });

  it('adds the sentence with the price when the best-matching one has none', () => {
    const answer = knowledgeAnswer('How much is it to get my cat chipped?', [CHIPS]);
    expect(answer?.text).toContain('It costs £25');
  });

  it('answers from the second passage when its sentence fits the question better', () => {
    const answer = knowledgeAnswer('Who do I call on a Sunday night?', [
      passage('Opening times', HOURS.content, 0.5),
      EMERGENCIES,
    ]);
    expect(answer?.text).toContain('044 266 91 91');
  });

  it('says nothing when the best passage matches too little of the question', () => {
    expect(
      knowledgeAnswer('Do you clean windows?', [passage('Gas', EMERGENCIES.content, 0.2)]),
    ).toBe(null);
    expect(knowledgeAnswer('What are your business hours?', [])).toBe(null);
  });
});

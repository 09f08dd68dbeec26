import { describe, expect, it } from 'vitest';
import { answerSentences } from '../../../src/server/chat/offline-responder.js';

const HOURS =
  'Acme Dental is open Monday to Friday from 8:00 to 18:00 and on Saturday from 9:00 to 13:00. We are closed on Sunday and on public holidays.\nThe reception answers the phone during opening hours. Outside opening hours, please leave a message or use the emergency number below.';

describe('the offline responder picks the sentences that answer', () => {
  it('leads with the section’s first sentence when the heading matches the question', () => {
    const answer = answerSentences(
      'What are your opening hours?',
      HOURS,
      'Practice › Opening hours',
    );
    expect(answer).toContain('Monday to Friday from 8:00 to 18:00');
  });

  it('adds the sentences sharing the question’s words, in their original order', () => {
    const answer = answerSentences('Are you open on Sunday?', HOURS, 'Practice › Opening hours');
    expect(answer).toBe(
      'Acme Dental is open Monday to Friday from 8:00 to 18:00 and on Saturday from 9:00 to 13:00. We are closed on Sunday and on public holidays. The reception answers the phone during opening hours.',
    );
  });

  it('ranks by shared words when the heading says nothing about the question', () => {
    const answer = answerSentences(
      'Is there a number for emergencies?',
      HOURS,
      'Practice › General',
    );
    expect(answer).toBe(
      'Outside opening hours, please leave a message or use the emergency number below.',
    );
  });
});

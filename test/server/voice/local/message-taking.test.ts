import { describe, expect, it } from 'vitest';
import { isShortYes, yesOrNo } from '../../../../src/server/chat/yes-or-no.js';
import {
  MessageTaking,
  messagePhrases,
  spokenName,
  toSecondPerson,
} from '../../../../src/server/voice/providers/local/brain/message-taking.js';
import { callPhrases } from '../../../../src/server/voice/runner/call-phrases.js';

/** Says each line in turn; returns every agent line and the last turn. */
function converse(dialogue: MessageTaking, lines: string[]) {
  const said = [dialogue.offer()];
  let last = null as ReturnType<MessageTaking['hear']> | null;
  for (const line of lines) {
    last = dialogue.hear(line);
    said.push(last.say);
  }
  return { said, last };
}

describe('taking a message without a language model', () => {
  it('on a web call asks name, number, reason and best time, reads them back and saves', () => {
    const { said, last } = converse(new MessageTaking({ callerNumber: null }), [
      'yes please',
      'my name is jane doe',
      'five five five one two three four five six seven',
      'my tooth hurts',
      'tomorrow morning',
      'yes that is right',
    ]);
    expect(said[0]).toBe('All agents are busy. Can I take a message?');
    expect(said[1]).toBe(messagePhrases.askName);
    expect(said[2]).toBe(`Thank you, Jane. ${messagePhrases.askNumber}`);
    expect(said[3]).toBe(messagePhrases.askReason);
    expect(said[4]).toBe(messagePhrases.askBestTime);
    expect(said[5]).toBe(
      "Let me read that back: your name is Jane Doe, we'll call you on 555 123 4567, the reason: your tooth hurts, the best time is tomorrow morning. Is that right?",
    );
    expect(last).toEqual({
      say: "Thank you, Jane. I've passed your message to the team, and someone will call you back. Goodbye!",
      end: true,
      message: {
        name: 'Jane Doe',
        phone: '5551234567',
        reason: 'my tooth hurts',
        bestTime: 'tomorrow morning',
      },
    });
  });

  it('on a phone call reads the caller ID back and keeps it on yes', () => {
    const { said, last } = converse(new MessageTaking({ callerNumber: '+15557654321' }), [
      'yes',
      'this is bob',
      'yes',
      'my bill',
      'any time',
      'yes',
    ]);
    expect(said[2]).toBe('Thank you, Bob. Is +1 555 765 4321 the best number to reach you?');
    expect(last).toMatchObject({ end: true, message: { name: 'Bob', phone: '+15557654321' } });
  });

  it('on a phone call asks for another number when the caller ID is not the one', () => {
    const { said, last } = converse(new MessageTaking({ callerNumber: '+15557654321' }), [
      'yes',
      'bob',
      'no',
      'five five five nine eight seven six',
      'my bill',
      'after five',
      'yes',
    ]);
    expect(said[3]).toBe(messagePhrases.askNumber);
    expect(last).toMatchObject({ message: { phone: '5559876' } });
  });

  it('asks once more for what it did not catch, then moves on without it', () => {
    const { said, last } = converse(new MessageTaking({ callerNumber: null }), [
      'yes',
      'yes',
      'no',
      'one two three',
      'four five',
      'a refund',
      'friday',
      'hmm',
      'well',
    ]);
    expect(said[2]).toBe(messagePhrases.nameAgain);
    expect(said[3]).toBe(messagePhrases.askNumber);
    expect(said[4]).toBe(messagePhrases.numberAgain);
    expect(said[5]).toBe(messagePhrases.askReason);
    expect(said[8]).toBe(messagePhrases.confirmAgain);
    // The name never came; the digits heard are kept as a lead.
    expect(last).toMatchObject({
      end: true,
      message: { name: '', phone: '45', reason: 'a refund', bestTime: 'friday' },
    });
  });

  it('lets the caller correct one field from the read-back', () => {
    const { said, last } = converse(new MessageTaking({ callerNumber: null }), [
      'yes',
      'jane',
      'five five five one two three four',
      'a refund',
      'monday',
      'no',
      'the name',
      'my name is joan',
      'yes',
    ]);
    expect(said[6]).toBe(messagePhrases.correct);
    expect(said[7]).toBe(messagePhrases.askName);
    expect(said[8]).toMatch(/^Let me read that back: your name is Joan,/);
    expect(last).toMatchObject({ end: true, message: { name: 'Joan', phone: '5551234' } });
  });

  it('wants an open answer (heard past a phrase grammar) only where yes or no will not do', () => {
    const dialogue = new MessageTaking({ callerNumber: '+15557654321' });
    const open: boolean[] = [];
    dialogue.offer();
    open.push(dialogue.expectsOpenAnswer);
    for (const line of ['yes', 'bob', 'yes', 'my bill', 'noon']) {
      dialogue.hear(line);
      open.push(dialogue.expectsOpenAnswer);
    }
    // offer, name, confirm the caller ID, reason, best time, read-back
    expect(open).toEqual([false, true, false, true, true, false]);
  });

  it('says a polite goodbye when the caller does not want to leave a message', () => {
    const dialogue = new MessageTaking({ callerNumber: null });
    dialogue.offer();
    expect(dialogue.hear('no thanks')).toEqual({
      say: messagePhrases.declined,
      end: true,
      message: null,
    });
    expect(dialogue.active).toBe(false);
  });

  it('asks again when the offer is not answered, then goes on to the name', () => {
    const { said } = converse(new MessageTaking({ callerNumber: null }), ['hmm', 'what']);
    expect(said.slice(1)).toEqual([messagePhrases.offerAgain, messagePhrases.askName]);
  });

  it('keeps what was given when the caller says goodbye mid-way, and nothing before that', () => {
    const early = new MessageTaking({ callerNumber: '+15557654321' });
    early.offer();
    early.hear('yes');
    expect(early.goodbye()).toBeNull();

    const midway = new MessageTaking({ callerNumber: null });
    midway.offer();
    midway.hear('yes');
    midway.hear('jane doe');
    expect(midway.goodbye()).toEqual({ name: 'Jane Doe', phone: '', reason: '', bestTime: '' });
    expect(midway.active).toBe(false);
  });

  it('reads the caller’s reason back to them in the second person', () => {
    expect(toSecondPerson('I need a new appointment for my son')).toBe(
      'you need a new appointment for your son',
    );
    expect(toSecondPerson("I'm late and I am sorry")).toBe("you're late and you are sorry");
    expect(toSecondPerson('the exam is at 9 am')).toBe('the exam is at 9 am');
  });

  it('hears yes, no, and names in what callers say', () => {
    expect(yesOrNo('yeah sure')).toBe('yes');
    expect(isShortYes('Yes please!')).toBe(true);
    expect(isShortYes('yes and what are your opening hours on Saturday')).toBe(false);
    expect(yesOrNo("no that's not right")).toBe('no');
    expect(yesOrNo('nope')).toBe('no');
    expect(yesOrNo('tomorrow')).toBeNull();
    expect(spokenName("hi i'm mary o'neil")).toBe("Mary O'Neil");
    expect(spokenName('my name is john smith')).toBe('John Smith');
    expect(spokenName('yes')).toBeNull();
    expect(spokenName('i would like to book an appointment for tomorrow')).toBeNull();
    expect(callPhrases.busy).toBe('All agents are busy. Can I take a message?');
  });
});

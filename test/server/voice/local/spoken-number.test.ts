import { describe, expect, it } from 'vitest';
import {
  isCallbackNumber,
  readableNumber,
  spokenDigits,
} from '../../../../src/server/voice/providers/local/brain/spoken-number.js';

describe('spoken phone numbers', () => {
  it('reads digit words, "oh" as zero and numerals the recogniser wrote', () => {
    expect(spokenDigits('five five five one two three four')).toBe('5551234');
    expect(spokenDigits('my number is oh seven nine one one')).toBe('07911');
    expect(spokenDigits('it is 555 12 34')).toBe('5551234');
    expect(spokenDigits('zero one two, three-four five')).toBe('012345');
  });

  it('repeats a digit said "double" or "triple"', () => {
    expect(spokenDigits('double five one triple two')).toBe('551222');
    expect(spokenDigits('double oh seven')).toBe('007');
  });

  it('reads teens, tens and hundreds said the long way', () => {
    expect(spokenDigits('five five five twelve thirty four')).toBe('5551234');
    expect(spokenDigits('twenty twenty')).toBe('2020');
    expect(spokenDigits('eight hundred five five five')).toBe('800555');
  });

  it('keeps a leading plus and ignores the words around the number', () => {
    expect(spokenDigits('plus one five five five')).toBe('+1555');
    expect(spokenDigits('you can reach me on one two three please')).toBe('123');
    expect(spokenDigits('my name is Jane')).toBe('');
  });

  it('takes sound-alikes for digits only among digits', () => {
    expect(spokenDigits('five five for one to three')).toBe('554123');
    expect(spokenDigits('I would like to talk for a minute')).toBe('');
  });

  it('knows a number long enough to call back, and groups one to read it back', () => {
    expect(isCallbackNumber('5551234')).toBe(true);
    expect(isCallbackNumber('555123')).toBe(false);
    expect(readableNumber('+15551234567')).toBe('+1 555 123 4567');
    expect(readableNumber('5551234567')).toBe('555 123 4567');
    expect(readableNumber('+447911123456')).toBe('+447911123456');
  });
});

const DIGITS: Record<string, string> = {
  zero: '0',
  oh: '0',
  o: '0',
  nought: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
};

const TEENS: Record<string, string> = {
  ten: '10',
  eleven: '11',
  twelve: '12',
  thirteen: '13',
  fourteen: '14',
  fifteen: '15',
  sixteen: '16',
  seventeen: '17',
  eighteen: '18',
  nineteen: '19',
};

const TENS: Record<string, string> = {
  twenty: '2',
  thirty: '3',
  forty: '4',
  fifty: '5',
  sixty: '6',
  seventy: '7',
  eighty: '8',
  ninety: '9',
};

/** Words speech-to-text writes for a digit it misheard; taken as digits only next to other digits. */
const SOUND_ALIKES: Record<string, string> = { to: '2', too: '2', for: '4', won: '1', ate: '8' };

const REPEATS: Record<string, number> = { double: 2, triple: 3 };

type Token = { digits: string } | { repeat: number } | { word: string };

function tokenize(text: string): Token[] {
  const words = text
    .toLowerCase()
    .replace(/(\d)/g, ' $1 ')
    .replace(/[^a-z0-9+]+/g, ' ')
    .split(' ')
    .filter(Boolean);
  const tokens: Token[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as string;
    const next = words[i + 1];
    if (/^\d$/.test(word)) tokens.push({ digits: word });
    else if (DIGITS[word]) tokens.push({ digits: DIGITS[word] });
    else if (TEENS[word]) tokens.push({ digits: TEENS[word] });
    else if (TENS[word]) {
      // "twenty three" is 23, "twenty" alone is 20.
      const unit = next ? DIGITS[next] : undefined;
      if (unit && unit !== '0') {
        tokens.push({ digits: `${TENS[word]}${unit}` });
        i++;
      } else tokens.push({ digits: `${TENS[word]}0` });
    } else if (word === 'hundred') tokens.push({ digits: '00' });
    else if (word === 'thousand') tokens.push({ digits: '000' });
    else if (REPEATS[word]) tokens.push({ repeat: REPEATS[word] });
    else tokens.push({ word });
  }
  return tokens;
}

const isDigits = (token: Token | undefined): boolean => Boolean(token && 'digits' in token);

/**
 * The digits of a phone number as a caller says it: "five five five one two
 * three", "oh" for zero, "double five", "twenty three", numerals the
 * recogniser wrote, and a leading "plus". Everything else is ignored, so
 * "my number is ..." reads as the number alone.
 */
export function spokenDigits(text: string): string {
  const tokens = tokenize(text);
  let out = '';
  let plus = false;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as Token;
    if ('digits' in token) {
      // "hundred" / "thousand" only scale a number said before them.
      if (/^0+$/.test(token.digits) && token.digits.length > 1 && !isDigits(tokens[i - 1]))
        continue;
      out += token.digits;
    } else if ('repeat' in token) {
      const next = tokens[i + 1];
      if (next && 'digits' in next && next.digits.length === 1) {
        out += next.digits.repeat(token.repeat);
        i++;
      }
    } else if (token.word === 'plus' && out === '') {
      plus = true;
    } else if (SOUND_ALIKES[token.word] && (isDigits(tokens[i - 1]) || isDigits(tokens[i + 1]))) {
      out += SOUND_ALIKES[token.word];
    }
  }
  return plus && out ? `+${out}` : out;
}

/** Enough digits for a number someone can call back (a local number has seven or more). */
export function isCallbackNumber(digits: string): boolean {
  return digits.replace(/\D/g, '').length >= 7;
}

/**
 * A number as it is read back and shown: E.164 North American numbers in
 * their groups ("+1 555 123 4567"), others as they are. The speech
 * synthesizer reads such groups digit by digit.
 */
export function readableNumber(number: string): string {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(number);
  if (nanp) return `+1 ${nanp[1]} ${nanp[2]} ${nanp[3]}`;
  const local = /^(\d{3})(\d{3})(\d{4})$/.exec(number);
  if (local) return `${local[1]} ${local[2]} ${local[3]}`;
  return number;
}

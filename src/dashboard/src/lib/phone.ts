import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** "+15551234567" → "+1 555 123 4567"; what cannot be parsed is shown as it is. */
export function formatPhoneNumber(value: string | null | undefined, fallback = '—'): string {
  if (!value) return fallback;
  return parsePhoneNumberFromString(value)?.formatInternational() ?? value;
}

/** A number as typed ("+1 (555) 123-4567") in international form, or null when it cannot be one. */
export function internationalPhoneNumber(typed: string): string | null {
  const parsed = parsePhoneNumberFromString(typed.trim());
  return parsed?.isPossible() ? parsed.formatInternational() : null;
}

/**
 * A caller's number as a person reads it: "(555) 123-4567" for North American
 * numbers, "+44 20 7946 0958" for the rest (the company's own country is not known).
 */
export function formatCallerNumber(value: string): string {
  const parsed = parsePhoneNumberFromString(value.startsWith('+') ? value : `+${value}`);
  if (!parsed?.isPossible()) return value;
  return parsed.countryCallingCode === '1' ? parsed.formatNational() : parsed.formatInternational();
}

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

import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** Digits with the separators people type; letters or words around a number are not a number. */
const INTERNATIONAL_FORM = /^(\+|00)[\d\s().\-/]+$/;

/**
 * A phone number typed in any common international form ("+1 (555) 123-4567",
 * "0049 30 1234567") in E.164 ("+15551234567"), or null when it is not one.
 * Possible, not necessarily assigned: Twilio's test and fictional numbers pass.
 */
export function toE164(input: string): string | null {
  const typed = input.trim();
  if (!INTERNATIONAL_FORM.test(typed)) return null;
  const parsed = parsePhoneNumberFromString(typed.replace(/^00/, '+'));
  return parsed?.isPossible() ? parsed.number : null;
}

/** Why `toE164` refused a number, for the form field. */
export const PHONE_NUMBER_PROBLEM =
  'must be an international phone number starting with + or 00 and the country code, e.g. +1 555 123 4567';

/** The number a WhatsApp id stands for: the id is the number's digits without the plus. */
export function numberOfWhatsAppId(id: string | null | undefined): string | null {
  const digits = id?.replace(/\D/g, '') ?? '';
  return digits ? `+${digits}` : null;
}

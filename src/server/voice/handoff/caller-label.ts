import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** "+1 555 123 4567" for a number (WhatsApp ids come without the +), "Web caller" without one. */
export function callerLabel(callerNumber: string | null): string {
  if (!callerNumber) return 'Web caller';
  const parsed = parsePhoneNumberFromString(
    callerNumber.startsWith('+') ? callerNumber : `+${callerNumber}`,
  );
  return parsed?.isPossible() ? parsed.formatInternational() : callerNumber;
}

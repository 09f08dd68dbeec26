/** The call a person would be asked to take. */
export type HumanAvailabilityScope = { companyId: string; chatbotId: string; callId: string };

/** Whether anyone can take this call over now; false sends the caller to taking a message. */
export type HumanAvailability = (scope: HumanAvailabilityScope) => Promise<boolean>;

/**
 * Nobody can join a call yet: there is no presence or live audio hand-off for
 * people, so every escalation that cannot go to a transfer number becomes a
 * message. Presence plugs in here.
 */
export const nobodyAvailable: HumanAvailability = async () => false;

import twilio from 'twilio';
import { TwilioUnreachableError } from './twilio-client.js';

/**
 * What went wrong with a Twilio request, in words for the admin: Twilio's
 * answer (status, error code, message) or why it could not be reached.
 */
export type TwilioFailure =
  | { reached: false; detail: string }
  | { reached: true; status: number; code: number | undefined; detail: string };

const NETWORK_PROBLEMS: Record<string, string> = {
  ECONNREFUSED: 'the connection was refused',
  ECONNRESET: 'the connection was reset',
  ENOTFOUND: 'the host name is unknown',
  EAI_AGAIN: 'the host name could not be resolved',
  ETIMEDOUT: 'it did not answer in time',
  ECONNABORTED: 'it did not answer in time',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
};

export function describeTwilioFailure(error: unknown, host: string): TwilioFailure {
  if (error instanceof twilio.RestException) {
    const code = typeof error.code === 'number' ? error.code : undefined;
    const said = error.message ? `: ${error.message.replace(/\.$/, '')}` : '';
    return {
      reached: true,
      status: error.status,
      code,
      detail: `Twilio answered HTTP ${error.status}${code ? ` (error ${code})` : ''}${said}`,
    };
  }
  const code = error instanceof TwilioUnreachableError ? error.code : undefined;
  const problem = code ? NETWORK_PROBLEMS[code] : undefined;
  return {
    reached: false,
    detail: `Could not reach Twilio at ${host}: ${problem ?? 'the request failed'}`,
  };
}

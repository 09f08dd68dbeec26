import twilio from 'twilio';

/**
 * What went wrong with a Twilio request, in words for the admin. Only the
 * error's status, Twilio code and network code are read: the error object also
 * carries the request, Authorization header included, so it is never logged.
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
  const networkCode = (error as { code?: unknown } | null)?.code;
  const problem = typeof networkCode === 'string' ? NETWORK_PROBLEMS[networkCode] : undefined;
  return {
    reached: false,
    detail: `Could not reach Twilio at ${host}: ${problem ?? 'the request failed'}`,
  };
}

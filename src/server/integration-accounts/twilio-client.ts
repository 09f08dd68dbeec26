import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import type { Config } from '../config.js';

export type TwilioCredentials = { accountSid: string; authToken: string };

/** Twilio answers in well under a second; a dashboard test must not hang on a dead route. */
const TWILIO_TIMEOUT_MS = 10_000;

/**
 * Twilio's own HTTP client, sending every request to `baseUrl` (path and
 * query kept) when one is set, so a gateway or a test fake can stand in for
 * api.twilio.com. A GET whose kept-alive connection the other side had
 * already closed is sent once more: a dropped idle socket is not an outage.
 */
class BuzziRequestClient extends twilio.RequestClient {
  readonly #baseUrl: string | undefined;

  constructor(baseUrl: string | undefined) {
    super({ timeout: TWILIO_TIMEOUT_MS });
    this.#baseUrl = baseUrl?.replace(/\/$/, '');
  }

  override async request<TData>(options: RequestClient.RequestOptions<TData>) {
    const target = new URL(options.uri);
    const uri = this.#baseUrl ? `${this.#baseUrl}${target.pathname}${target.search}` : options.uri;
    try {
      return await super.request<TData>({ ...options, uri });
    } catch (error) {
      if (options.method === 'get' && networkCode(error) === 'ECONNRESET') {
        return super.request<TData>({ ...options, uri }).catch((retried: unknown) => {
          throw new TwilioUnreachableError(networkCode(retried));
        });
      }
      throw new TwilioUnreachableError(networkCode(error));
    }
  }
}

/**
 * Twilio could not be reached. Thrown instead of the HTTP library's error,
 * which carries the request with its Authorization header into any log.
 */
export class TwilioUnreachableError extends Error {
  constructor(readonly code: string | undefined) {
    super(`Twilio could not be reached${code ? ` (${code})` : ''}`);
  }
}

const networkCode = (error: unknown) => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

// One HTTP client per base URL: its keep-alive sockets serve every account's requests.
const httpClients = new Map<string, RequestClient>();

function httpClientFor(baseUrl: string | undefined): RequestClient {
  const key = baseUrl ?? '';
  let client = httpClients.get(key);
  if (!client) {
    client = new BuzziRequestClient(baseUrl);
    httpClients.set(key, client);
  }
  return client;
}

/**
 * The official Twilio REST client for one account, reaching
 * `TWILIO_API_BASE_URL` when it is set. Verification, outbound calls and
 * transfers all go through here. Throws when `accountSid` does not start with AC.
 */
export function twilioClient(
  config: Pick<Config, 'providers'>,
  credentials: TwilioCredentials,
): twilio.Twilio {
  return twilio(credentials.accountSid, credentials.authToken, {
    httpClient: httpClientFor(config.providers.twilioApiBaseUrl),
  });
}

/** Whether a value has the form of an Account SID: AC and 32 hexadecimal digits. */
export const isAccountSid = (value: string) => /^AC[0-9a-f]{32}$/i.test(value);

/** Resolves once Twilio's API answers at all, whatever the status; sends no credentials. */
export async function reachTwilio(config: Pick<Config, 'providers'>): Promise<void> {
  await httpClientFor(config.providers.twilioApiBaseUrl).request({
    method: 'get',
    uri: 'https://api.twilio.com/2010-04-01/Accounts.json',
  });
}

/** The host Twilio requests go to, for messages about reaching it. */
export const twilioApiHost = (config: Pick<Config, 'providers'>) =>
  new URL(config.providers.twilioApiBaseUrl ?? 'https://api.twilio.com').host;

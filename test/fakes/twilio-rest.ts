import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { ServerResponse } from 'node:http';
import { type FakeRequest, sendJson, startFakeServer } from './fake-http-server.js';

export type FakeTwilioNumber = {
  sid: string;
  phoneNumber: string;
  friendlyName: string;
  voiceUrl: string | null;
  voiceMethod: 'GET' | 'POST';
  statusCallback: string | null;
  statusCallbackMethod: 'GET' | 'POST';
};

export type FakeTwilioAccount = {
  sid: string;
  /** Change it to rotate the token: the old one gets 401 from then on. */
  authToken: string;
  friendlyName: string;
  status: 'active' | 'suspended' | 'closed';
  type: 'Trial' | 'Full';
  numbers: FakeTwilioNumber[];
};

export type FakeTwilioCall = {
  sid: string;
  accountSid: string;
  to: string;
  from: string;
  status: 'queued' | 'ringing' | 'in-progress' | 'completed' | 'canceled';
  /** The form the call was created with (To, From, Url or Twiml, StatusCallback, StatusCallbackEvent …). */
  created: URLSearchParams;
  /** Each update's form (Twiml, Url, Status …), in order. */
  updates: URLSearchParams[];
};

/** One request as Twilio received it, decoded. */
export type TwilioApiRequest = {
  method: string;
  path: string;
  query: URLSearchParams;
  /** The HTTP Basic credentials sent, if any. */
  auth: { username: string; password: string } | null;
  /** The form-encoded body (empty for GET). */
  form: URLSearchParams;
};

export type NewFakeNumber = Partial<FakeTwilioNumber> & { phoneNumber: string };

export type NewFakeAccount = Partial<Omit<FakeTwilioAccount, 'numbers'>> & {
  numbers?: NewFakeNumber[];
};

export type FakeTwilioRest = {
  /** The base URL to give Buzzi as TWILIO_API_BASE_URL. */
  url: string;
  accounts: Map<string, FakeTwilioAccount>;
  requests: TwilioApiRequest[];
  calls: Map<string, FakeTwilioCall>;
  /** `callCreated` and `callUpdated` fire after the answer is sent, so a test can act like Twilio next. */
  events: EventEmitter<{ callCreated: [FakeTwilioCall]; callUpdated: [FakeTwilioCall] }>;
  addAccount(account?: NewFakeAccount): FakeTwilioAccount;
  close(): Promise<void>;
};

const API_VERSION = '2010-04-01';
const ACCOUNTS_PATH = /^\/2010-04-01\/Accounts\/([^/]+?)(?:\/(.+))?\.json$/;

/** A Twilio-style SID: two letters and 32 hex digits. */
export const twilioSid = (prefix: 'AC' | 'PN' | 'CA') =>
  `${prefix}${randomBytes(16).toString('hex')}`;

export const newAuthToken = () => randomBytes(16).toString('hex');

/** RFC 2822 dates, as every Twilio 2010-04-01 resource carries them. */
const rfc2822 = (date = new Date()) => date.toUTCString().replace('GMT', '+0000');

function sendTwilioError(
  response: ServerResponse,
  status: number,
  code: number,
  message: string,
): void {
  if (status === 401) response.setHeader('WWW-Authenticate', 'Basic realm="Twilio API"');
  sendJson(response, status, {
    code,
    message,
    more_info: `https://www.twilio.com/docs/errors/${code}`,
    status,
  });
}

function basicAuth(request: FakeRequest): TwilioApiRequest['auth'] {
  const encoded = /^Basic (\S+)$/.exec(request.headers.authorization ?? '')?.[1];
  if (!encoded) return null;
  const decoded = Buffer.from(encoded, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

function accountJson(account: FakeTwilioAccount) {
  const uri = `/${API_VERSION}/Accounts/${account.sid}`;
  return {
    auth_token: account.authToken,
    date_created: rfc2822(),
    date_updated: rfc2822(),
    friendly_name: account.friendlyName,
    owner_account_sid: account.sid,
    sid: account.sid,
    status: account.status,
    subresource_uris: {
      calls: `${uri}/Calls.json`,
      incoming_phone_numbers: `${uri}/IncomingPhoneNumbers.json`,
    },
    type: account.type,
    uri: `${uri}.json`,
  };
}

function numberJson(account: FakeTwilioAccount, number: FakeTwilioNumber) {
  return {
    account_sid: account.sid,
    address_requirements: 'none',
    address_sid: null,
    api_version: API_VERSION,
    beta: false,
    bundle_sid: null,
    capabilities: { fax: false, mms: true, sms: true, voice: true },
    date_created: rfc2822(),
    date_updated: rfc2822(),
    emergency_address_sid: null,
    emergency_address_status: 'unregistered',
    emergency_status: 'Inactive',
    friendly_name: number.friendlyName,
    identity_sid: null,
    origin: 'twilio',
    phone_number: number.phoneNumber,
    sid: number.sid,
    sms_application_sid: null,
    sms_fallback_method: 'POST',
    sms_fallback_url: null,
    sms_method: 'POST',
    sms_url: null,
    status: 'in-use',
    status_callback: number.statusCallback,
    status_callback_method: number.statusCallbackMethod,
    trunk_sid: null,
    uri: `/${API_VERSION}/Accounts/${account.sid}/IncomingPhoneNumbers/${number.sid}.json`,
    voice_application_sid: null,
    voice_caller_id_lookup: false,
    voice_fallback_method: 'POST',
    voice_fallback_url: null,
    voice_method: number.voiceMethod,
    voice_receive_mode: 'voice',
    voice_url: number.voiceUrl,
  };
}

function callJson(call: FakeTwilioCall, numberSid: string | null) {
  const uri = `/${API_VERSION}/Accounts/${call.accountSid}/Calls/${call.sid}`;
  return {
    account_sid: call.accountSid,
    annotation: null,
    answered_by: null,
    api_version: API_VERSION,
    caller_name: null,
    date_created: rfc2822(),
    date_updated: rfc2822(),
    direction: 'outbound-api',
    duration: null,
    end_time: null,
    forwarded_from: null,
    from: call.from,
    from_formatted: call.from,
    group_sid: null,
    parent_call_sid: null,
    phone_number_sid: numberSid,
    price: null,
    price_unit: 'USD',
    queue_time: '0',
    sid: call.sid,
    start_time: null,
    status: call.status,
    subresource_uris: { recordings: `${uri}/Recordings.json` },
    to: call.to,
    to_formatted: call.to,
    trunk_sid: null,
    uri: `${uri}.json`,
  };
}

/** Twilio matches the PhoneNumber filter on digits, so `+1 555…` and `1555…` find the same number. */
const digitsOf = (phoneNumber: string) => phoneNumber.replace(/\D/g, '');

/**
 * Twilio's REST API (2010-04-01) as far as Buzzi uses it, over real HTTP:
 * HTTP Basic auth with AccountSid:AuthToken, the account, its incoming phone
 * numbers (Twilio's list envelope), and calls (create, update, fetch) with
 * form-encoded bodies and JSON answers. Accounts, tokens and numbers are plain
 * objects tests may change between requests.
 */
export async function startFakeTwilio(): Promise<FakeTwilioRest> {
  const accounts = new Map<string, FakeTwilioAccount>();
  const calls = new Map<string, FakeTwilioCall>();
  const requests: TwilioApiRequest[] = [];
  const events: FakeTwilioRest['events'] = new EventEmitter();

  const listNumbers = (
    account: FakeTwilioAccount,
    request: TwilioApiRequest,
    response: ServerResponse,
  ) => {
    const filter = request.query.get('PhoneNumber');
    const pageSize = Math.min(Number(request.query.get('PageSize') ?? 50) || 50, 1000);
    const page = Number(request.query.get('Page') ?? 0) || 0;
    const matching = account.numbers.filter(
      (n) => !filter || digitsOf(n.phoneNumber).includes(digitsOf(filter)),
    );
    const listUri = `/${API_VERSION}/Accounts/${account.sid}/IncomingPhoneNumbers.json`;
    const pageUri = (p: number) => {
      const query = new URLSearchParams(filter ? { PhoneNumber: filter } : {});
      query.set('PageSize', String(pageSize));
      query.set('Page', String(p));
      return `${listUri}?${query}`;
    };
    const start = page * pageSize;
    const items = matching.slice(start, start + pageSize);
    sendJson(response, 200, {
      end: start + Math.max(items.length - 1, 0),
      first_page_uri: pageUri(0),
      incoming_phone_numbers: items.map((n) => numberJson(account, n)),
      next_page_uri: start + pageSize < matching.length ? pageUri(page + 1) : null,
      page,
      page_size: pageSize,
      previous_page_uri: page > 0 ? pageUri(page - 1) : null,
      start,
      uri: pageUri(page),
    });
  };

  const createCall = (
    account: FakeTwilioAccount,
    request: TwilioApiRequest,
    response: ServerResponse,
  ) => {
    const { form } = request;
    const to = form.get('To');
    const from = form.get('From');
    if (!to) return sendTwilioError(response, 400, 21201, "No 'To' number is specified");
    if (!from) return sendTwilioError(response, 400, 21603, "A 'From' phone number is required.");
    const instructions = ['Url', 'Twiml', 'ApplicationSid'].filter((key) => form.has(key));
    if (instructions.length !== 1) {
      return sendTwilioError(
        response,
        400,
        21205,
        'Exactly one of Url, Twiml or ApplicationSid is required.',
      );
    }
    const number = account.numbers.find((n) => digitsOf(n.phoneNumber) === digitsOf(from));
    if (!number) {
      return sendTwilioError(
        response,
        400,
        21210,
        `The source phone number provided, ${from}, is not yet verified for your account. You may only make calls from phone numbers that you've verified or purchased from Twilio.`,
      );
    }
    const call: FakeTwilioCall = {
      sid: twilioSid('CA'),
      accountSid: account.sid,
      to,
      from,
      status: 'queued',
      created: form,
      updates: [],
    };
    calls.set(call.sid, call);
    sendJson(response, 201, callJson(call, number.sid));
    events.emit('callCreated', call);
  };

  const updateCall = (
    call: FakeTwilioCall,
    request: TwilioApiRequest,
    response: ServerResponse,
  ) => {
    const { form } = request;
    if (form.has('Url') && form.has('Twiml')) {
      return sendTwilioError(response, 400, 21220, 'Url and Twiml are mutually exclusive.');
    }
    const status = form.get('Status');
    if (status === 'completed' || status === 'canceled') call.status = status;
    call.updates.push(form);
    sendJson(response, 200, callJson(call, null));
    events.emit('callUpdated', call);
  };

  const handle = (request: FakeRequest, response: ServerResponse) => {
    const apiRequest: TwilioApiRequest = {
      method: request.method,
      path: request.path,
      query: request.query,
      auth: basicAuth(request),
      form: new URLSearchParams(request.method === 'GET' ? '' : request.rawBody),
    };
    requests.push(apiRequest);
    const { auth } = apiRequest;
    const authenticated = auth ? accounts.get(auth.username) : undefined;
    if (!auth || !authenticated || authenticated.authToken !== auth.password) {
      return sendTwilioError(response, 401, 20003, 'Authenticate');
    }
    const notFound = () =>
      sendTwilioError(response, 404, 20404, `The requested resource ${request.path} was not found`);
    const [, accountSid, resource] = ACCOUNTS_PATH.exec(request.path) ?? [];
    if (accountSid !== authenticated.sid) return notFound();
    const account = authenticated;
    if (request.method === 'GET' && resource === undefined) {
      return sendJson(response, 200, accountJson(account));
    }
    if (request.method === 'GET' && resource === 'IncomingPhoneNumbers') {
      return listNumbers(account, apiRequest, response);
    }
    if (resource === 'Calls' || resource?.startsWith('Calls/')) {
      if (account.status !== 'active') {
        return sendTwilioError(response, 401, 20005, 'Account not active');
      }
      if (request.method === 'POST' && resource === 'Calls') {
        return createCall(account, apiRequest, response);
      }
      const call = calls.get(resource.slice('Calls/'.length));
      if (!call || call.accountSid !== account.sid) return notFound();
      if (request.method === 'POST') return updateCall(call, apiRequest, response);
      if (request.method === 'GET') return sendJson(response, 200, callJson(call, null));
    }
    return notFound();
  };

  const server = await startFakeServer({
    'GET /2010-04-01/Accounts/*': handle,
    'POST /2010-04-01/Accounts/*': handle,
  });

  return {
    url: server.url,
    accounts,
    requests,
    calls,
    events,
    addAccount: ({ numbers = [], ...fields } = {}) => {
      const account: FakeTwilioAccount = {
        sid: twilioSid('AC'),
        authToken: newAuthToken(),
        friendlyName: 'My first Twilio account',
        status: 'active',
        type: 'Full',
        ...fields,
        numbers: numbers.map((n) => ({
          sid: twilioSid('PN'),
          friendlyName: n.phoneNumber,
          voiceUrl: null,
          voiceMethod: 'POST',
          statusCallback: null,
          statusCallbackMethod: 'POST',
          ...n,
        })),
      };
      accounts.set(account.sid, account);
      return account;
    },
    close: server.close,
  };
}

import { randomBytes, randomInt } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import {
  type FakeRequest,
  type FakeServer,
  sendJson,
  startFakeServer,
} from '../fakes/fake-http-server.js';

/** A WhatsApp Business number as the fake Graph API knows it. */
export type FakeWhatsAppNumber = {
  phoneNumberId: string;
  businessAccountId: string;
  /** E.164. */
  phoneNumber: string;
  accessToken: string;
  appSecret: string;
  callingStatus: 'ENABLED' | 'DISABLED';
};

/** One POST /{phone_number_id}/calls as Buzzi sent it. */
export type CallAction = {
  phoneNumberId: string;
  authorization: string | undefined;
  body: {
    messaging_product?: string;
    call_id?: string;
    action?: string;
    session?: { sdp_type?: string; sdp?: string };
  };
};

export type FakeGraphApi = FakeServer & {
  addNumber(overrides?: Partial<FakeWhatsAppNumber>): FakeWhatsAppNumber;
  actions: CallAction[];
  /** Resolves with the first action `action` for `callId` (already sent or still to come). */
  waitForAction(callId: string, action: string, timeoutMs?: number): Promise<CallAction>;
};

const VERSION_PREFIX = /^\/v\d+\.\d+\//;

const graphError = (response: ServerResponse, status: number, code: number, message: string) =>
  sendJson(response, status, {
    error: { message, type: 'OAuthException', code, fbtrace_id: 'AbCdEf' },
  });

/**
 * A local Graph API that speaks Meta's wire format for what Buzzi uses of it:
 * the phone number resource, its settings (calling status), and the calls
 * actions (pre_accept, accept, reject, terminate), which it records.
 */
export async function startFakeGraphApi(): Promise<FakeGraphApi> {
  const numbers = new Map<string, FakeWhatsAppNumber>();
  const actions: CallAction[] = [];
  const waiters: Array<() => void> = [];

  const authorised = (request: FakeRequest, response: ServerResponse, id: string) => {
    const number = numbers.get(id);
    const token = String(request.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!number) {
      graphError(
        response,
        400,
        100,
        `Unsupported get request. Object with ID '${id}' does not exist`,
      );
      return null;
    }
    if (token !== number.accessToken) {
      graphError(response, 401, 190, 'Invalid OAuth access token - Cannot parse access token');
      return null;
    }
    return number;
  };

  const handle = (request: FakeRequest, response: ServerResponse) => {
    const [id = '', edge] = request.path.replace(VERSION_PREFIX, '').split('/');
    const number = authorised(request, response, id);
    if (!number) return;
    if (request.method === 'GET' && edge === undefined) {
      sendJson(response, 200, {
        id,
        display_phone_number: number.phoneNumber.replace(/^\+/, ''),
        verified_name: 'Buzzi Test Business',
        quality_rating: 'GREEN',
      });
      return;
    }
    if (request.method === 'GET' && edge === 'settings') {
      sendJson(response, 200, { calling: { status: number.callingStatus } });
      return;
    }
    if (request.method === 'POST' && edge === 'calls') {
      actions.push({
        phoneNumberId: id,
        authorization: request.headers.authorization,
        body: request.body as CallAction['body'],
      });
      for (const wake of waiters.splice(0)) wake();
      sendJson(response, 200, { messaging_product: 'whatsapp', success: true });
      return;
    }
    graphError(response, 400, 100, 'Unknown path components');
  };

  const server = await startFakeServer({ 'GET /*': handle, 'POST /*': handle });
  return {
    ...server,
    actions,
    addNumber(overrides = {}) {
      const number: FakeWhatsAppNumber = {
        phoneNumberId: String(randomInt(100_000_000_000_000, 200_000_000_000_000)),
        businessAccountId: String(randomInt(100_000_000_000_000, 200_000_000_000_000)),
        phoneNumber: `+1555${String(randomInt(10_000_000)).padStart(7, '0')}`,
        accessToken: `EAAG${randomBytes(24).toString('hex')}`,
        appSecret: randomBytes(16).toString('hex'),
        callingStatus: 'ENABLED',
        ...overrides,
      };
      numbers.set(number.phoneNumberId, number);
      return number;
    },
    async waitForAction(callId, action, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = actions.find((a) => a.body.call_id === callId && a.body.action === action);
        if (found) return found;
        const left = deadline - Date.now();
        if (left <= 0) {
          throw new Error(
            `no ${action} for ${callId}; actions: ${actions.map((a) => a.body.action).join(', ')}`,
          );
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, left);
          waiters.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    },
  };
}

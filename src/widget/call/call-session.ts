import type { CallSession } from './call-protocol';
import type { CallState } from './call-types';

type SessionRefusal = Extract<CallState, { status: 'failed' | 'unavailable' }>;

export type SessionResult =
  | { ok: true; session: CallSession; issuedAt: number }
  | { ok: false; state: SessionRefusal };

type ErrorBody = { error?: unknown; message?: unknown };

export const UNABLE_TO_CONNECT = 'Unable to connect';

// The server's messages are written for the company's admins ("ask your
// platform administrator…"); a website visitor gets these instead.
const UNAVAILABLE = 'Voice calls are temporarily unavailable. Please try again later.';
export const LINES_BUSY = 'All our lines are busy right now. Please try again in a few minutes.';
const TOO_MANY_ATTEMPTS = 'Too many call attempts. Please wait a minute and try again.';

/** Asks the server for a call session; every failure becomes the state the call screen shows. */
export async function requestCallSession(
  apiBase: string,
  chatbotId: string,
): Promise<SessionResult> {
  let response: Response;
  try {
    response = await fetch(`${apiBase}/api/widget/call/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ chatbotId }),
    });
  } catch {
    return failed('network_error');
  }
  if (response.status === 201) {
    try {
      return { ok: true, session: (await response.json()) as CallSession, issuedAt: Date.now() };
    } catch {
      return failed('invalid_response');
    }
  }
  const body = await errorBody(response);
  const code = typeof body.error === 'string' ? body.error : `http_${response.status}`;
  return { ok: false, state: sessionRefusal(response.status, code) };
}

/** Stores the caller's 1–5 star rating of an ended call. */
export async function rateCall(
  apiBase: string,
  session: CallSession,
  stars: number,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`${apiBase}/api/widget/call/${session.sessionId}/rating`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
      body: JSON.stringify({ rating: stars }),
    });
  } catch {
    throw new Error('Your rating could not be sent. Please check your connection.');
  }
  if (response.ok) return;
  const body = await errorBody(response);
  throw new Error(
    typeof body.message === 'string' ? body.message : 'Your rating could not be saved.',
  );
}

/** Cancels a session whose socket never opened (the caller gave up while it was being set up). */
export function cancelCallSession(apiBase: string, session: CallSession): void {
  // The token rides in the query: a request without custom headers needs no CORS preflight,
  // which `keepalive` requests may not get while the page unloads.
  const token = encodeURIComponent(session.token);
  void fetch(`${apiBase}/api/widget/call/${session.sessionId}/end?token=${token}`, {
    method: 'POST',
    keepalive: true,
  }).catch(() => {});
}

function sessionRefusal(status: number, code: string): SessionRefusal {
  if (code === 'call_limit_reached') return { status: 'unavailable', message: LINES_BUSY };
  if (status === 429) return { status: 'unavailable', message: TOO_MANY_ATTEMPTS };
  if (status === 403 || status === 404 || status === 409) {
    return { status: 'unavailable', message: UNAVAILABLE };
  }
  return { status: 'failed', code, message: UNABLE_TO_CONNECT };
}

function failed(code: string): SessionResult {
  return { ok: false, state: { status: 'failed', code, message: UNABLE_TO_CONNECT } };
}

async function errorBody(response: Response): Promise<ErrorBody> {
  try {
    return ((await response.json()) as ErrorBody | null) ?? {};
  } catch {
    return {};
  }
}

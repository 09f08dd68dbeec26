import {
  connectErrorCodeForStatus,
  ProviderConnectError,
  type ProviderConnectErrorCode,
} from '../connect-with-retry.js';

const AUTH_WORDING = /api key|unregistered caller|permission|unauthenticated|credential/i;
const QUOTA_WORDING = /quota|resource.?exhausted|rate limit/i;

/**
 * Gemini reports most failures as a WebSocket close code with a reason: a
 * bad key closes with 1007 "API key not valid. Please pass a valid API key.",
 * a missing one with 1008 "…unregistered callers…", an unknown model or a
 * bad setup with 1007/1008, a spent quota and internal errors with 1011.
 */
export function codeForClose(code: number, reason: string): ProviderConnectErrorCode {
  if ((code === 1007 || code === 1008) && AUTH_WORDING.test(reason)) return 'auth_failed';
  if (QUOTA_WORDING.test(reason)) return 'rate_limited';
  if (code === 1007 || code === 1008) return 'rejected';
  if (code === 1011 || code === 1012 || code === 1013 || code === 1014) return 'server_error';
  return 'closed';
}

/** The close frame that ended a connection → what connect() rejects with / the error event says. */
export function errorForClose(code: number, reason: string): ProviderConnectError {
  const said = reason ? `: ${reason}` : '';
  return new ProviderConnectError(
    codeForClose(code, reason),
    `Gemini Live closed the connection (${code})${said}`,
  );
}

export function errorForUpgradeStatus(status: number): ProviderConnectError {
  return new ProviderConnectError(
    connectErrorCodeForStatus(status),
    `Gemini Live refused the WebSocket upgrade (HTTP ${status})`,
    status,
  );
}

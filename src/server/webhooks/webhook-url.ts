import { isIP } from 'node:net';
import { invalid } from '../http/errors.js';
import { bareHost, isInternalAddress } from './webhook-address.js';

const LOCAL_NAMES = /^(localhost|.*\.localhost|.*\.local|.*\.internal)$/i;

/**
 * Checks an endpoint URL as it is saved. By default only https to a public
 * host; with `allowPrivateUrls` also http and internal addresses. Names are
 * checked again when each delivery connects (webhook-address.ts).
 */
export function checkWebhookUrl(raw: string, allowPrivateUrls: boolean): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid('url', 'must be a full URL such as https://example.com/webhooks/buzzi');
  }
  if (url.username || url.password)
    throw invalid('url', 'must not contain a user name or password');
  if (allowPrivateUrls) {
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw invalid('url', 'must start with https:// or http://');
    return url.toString();
  }
  if (url.protocol !== 'https:') throw invalid('url', 'must start with https://');
  const host = bareHost(url.hostname);
  const internalHost = isIP(host) ? isInternalAddress(host) : LOCAL_NAMES.test(host);
  if (internalHost)
    throw invalid('url', 'must point to a public address, not a local or private one');
  return url.toString();
}

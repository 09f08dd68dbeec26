import { describe, expect, it } from 'vitest';
import {
  isInternalAddress,
  publicOnlyLookup,
} from '../../../src/server/webhooks/webhook-address.js';
import { postWebhook } from '../../../src/server/webhooks/webhook-post.js';

// What keeps a company's webhook from reaching into the server's own network.

describe('isInternalAddress', () => {
  it.each([
    '127.0.0.1',
    '10.0.0.8',
    '172.20.1.1',
    '192.168.1.10',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fd00::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    'not-an-ip',
  ])('%s is internal', (address) => {
    expect(isInternalAddress(address)).toBe(true);
  });

  it.each(['93.184.215.14', '8.8.8.8', '2606:4700:4700::1111'])('%s is public', (address) => {
    expect(isInternalAddress(address)).toBe(false);
  });
});

describe('publicOnlyLookup', () => {
  it('refuses a name that resolves to an internal address at connect time', async () => {
    const error = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
      publicOnlyLookup('localhost', {}, (err) => resolve(err)),
    );
    expect(error?.code).toBe('EWEBHOOKADDRESS');
  });

  it('so a delivery to such a name fails without connecting', async () => {
    const result = await postWebhook({
      url: 'https://localhost:9/hooks',
      body: '{}',
      headers: {},
      timeoutMs: 2000,
      allowPrivateUrls: false,
    });
    expect(result).toEqual({
      ok: false,
      status: null,
      body: 'The address is not a public internet address',
    });
  });
});

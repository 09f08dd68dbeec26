import { z } from 'zod';

/**
 * An address the dashboard and the widget load (an image, a link): http(s)
 * only, since `javascript:` and `data:` URLs run or smuggle content in the page.
 */
export const webUrl = z.url({
  protocol: /^https?$/,
  error: 'must be an http:// or https:// address',
});

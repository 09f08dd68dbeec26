import type { ClientOptions } from 'ws';

/**
 * How every realtime provider's WebSocket is opened. Audio is base64 text
 * that does not compress, so permessage-deflate would only burn CPU on every
 * frame. The masking key is zero: RFC 6455 asks clients to mask so that a
 * script in a browser cannot shape the bytes a proxy in the path sees; this
 * client is a server sending JSON over TLS, where masking protects nothing,
 * and a zero key lets `ws` skip the XOR pass over every message (the frame
 * stays valid: servers unmask with whatever key the frame carries).
 */
export const providerSocketOptions: ClientOptions = {
  perMessageDeflate: false,
  generateMask: (mask) => mask.fill(0),
};

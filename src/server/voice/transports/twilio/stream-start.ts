import type { Logger } from 'pino';
import type { RawData, WebSocket } from 'ws';
import { BadFrameLimiter } from '../bad-frame-limiter.js';
import { parseTwilioMessage, type StreamStart } from './media-messages.js';
import { type StreamTransport, TwilioLeg } from './twilio-leg.js';

export type StreamStartOptions = {
  socket: WebSocket;
  /** The connection under the socket (the upgrade request's), see TwilioLegOptions. */
  transport?: StreamTransport;
  logger: Logger;
  /** Told once, with the leg that now owns the socket; nothing is told when the stream never starts. */
  onStart(leg: TwilioLeg, start: StreamStart): void;
  timeoutMs?: number;
  badMessages?: { maxBadFrames: number; windowMs: number };
};

const POLICY_VIOLATION = 1008;
const START_TIMEOUT_MS = 10_000;
const DEFAULT_BAD_MESSAGES = { maxBadFrames: 5, windowMs: 10_000 };

/**
 * Reads a new Media Stream socket up to its `start` message (after
 * `connected`), which names the call. The socket goes to a TwilioLeg in the
 * same tick, so audio right behind `start` is not missed. A stream that sends
 * garbage, or no `start` in time, is closed.
 */
export function awaitStreamStart(options: StreamStartOptions): void {
  const { socket, logger } = options;
  const badMessages = new BadFrameLimiter(options.badMessages ?? DEFAULT_BAD_MESSAGES);
  const refuse = (reason: string) => {
    stop();
    logger.warn({ reason }, 'twilio media stream closed before it started');
    socket.close(POLICY_VIOLATION, reason);
  };
  const timer = setTimeout(() => refuse('no_start'), options.timeoutMs ?? START_TIMEOUT_MS);
  const onMessage = (data: RawData, isBinary: boolean) => {
    const message = isBinary ? null : parseTwilioMessage(data.toString());
    if (message?.kind === 'connected') return;
    if (message?.kind === 'start') {
      stop();
      const leg = new TwilioLeg({
        socket,
        transport: options.transport,
        streamSid: message.start.streamSid,
        logger,
      });
      options.onStart(leg, message.start);
      return;
    }
    if (badMessages.record()) refuse('invalid_messages');
  };
  const stop = () => {
    clearTimeout(timer);
    socket.off('message', onMessage);
    socket.off('close', stop);
  };
  socket.on('message', onMessage);
  socket.on('close', stop);
}

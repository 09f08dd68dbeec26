import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { errorSerializer, requestSerializer } from './log-serializers.js';

// Credentials and session material must never reach a log line.
const redact = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*.passwordHash',
  '*.token',
  '*.apiKey',
  '*.credentials',
];

/**
 * The production logger. `destination` is where JSON lines go (stdout by
 * default); tests pass a stream to read what the server would have logged.
 */
export function createLogger(
  level: string,
  pretty = process.stdout.isTTY,
  destination?: DestinationStream,
): Logger {
  const options: LoggerOptions = {
    level,
    redact,
    serializers: { req: requestSerializer, err: errorSerializer },
    ...(pretty && !destination
      ? {
          transport: {
            target: 'pino-pretty',
            options: { ignore: 'pid,hostname', translateTime: 'HH:MM:ss' },
          },
        }
      : {}),
  };
  return destination ? pino(options, destination) : pino(options);
}

/** Every line a node writes names it (`NODE_ID`): a cluster's logs interleave. */
export function nodeLogger(logger: Logger, nodeId: string): Logger {
  return logger.bindings().nodeId === nodeId ? logger : logger.child({ nodeId });
}

/** What every log line of one call carries beside its node's id, so logs can be cut by call. */
export type CallLogBindings = { callId: string; companyId: string };

/**
 * The logger of one call, from its node's logger (so with `nodeId` too):
 * built once where the call starts, and passed down instead of the app's.
 */
export function callLogger(logger: Logger, bindings: CallLogBindings): Logger {
  return logger.child({ callId: bindings.callId, companyId: bindings.companyId });
}

/**
 * `logger`, keeping what `previous` bound beside it (a transport's own ids,
 * such as its session or Call SID), without binding a key twice.
 */
export function withBindingsOf(logger: Logger, previous: Logger): Logger {
  const has = logger.bindings();
  const kept = Object.entries(previous.bindings()).filter(([key]) => !(key in has));
  return kept.length > 0 ? logger.child(Object.fromEntries(kept)) : logger;
}

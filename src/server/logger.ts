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

import { stdSerializers } from 'pino';

/** Paths whose segment after the prefix is a credential (invitation links). */
const TOKEN_PATHS = [/^(\/api\/auth\/invites\/)[^/]+/, /^(\/invite\/)[^/]+/];

/**
 * The URL of a request line: the path only (query strings carry call socket
 * tokens) with path tokens replaced, e.g. `/api/auth/invites/[redacted]/accept`.
 */
export function loggedUrl(url: string): string {
  let pathname = url.split('?')[0] ?? '';
  for (const pattern of TOKEN_PATHS) pathname = pathname.replace(pattern, '$1[redacted]');
  return pathname;
}

export const requestSerializer = (req: { method: string; url: string; ip?: string }) => ({
  method: req.method,
  url: loggedUrl(req.url),
  ip: req.ip,
});

// Drizzle writes a failed query's parameters into its message ("…\nparams: a,b");
// database errors name the offending values in `detail` and in quoted message tails.
const PARAMS_TAIL = /\nparams: [\s\S]*$/;
const QUOTED_VALUE_TAIL = /: ".*"$/s;
const VALUE_KEYS = new Set(['params', 'parameters', 'detail', 'where', 'internalQuery']);

type ErrorLike = Error & { query?: unknown; params?: unknown; code?: unknown; cause?: unknown };

/**
 * Errors as pino logs them, minus query parameters: anywhere an error is
 * logged under `err` (request failures, background jobs), a failed query
 * shows its SQL, the database's code and constraint, never the values.
 */
export function errorSerializer(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(PARAMS_TAIL, '');
  if (!(value instanceof Error)) return value;
  const failedQuery = chain(value).find((e) => 'params' in e && typeof e.query === 'string');
  if (!failedQuery) return withoutValues(stdSerializers.err(value));
  const database = chain(value).find((e) => e !== failedQuery && typeof e.code === 'string');
  const fields = (database ?? {}) as Record<string, unknown>;
  return {
    type: value.constructor.name,
    message: [
      `Failed query: ${failedQuery.query as string}`,
      database?.message.replace(QUOTED_VALUE_TAIL, ': [redacted]'),
    ]
      .filter(Boolean)
      .join(': '),
    code: fields.code,
    constraint: fields.constraint,
    table: fields.table,
    column: fields.column,
    stack: stackFrames(value.stack),
  };
}

/** An error for a person's terminal (a failed start), with the same values left out as in logs. */
export function errorForConsole(error: unknown): string {
  const shown = errorSerializer(error);
  if (typeof shown !== 'object' || shown === null) return String(shown);
  const { message, stack } = shown as { message?: unknown; stack?: unknown };
  return [message, stack].filter((part) => typeof part === 'string' && part !== '').join('\n');
}

function chain(error: Error): ErrorLike[] {
  const errors: ErrorLike[] = [];
  for (let e: unknown = error; e instanceof Error && errors.length < 10; e = e.cause) {
    errors.push(e as ErrorLike);
  }
  return errors;
}

function withoutValues(serialized: ReturnType<typeof stdSerializers.err>) {
  const copy: Record<string, unknown> = { ...serialized };
  for (const key of VALUE_KEYS) delete copy[key];
  if (typeof copy.message === 'string') copy.message = copy.message.replace(PARAMS_TAIL, '');
  if (typeof copy.stack === 'string') copy.stack = stackFrames(copy.stack);
  return copy;
}

/** The call frames of a stack, without its first lines (they repeat the message). */
function stackFrames(stack: string | undefined): string | undefined {
  return stack
    ?.split('\n')
    .filter((line) => line.startsWith('    at '))
    .join('\n');
}

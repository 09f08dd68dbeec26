import type { FastifyInstance } from 'fastify';
import { AppError, type FieldErrors } from './errors.js';

const NUL = '\u0000';
export const NUL_MESSAGE = 'must not contain NUL characters';

/**
 * Dotted paths of every string (or object key) in `value` that holds U+0000,
 * named like validation errors (`settings.widget.title`, `tags.0`). PostgreSQL
 * cannot store NUL in text or jsonb, so such input must never reach a query.
 */
export function nulPaths(value: unknown, path = ''): string[] {
  // A stack instead of recursion: a 1 MB body can nest 500,000 levels deep.
  const found: string[] = [];
  const pending: Array<[unknown, string]> = [[value, path]];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const [item, itemPath] = next;
    if (typeof item === 'string') {
      if (item.includes(NUL)) found.push(itemPath);
    } else if (item !== null && typeof item === 'object') {
      // Pushed last to first, so fields are reported in the order they were sent.
      for (const [key, child] of Object.entries(item).reverse()) {
        const childPath = itemPath ? `${itemPath}.${key}` : key;
        if (key.includes(NUL)) found.push(childPath);
        else pending.push([child, childPath]);
      }
    }
  }
  return found;
}

/** A 400 validation_error naming each field that holds NUL, or undefined when none does. */
export function nulError(fields: string[]): AppError | undefined {
  if (fields.length === 0) return undefined;
  const errors: FieldErrors = Object.fromEntries(fields.map((field) => [field, NUL_MESSAGE]));
  const summary = fields.map((field) => `${field}: ${NUL_MESSAGE}`).join('; ');
  return new AppError(400, 'validation_error', summary, errors);
}

/**
 * Refuses NUL in the path parameters, query string and JSON body of every
 * route, schema or not, before validation and handlers see them. Header values
 * never hold NUL: Node's HTTP parser refuses the request first.
 */
export function installNulGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const error = nulError([
      ...nulPaths(request.params),
      ...nulPaths(request.query),
      ...nulPaths(request.body, typeof request.body === 'string' ? 'body' : ''),
    ]);
    if (error) throw error;
  });
}

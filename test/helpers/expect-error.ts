import { expect } from 'vitest';
import type { ApiClient, ApiResponse } from './api-client.js';

/** The JSON body the API answers every refused request with. */
export type ErrorBody = { error: string; message: string; fields?: Record<string, string> };

/** Any API answer, whatever body type the request was made with. */
type Answer = Pick<ApiResponse<unknown>, 'status' | 'body'>;

/**
 * Asserts an error answer: the status (failing with the body in the message), the `error` code
 * and a non-empty `message`. Returns the body for further checks.
 */
export function expectError(res: Answer, status: number, error: string): ErrorBody {
  const detail = JSON.stringify(res.body);
  expect(res.status, detail).toBe(status);
  const body = res.body as ErrorBody;
  expect(body?.error, detail).toBe(error);
  expect(body?.message, detail).toBeTypeOf('string');
  expect(body.message, detail).not.toBe('');
  return body;
}

/** Asserts a 400 `validation_error` whose `fields` names each of `fields`. Returns the body. */
export function expectFieldError(res: Answer, ...fields: string[]): ErrorBody {
  const body = expectError(res, 400, 'validation_error');
  const named = Object.keys(body.fields ?? {});
  for (const field of fields) expect(named, JSON.stringify(body)).toContain(field);
  return body;
}

/** Asserts the server still answers its health check, e.g. after a malformed request. */
export async function expectServerStillServes(client: ApiClient): Promise<void> {
  const health = await client.get('/api/health');
  expect(health.status, JSON.stringify(health.body)).toBe(200);
}

/** A webhook's form parameters as @fastify/formbody parsed them (a repeated name gives an array). */
export type FormParams = Record<string, string | string[] | undefined>;

export function formParamsOf(body: unknown): FormParams {
  return typeof body === 'object' && body !== null && !Array.isArray(body)
    ? (body as FormParams)
    : {};
}

/** One parameter's value; none when it is missing or repeated. */
export function paramOf(params: FormParams, name: string): string | undefined {
  const value = params[name];
  return typeof value === 'string' ? value : undefined;
}

export type FieldErrors = Record<string, string>;

/** An error the client caused or may act on; anything else is a 500. */
export class AppError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly fields?: FieldErrors,
  ) {
    super(message);
  }
}

export const badRequest = (message: string) => new AppError(400, 'bad_request', message);

export const invalid = (field: string, message: string) =>
  new AppError(400, 'validation_error', `${field}: ${message}`, { [field]: message });

export const unauthorized = (message = 'Sign in to continue') =>
  new AppError(401, 'unauthorized', message);

export const forbidden = (message = 'Your role does not allow this') =>
  new AppError(403, 'forbidden', message);

export const notFound = (what: string) => new AppError(404, 'not_found', `${what} not found`);

export const conflict = (message: string) => new AppError(409, 'conflict', message);

export const callFeatureDisabled = () =>
  new AppError(
    403,
    'call_feature_disabled',
    'Voice calls are not enabled for this company. Ask your platform administrator to turn on the Call Feature.',
  );

function hasPostgresCode(error: unknown, code: string): boolean {
  for (let e: unknown = error; e; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === code) return true;
  }
  return false;
}

/** Postgres unique_violation, so services can turn races into a 409. */
export const isUniqueViolation = (error: unknown) => hasPostgresCode(error, '23505');

/** Postgres foreign_key_violation: a row became referenced between check and delete. */
export const isForeignKeyViolation = (error: unknown) => hasPostgresCode(error, '23503');

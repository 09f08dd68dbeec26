import { isApiError } from '../api/client';

export function errorMessage(error: unknown): string {
  if (isApiError(error)) return error.message;
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong. Please try again.';
}

/**
 * Field errors of a `validation_error`, keyed by path. With a prefix such as
 * `settings.widget.`, only paths under it are returned, with the prefix removed.
 */
export function fieldErrors(error: unknown, prefix = ''): Record<string, string> {
  if (!isApiError(error)) return {};
  const result: Record<string, string> = {};
  for (const [path, message] of Object.entries(error.fields)) {
    if (path.startsWith(prefix)) result[path.slice(prefix.length)] = message;
  }
  return result;
}

/** A message for the top of a form: generic when field errors already say what is wrong. */
export function formErrorMessage(error: unknown): string | null {
  if (!error) return null;
  if (isApiError(error, 'validation_error') && Object.keys(error.fields).length > 0) {
    return 'Some fields need your attention.';
  }
  return errorMessage(error);
}

/** A field's error: the form's own check first, then the server's validation error. */
export function fieldErrorLookup(
  ownErrors: Record<string, string>,
  error: unknown,
): (key: string) => string | undefined {
  const serverErrors = fieldErrors(error);
  return (key) => ownErrors[key] ?? serverErrors[key];
}

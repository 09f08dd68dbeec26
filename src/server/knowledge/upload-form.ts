import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AppError, badRequest, type FieldErrors } from '../http/errors.js';
import { nulError, nulPaths } from '../http/nul-guard.js';

export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;

/** Limits for @fastify/multipart on the upload routes. */
export const UPLOAD_LIMITS = {
  fileSize: MAX_UPLOAD_BYTES,
  files: 1,
  fields: 10,
  fieldSize: 64 * 1024,
  parts: 12,
};

export type UploadForm = {
  file: { fileName: string; bytes: Buffer } | undefined;
  fields: Record<string, string>;
};

const NOT_MULTIPART = 'Send the file as multipart/form-data';

const MULTIPART_ERRORS: Record<string, string> = {
  FST_REQ_FILE_TOO_LARGE: `The file is larger than ${MAX_UPLOAD_BYTES / 1024 / 1024} MB, the most you can upload`,
  FST_FILES_LIMIT: 'Upload one file at a time',
  FST_FIELDS_LIMIT: 'The form has too many fields',
  FST_PARTS_LIMIT: 'The form has too many parts',
  FST_PROTO_VIOLATION: 'The form has a field with a forbidden name',
  FST_INVALID_MULTIPART_CONTENT_TYPE: NOT_MULTIPART,
  FST_MP_PREMATURE_CLOSE: 'The upload was interrupted',
};

/**
 * Reads a multipart form with one `file` part, held in memory (uploads are
 * at most 10 MB). Multipart limit errors become 400s with a readable message.
 */
export async function readUploadForm(request: FastifyRequest): Promise<UploadForm> {
  if (!request.isMultipart()) throw badRequest(NOT_MULTIPART);
  const form: UploadForm = { file: undefined, fields: {} };
  try {
    for await (const part of request.parts()) {
      if (part.type === 'field') {
        if (typeof part.value === 'string') form.fields[part.fieldname] = part.value;
        continue;
      }
      if (part.fieldname !== 'file') {
        part.file.resume();
        throw badRequest(`Send the file in the "file" field, not "${part.fieldname}"`);
      }
      form.file = { fileName: part.filename, bytes: await part.toBuffer() };
    }
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const message = typeof code === 'string' ? MULTIPART_ERRORS[code] : undefined;
    if (message) throw badRequest(message);
    throw error;
  }
  // Parsed here, not by the body parser, so the app-wide NUL guard never saw these strings.
  const nul = nulError([
    ...nulPaths(form.fields),
    ...(form.file ? nulPaths(form.file.fileName, 'file') : []),
  ]);
  if (nul) throw nul;
  return form;
}

/** Multipart fields checked like a JSON body, answering the same validation_error shape. */
export function parseFormFields<T>(schema: z.ZodType<T>, fields: Record<string, string>): T {
  const parsed = schema.safeParse(fields);
  if (parsed.success) return parsed.data;
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const names = issue.code === 'unrecognized_keys' ? issue.keys : [issue.path.join('.')];
    for (const name of names) errors[name || 'form'] ??= issue.message;
  }
  const summary = Object.entries(errors)
    .map(([field, message]) => `${field}: ${message}`)
    .join('; ');
  throw new AppError(400, 'validation_error', summary, errors);
}

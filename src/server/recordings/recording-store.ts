import type { Readable } from 'node:stream';

/** A byte range of a stored recording, both ends inclusive (as HTTP Range has them). */
export type ByteRange = { start: number; end: number };

/**
 * Where call recordings live. The default keeps files under the data
 * directory; an S3-compatible store can take its place (put = multipart
 * upload of the stream, stream = ranged GET, delete = DELETE).
 */
export interface RecordingStore {
  /** Stores `body` under `key` as it streams in; resolves with its size once all of it is stored. */
  put(key: string, body: Readable): Promise<{ bytes: number }>;
  /** Size of a stored recording, null when there is none. */
  size(key: string): Promise<number | null>;
  /** The recording's bytes, or one range of them. */
  stream(key: string, range?: ByteRange): Readable;
  /** Removes a recording; a missing one is not an error. */
  delete(key: string): Promise<void>;
}

/** Where a call's recording is kept: one folder per company. */
export const recordingKey = (scope: { companyId: string; callId: string }): string =>
  `${scope.companyId}/${scope.callId}.ogg`;

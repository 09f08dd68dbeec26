import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ByteRange, RecordingStore } from './recording-store.js';

/** Recordings as files under one directory (by default `BUZZI_DATA_DIR/recordings`). */
export class FileRecordingStore implements RecordingStore {
  readonly #root: string;

  constructor(root: string) {
    this.#root = path.resolve(root);
  }

  async put(key: string, body: Readable): Promise<{ bytes: number }> {
    const file = this.#file(key);
    await mkdir(path.dirname(file), { recursive: true });
    // Written aside and renamed when complete: a reader never sees half a recording under its name.
    const partial = `${file}.part`;
    try {
      await pipeline(body, createWriteStream(partial));
      await rename(partial, file);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    return { bytes: (await stat(file)).size };
  }

  async size(key: string): Promise<number | null> {
    try {
      return (await stat(this.#file(key))).size;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  stream(key: string, range?: ByteRange): Readable {
    return createReadStream(this.#file(key), range ? { start: range.start, end: range.end } : {});
  }

  async delete(key: string): Promise<void> {
    await rm(this.#file(key), { force: true });
  }

  /** A key never leaves the root, whatever it holds. */
  #file(key: string): string {
    const file = path.resolve(this.#root, key);
    if (!file.startsWith(this.#root + path.sep)) throw new Error('Recording key outside the store');
    return file;
  }
}

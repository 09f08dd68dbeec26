import { createWriteStream, type WriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { AudioFrame } from './frame.js';
import { pcm16ToBytes } from './pcm.js';
import { riffSizeFor, UNKNOWN_WAV_SIZE, WAV_HEADER_BYTES, wavHeader } from './wav.js';

export type WavFileSummary = { path: string; dataBytes: number; durationMs: number };

/** RIFF sizes are 32-bit: about 37 h at 16 kHz, far beyond any call, but refuse rather than wrap. */
const MAX_DATA_BYTES = UNKNOWN_WAV_SIZE - 36 - 1;

/**
 * Streams a mono PCM16 recording to disk as it happens, so a long call never
 * sits in memory. The header goes out first with UNKNOWN_WAV_SIZE sizes (an
 * interrupted recording still plays to its last sample) and `finish` patches
 * the real sizes in place.
 */
export class WavFileWriter {
  readonly path: string;
  readonly sampleRate: number;
  private readonly stream: WriteStream;
  private dataBytes = 0;
  private finishing: Promise<WavFileSummary> | null = null;
  private failure: Error | null = null;

  private constructor(path: string, sampleRate: number, stream: WriteStream) {
    this.path = path;
    this.sampleRate = sampleRate;
    this.stream = stream;
    stream.on('error', (error) => {
      this.failure ??= error;
    });
  }

  /** Creates (or truncates) the file; rejects if it cannot be opened, e.g. a missing directory. */
  static async create(path: string, sampleRate: number): Promise<WavFileWriter> {
    const stream = createWriteStream(path);
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    });
    const writer = new WavFileWriter(path, sampleRate, stream);
    stream.write(wavHeader(sampleRate, UNKNOWN_WAV_SIZE));
    return writer;
  }

  write(samples: Int16Array): void {
    if (this.finishing) throw new Error('WavFileWriter is already finished');
    if (this.failure) throw this.failure;
    if (this.dataBytes + samples.length * 2 > MAX_DATA_BYTES) {
      throw new RangeError('WAV recording exceeds the 4 GiB RIFF limit');
    }
    this.dataBytes += samples.length * 2;
    this.stream.write(pcm16ToBytes(samples));
  }

  /** `write` for a frame, refusing one at another rate (it would play at the wrong speed). */
  writeFrame(frame: AudioFrame): void {
    if (frame.sampleRate !== this.sampleRate) {
      throw new RangeError(
        `WAV recording is ${this.sampleRate} Hz, got a ${frame.sampleRate} Hz frame`,
      );
    }
    this.write(frame.samples);
  }

  get durationMs(): number {
    return (this.dataBytes / 2 / this.sampleRate) * 1000;
  }

  /** Flushes, closes and patches the header sizes. Every call returns the same result. */
  finish(): Promise<WavFileSummary> {
    this.finishing ??= this.close();
    return this.finishing;
  }

  private async close(): Promise<WavFileSummary> {
    if (this.failure) throw this.failure;
    if (!this.stream.closed) {
      await new Promise<void>((resolve, reject) => {
        this.stream.once('close', resolve);
        this.stream.once('error', reject);
        this.stream.end();
      });
    }
    if (this.failure) throw this.failure;
    const file = await open(this.path, 'r+');
    try {
      const size = Buffer.alloc(4);
      size.writeUInt32LE(riffSizeFor(this.dataBytes));
      await file.write(size, 0, 4, 4);
      size.writeUInt32LE(this.dataBytes);
      await file.write(size, 0, 4, WAV_HEADER_BYTES - 4);
    } finally {
      await file.close();
    }
    return { path: this.path, dataBytes: this.dataBytes, durationMs: this.durationMs };
  }
}

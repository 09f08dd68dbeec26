import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { decodeWav } from '../../../audio/wav.js';
import { type SpeechSynthesizer, SynthesisError, type VoiceOption } from '../parts.js';

/** Debian flite's 16 kHz voices (`kal` is 8 kHz and `awb_time` only tells the time). */
export const FLITE_VOICES: readonly VoiceOption[] = [
  { id: 'slt', label: 'Slt (US female)' },
  { id: 'rms', label: 'Rms (US male)' },
  { id: 'awb', label: 'Awb (Scottish male)' },
  { id: 'kal16', label: 'Kal (US male)' },
];

export const FLITE_SAMPLE_RATE = 16000;
export const FLITE_INSTALL_HINT = 'install the Debian package flite (apt-get install flite)';

/** Longer text is cut at a word: one call speaks one sentence, and a runaway one must not hold the line. */
const MAX_TEXT_CHARS = 1000;
const MIN_SPEED = 0.5;
const MAX_SPEED = 2;
const PROCESS_TIMEOUT_MS = 15_000;
const CHECK_TIMEOUT_MS = 5_000;

export type FliteCheck = { ok: true } | { ok: false; reason: string };

/**
 * Text to speech with the `flite` command, one process per sentence (a
 * sentence takes tens of milliseconds, spawn included). flite cannot write to
 * a Node pipe, so each call writes a WAV file in this synthesizer's own
 * temporary directory.
 */
export class FliteSynthesizer implements SpeechSynthesizer {
  readonly engine = 'flite';
  readonly sampleRate = FLITE_SAMPLE_RATE;
  readonly voices = FLITE_VOICES;
  readonly defaultVoice = 'slt';
  readonly #binary: string;
  readonly #tempRoot: string;
  #dir: Promise<string> | null = null;

  /** `tempRoot`: where its temporary directory goes (default the system's). */
  constructor(options: { binary: string; tempRoot?: string }) {
    this.#binary = options.binary;
    this.#tempRoot = options.tempRoot ?? tmpdir();
  }

  /** Whether `binary` runs here and offers every voice of FLITE_VOICES; `reason` says what to install. */
  static async check(binary: string): Promise<FliteCheck> {
    let output: string;
    try {
      output = await run(binary, ['-lv'], CHECK_TIMEOUT_MS);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return {
        ok: false,
        reason:
          code === 'ENOENT'
            ? `The flite program was not found at "${binary}": ${FLITE_INSTALL_HINT}, or set FLITE_BIN`
            : `The flite program at "${binary}" did not run (${code ?? 'failed'}): ${FLITE_INSTALL_HINT}`,
      };
    }
    const listed = output.replace(/^.*:/s, '').split(/\s+/).filter(Boolean);
    const missing = FLITE_VOICES.filter((v) => !listed.includes(v.id)).map((v) => v.id);
    if (missing.length > 0) {
      return {
        ok: false,
        reason: `The flite program at "${binary}" lacks the voices ${missing.join(', ')}: ${FLITE_INSTALL_HINT}`,
      };
    }
    return { ok: true };
  }

  async synthesize(
    text: string,
    options: { voice: string; speed: number; signal?: AbortSignal },
  ): Promise<Int16Array> {
    options.signal?.throwIfAborted();
    const spoken = limitText(text.trim());
    if (spoken === '') return new Int16Array(0);
    const voice = this.voices.some((v) => v.id === options.voice)
      ? options.voice
      : this.defaultVoice;
    const stretch = 1 / Math.min(MAX_SPEED, Math.max(MIN_SPEED, options.speed || 1));
    const dir = await this.#tempDir();
    const file = path.join(dir, `${randomUUID()}.wav`);
    try {
      await run(
        this.#binary,
        [
          '-voice',
          voice,
          '--setf',
          `duration_stretch=${stretch.toFixed(3)}`,
          '-t',
          spoken,
          '-o',
          file,
        ],
        PROCESS_TIMEOUT_MS,
        options.signal,
      );
      const audio = decodeWav(await readFile(file));
      if (audio.sampleRate !== this.sampleRate) {
        throw new SynthesisError(
          `flite voice ${voice} spoke at ${audio.sampleRate} Hz, expected ${this.sampleRate} Hz`,
        );
      }
      return audio.samples;
    } catch (error) {
      await this.#forgetIfRemoved(dir);
      throw this.#synthesisError(error, voice);
    } finally {
      await rm(file, { force: true });
    }
  }

  /** Removes the temporary directory; a later call makes a new one. */
  async close(): Promise<void> {
    const dir = this.#dir;
    this.#dir = null;
    if (dir) await rm(await dir, { recursive: true, force: true });
  }

  #tempDir(): Promise<string> {
    this.#dir ??= mkdtemp(path.join(this.#tempRoot, 'buzzi-flite-')).catch((error) => {
      this.#dir = null;
      throw new SynthesisError(
        `Cannot create a temporary directory for flite: ${(error as NodeJS.ErrnoException).code}`,
      );
    });
    return this.#dir;
  }

  /** A cleaner of /tmp may remove the directory of an idle server; the next call makes a new one. */
  async #forgetIfRemoved(dir: string): Promise<void> {
    const exists = await access(dir).then(
      () => true,
      () => false,
    );
    if (!exists && this.#dir && (await this.#dir.catch(() => null)) === dir) this.#dir = null;
  }

  #synthesisError(error: unknown, voice: string): Error {
    if (error instanceof SynthesisError) return error;
    const failure = error as NodeJS.ErrnoException & { killed?: boolean; signal?: string };
    if (failure.name === 'AbortError') return failure;
    if (failure.code === 'ENOENT' && failure.syscall?.startsWith('spawn')) {
      return new SynthesisError(
        `The flite program was not found at "${this.#binary}": ${FLITE_INSTALL_HINT}`,
      );
    }
    if (failure.killed) {
      return new SynthesisError(`flite (voice ${voice}) took longer than ${PROCESS_TIMEOUT_MS} ms`);
    }
    // The message of a failed execFile repeats the command line, which holds the text.
    const how =
      typeof failure.code === 'number'
        ? `exited with code ${failure.code}`
        : (failure.signal ?? failure.code ?? failure.name);
    return new SynthesisError(`flite (voice ${voice}) failed: ${how}`);
  }
}

function run(
  binary: string,
  args: string[],
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      binary,
      args,
      { timeout: timeoutMs, signal, encoding: 'utf8', maxBuffer: 64 * 1024, windowsHide: true },
      (error, stdout) => (error ? reject(error) : resolve(stdout)),
    );
  });
}

function limitText(text: string): string {
  if (text.length <= MAX_TEXT_CHARS) return text;
  const cut = text.slice(0, MAX_TEXT_CHARS);
  const lastSpace = cut.lastIndexOf(' ');
  return lastSpace > MAX_TEXT_CHARS / 2 ? cut.slice(0, lastSpace) : cut;
}

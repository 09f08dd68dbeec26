import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AudioFrame } from '../../src/server/voice/audio/frame.js';
import { Framer } from '../../src/server/voice/audio/framer.js';
import { decodeWav } from '../../src/server/voice/audio/wav.js';

const cache = new Map<string, AudioFrame>();

/**
 * Real speech for tests, spoken by Debian's flite (16 kHz mono), so the
 * voice activity detector and speech-to-text hear a voice rather than a tone.
 */
export function spokenAudio(text: string, voice = 'rms'): AudioFrame {
  const key = `${voice}:${text}`;
  const cached = cache.get(key);
  if (cached) return cached;
  // flite cannot write to a Node pipe (a socket), so it writes a file.
  let frame: AudioFrame;
  const dir = mkdtempSync(path.join(tmpdir(), 'buzzi-speech-'));
  const file = path.join(dir, 'speech.wav');
  try {
    execFileSync('flite', ['-voice', voice, '-t', text, '-o', file]);
    frame = decodeWav(readFileSync(file));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  cache.set(key, frame);
  return frame;
}

/** `durationMs` of silence at `sampleRate`. */
export function silenceAudio(durationMs: number, sampleRate = 16000): AudioFrame {
  return { samples: new Int16Array((sampleRate * durationMs) / 1000), sampleRate };
}

/** Cuts audio into 20 ms frames (the last one padded with silence), the way a caller leg delivers it. */
export function framesOf(audio: AudioFrame, frameMs = 20): AudioFrame[] {
  const framer = new Framer(audio.sampleRate, frameMs);
  return framer.push(audio.samples).concat(framer.flush({ padWithSilence: true }) ?? []);
}

export function concatAudio(parts: AudioFrame[]): AudioFrame {
  const sampleRate = parts[0]?.sampleRate ?? 16000;
  const total = parts.reduce((n, p) => n + p.samples.length, 0);
  const samples = new Int16Array(total);
  let at = 0;
  for (const part of parts) {
    if (part.sampleRate !== sampleRate) throw new Error('concatAudio: mixed sample rates');
    samples.set(part.samples, at);
    at += part.samples.length;
  }
  return { samples, sampleRate };
}

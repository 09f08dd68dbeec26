import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { rmsDbfs } from '../../../../src/server/voice/audio/level.js';
import { SynthesisError } from '../../../../src/server/voice/providers/local/parts.js';
import {
  FLITE_VOICES,
  FliteSynthesizer,
} from '../../../../src/server/voice/providers/local/tts/flite-synthesizer.js';

const SENTENCE = 'Thank you for calling Alpha Dental, how can I help you today?';
const LONG_TEXT = Array.from(
  { length: 20 },
  (_, i) => `This is sentence number ${i + 1} of a very long answer.`,
).join(' ');

const synth = new FliteSynthesizer({ binary: 'flite' });
afterAll(() => synth.close());

const durationMs = (samples: Int16Array) => (samples.length / 16000) * 1000;

/** Process ids of this test process's children that run flite. */
function fliteChildren(): string[] {
  const out = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], {
    encoding: 'utf8',
  });
  return out
    .split('\n')
    .filter((line) => line.includes('flite'))
    .map((line) => line.trim());
}

describe('FliteSynthesizer', () => {
  it('offers the 16 kHz Debian voices with slt as the default', () => {
    expect(synth.engine).toBe('flite');
    expect(synth.sampleRate).toBe(16000);
    expect(synth.defaultVoice).toBe('slt');
    expect(synth.voices.map((v) => v.id)).toEqual(['slt', 'rms', 'awb', 'kal16']);
    expect(synth.voices.find((v) => v.id === 'awb')?.label).toBe('Awb (Scottish male)');
  });

  it('speaks a sentence as audible 16 kHz audio of a plausible length', async () => {
    const samples = await synth.synthesize(SENTENCE, { voice: 'slt', speed: 1 });
    // About 60 characters: two to six seconds at a speaking pace.
    expect(durationMs(samples)).toBeGreaterThan(2000);
    expect(durationMs(samples)).toBeLessThan(6000);
    expect(rmsDbfs(samples)).toBeGreaterThan(-35);
  });

  it('speaks in every voice it offers, each sounding different', async () => {
    const clips = await Promise.all(
      FLITE_VOICES.map((v) => synth.synthesize('Hello there.', { voice: v.id, speed: 1 })),
    );
    for (const clip of clips) expect(rmsDbfs(clip)).toBeGreaterThan(-35);
    const fingerprints = new Set(clips.map((c) => `${c.length}:${c.slice(4000, 4100).join(',')}`));
    expect(fingerprints.size).toBe(FLITE_VOICES.length);
  });

  it('speaks faster at speed 2 and slower at speed 0.5', async () => {
    const [normal, fast, slow] = await Promise.all(
      [1, 2, 0.5].map((speed) => synth.synthesize(SENTENCE, { voice: 'rms', speed })),
    );
    const normalMs = durationMs(normal as Int16Array);
    expect(durationMs(fast as Int16Array)).toBeLessThan(normalMs * 0.65);
    expect(durationMs(slow as Int16Array)).toBeGreaterThan(normalMs * 1.6);
  });

  it('uses the default voice for a voice it does not offer', async () => {
    const unknown = await synth.synthesize('Good morning.', { voice: 'alloy', speed: 1 });
    const slt = await synth.synthesize('Good morning.', { voice: 'slt', speed: 1 });
    expect(unknown).toEqual(slt);
  });

  it('passes text as one argument, never through a shell', async () => {
    const samples = await synth.synthesize('-o /tmp/x; echo $(id) `id` && rm -rf ~ | cat', {
      voice: 'slt',
      speed: 1,
    });
    expect(rmsDbfs(samples)).toBeGreaterThan(-35);
  });

  it('returns no audio for blank text', async () => {
    expect((await synth.synthesize('  \n ', { voice: 'slt', speed: 1 })).length).toBe(0);
  });

  it('stops flite when aborted and rejects with an AbortError', async () => {
    const controller = new AbortController();
    const pending = synth.synthesize(LONG_TEXT, {
      voice: 'slt',
      speed: 1,
      signal: controller.signal,
    });
    await vi.waitFor(() => expect(fliteChildren()).not.toEqual([]), { interval: 2 });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await vi.waitFor(() => expect(fliteChildren()).toEqual([]));
  });

  it('rejects at once when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      synth.synthesize(SENTENCE, { voice: 'slt', speed: 1, signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('keeps its files in a directory of its own, removed on close', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'flite-test-'));
    try {
      const own = new FliteSynthesizer({ binary: 'flite', tempRoot: root });
      await own.synthesize('One.', { voice: 'slt', speed: 1 });
      const [dir] = readdirSync(root);
      expect(dir).toMatch(/^buzzi-flite-/);
      expect(readdirSync(path.join(root, dir as string))).toEqual([]);
      await own.close();
      expect(readdirSync(root)).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('recovers when a cleaner removed its temporary directory', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'flite-test-'));
    try {
      const own = new FliteSynthesizer({ binary: 'flite', tempRoot: root });
      await own.synthesize('One.', { voice: 'slt', speed: 1 });
      for (const name of readdirSync(root)) rmSync(path.join(root, name), { recursive: true });
      await expect(own.synthesize('Two.', { voice: 'slt', speed: 1 })).rejects.toBeInstanceOf(
        SynthesisError,
      );
      const three = await own.synthesize('Three.', { voice: 'slt', speed: 1 });
      expect(three.length).toBeGreaterThan(0);
      await own.close();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('works again after close', async () => {
    const own = new FliteSynthesizer({ binary: 'flite' });
    await own.synthesize('One.', { voice: 'slt', speed: 1 });
    await own.close();
    expect((await own.synthesize('Two.', { voice: 'slt', speed: 1 })).length).toBeGreaterThan(0);
    await own.close();
  });
});

describe('FliteSynthesizer.check', () => {
  it('accepts the installed flite', async () => {
    expect(await FliteSynthesizer.check('flite')).toEqual({ ok: true });
  });

  it('names the Debian package when the binary is missing', async () => {
    const check = await FliteSynthesizer.check('/nonexistent/flite');
    expect(check.ok).toBe(false);
    expect(check.ok ? '' : check.reason).toContain('apt-get install flite');
  });

  it('refuses a program that is not flite', async () => {
    const check = await FliteSynthesizer.check('true');
    expect(check.ok).toBe(false);
    expect(check.ok ? '' : check.reason).toMatch(/lacks the voices slt, rms, awb, kal16/);
  });
});

describe('FliteSynthesizer failures', () => {
  it('rejects with a SynthesisError naming the package when the binary is missing', async () => {
    const missing = new FliteSynthesizer({ binary: '/nonexistent/flite' });
    const error = await missing.synthesize(SENTENCE, { voice: 'slt', speed: 1 }).catch((e) => e);
    expect(error).toBeInstanceOf(SynthesisError);
    expect(error.message).toContain('apt-get install flite');
    await missing.close();
  });

  it('rejects with a SynthesisError that does not repeat the text when flite fails', async () => {
    const failing = new FliteSynthesizer({ binary: 'false' });
    const error = await failing.synthesize(SENTENCE, { voice: 'slt', speed: 1 }).catch((e) => e);
    expect(error).toBeInstanceOf(SynthesisError);
    expect(error.message).toMatch(/exited with code 1/);
    expect(error.message).not.toContain('Alpha Dental');
    expect(JSON.stringify(error)).not.toContain('Alpha Dental');
    await failing.close();
  });
});

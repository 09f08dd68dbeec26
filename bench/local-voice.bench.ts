import { monitorEventLoopDelay } from 'node:perf_hooks';
import pino from 'pino';
import { loadConfig } from '../src/server/config.js';
import type { RetrievedChunk } from '../src/server/knowledge/retrieval.js';
import { decodeMulaw, encodeMulaw } from '../src/server/voice/audio/g711.js';
import { Resampler } from '../src/server/voice/audio/resampler.js';
import type { AgentSessionConfig } from '../src/server/voice/providers/agent-session.js';
import { OfflineBrain } from '../src/server/voice/providers/local/brain/offline-brain.js';
import { LocalVoiceEngine } from '../src/server/voice/providers/local/engine.js';
import type { RecognitionMode } from '../src/server/voice/providers/local/parts.js';
import { LocalVoiceProvider } from '../src/server/voice/providers/local/provider.js';
import { buildPhraseGrammar } from '../src/server/voice/providers/local/stt/phrase-grammar.js';
import { FliteSynthesizer } from '../src/server/voice/providers/local/tts/flite-synthesizer.js';
import { summarize } from './stats.js';

const QUESTIONS = [
  'What are your business hours?',
  'When are you open on Saturday?',
  'Where are you located?',
  'Do you have parking?',
];
const KNOWLEDGE: Record<string, string> = {
  hours: 'Our business hours are Monday to Friday from 8 am to 6 pm.',
  saturday: 'On Saturday we are open from 9 am to 1 pm.',
  located: 'We are located at 12 Harbour Street, next to the library.',
  parking: 'Free parking is behind the building.',
};
const TOPICS = ['Business hours', 'Opening hours on Saturday', 'Location', 'Parking'];
const LATENCY_TURNS = 16;
const CONCURRENCY_LEVELS = [1, 2, 4, 6, 8];
const TURNS_PER_CALLER = 4;
const FRAME_MS = 20;
const PAUSE_AFTER_ANSWER_MS = 300;

const progress = (line: string) => process.stderr.write(`local voice bench: ${line}\n`);
const silent = pino({ level: 'silent' });

type Channel = 'web' | 'phone';
type Turn = { latencyMs: number | null; sttMs: number | null };

/** Knowledge search without a database: retrieval has its own benchmark. */
async function search(query: string): Promise<RetrievedChunk[]> {
  const q = query.toLowerCase();
  const key = Object.keys(KNOWLEDGE).find((k) => q.includes(k)) ?? 'hours';
  return [
    {
      chunkId: key,
      documentId: key,
      documentTitle: key,
      heading: key,
      content: KNOWLEDGE[key] ?? '',
      score: 1,
      textRank: 1,
    },
  ];
}

const sessionConfig = (callId: string): AgentSessionConfig => ({
  instructions: 'You are the front desk.',
  voice: 'slt',
  speed: 1,
  tools: [],
  vad: { threshold: 0.5, prefixPaddingMs: 300, silenceDurationMs: 500 },
  inputTranscription: true,
  callId,
});

/** What a phone caller's words sound like here: 8 kHz μ-law, back up to 16 kHz as the runner does. */
function phoneLine(samples: Int16Array): Int16Array {
  const down = new Resampler(16000, 8000);
  const up = new Resampler(8000, 16000);
  return up.process(decodeMulaw(encodeMulaw(down.process(samples))));
}

/**
 * One caller on one session, speaking in real time: each question, then
 * silence until the answer has been heard. Latency runs from the last
 * sample of speech to the first frame of the answer's audio.
 */
async function runCaller(
  engine: LocalVoiceEngine,
  channel: Channel,
  utterances: Int16Array[],
  turns: number,
  id: string,
): Promise<Turn[]> {
  const recognition: RecognitionMode = channel === 'web' ? 'general' : 'grammar';
  const provider = new LocalVoiceProvider({
    engine,
    logger: silent,
    call: {
      recognition,
      grammar: async () =>
        buildPhraseGrammar({ titles: TOPICS, headings: [], endCallPhrase: 'goodbye' }),
      brain: async () => new OfflineBrain({ search, endCallPhrase: 'goodbye' }),
    },
  });
  const session = provider.createSession(sessionConfig(id));
  session.on('error', () => {});
  await session.connect();
  const results: Turn[] = [];
  const frame = (16000 * FRAME_MS) / 1000;
  const silence = new Int16Array(frame);
  let speechEndAt = 0;
  let stoppedAt = 0;
  let current: Turn | null = null;
  let answered: (() => void) | null = null;
  session.on('speech.stopped', () => {
    stoppedAt = performance.now();
  });
  session.on('transcript.final', ({ speaker }) => {
    if (speaker === 'caller' && current && current.sttMs === null) {
      current.sttMs = performance.now() - stoppedAt;
    }
  });
  session.on('audio', () => {
    if (current && current.latencyMs === null) current.latencyMs = performance.now() - speechEndAt;
  });
  session.on('response.done', () => answered?.());

  let next = performance.now();
  const pace = async () => {
    next += FRAME_MS;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, next - performance.now())));
  };
  for (let turn = 0; turn < turns; turn++) {
    const audio = utterances[turn % utterances.length] as Int16Array;
    current = { latencyMs: null, sttMs: null };
    const done = new Promise<void>((resolve) => {
      answered = resolve;
    });
    const voicedEnd = lastVoicedSample(audio);
    for (let at = 0; at < audio.length; at += frame) {
      const samples = new Int16Array(frame);
      samples.set(audio.subarray(at, at + frame));
      session.sendAudio({ samples, sampleRate: 16000 });
      if (voicedEnd >= at && voicedEnd < at + frame) speechEndAt = performance.now();
      await pace();
    }
    let waited = 0;
    let finished = false;
    void done.then(() => {
      finished = true;
    });
    while (!finished && waited < 10_000) {
      session.sendAudio({ samples: silence, sampleRate: 16000 });
      await pace();
      waited += FRAME_MS;
    }
    for (let ms = 0; ms < PAUSE_AFTER_ANSWER_MS; ms += FRAME_MS) {
      session.sendAudio({ samples: silence, sampleRate: 16000 });
      await pace();
    }
    results.push(current);
  }
  await session.close();
  return results;
}

// flite ends its audio with a quiet tail: the caller stops speaking at the last loud sample.
const VOICED_LEVEL = 500;

function lastVoicedSample(audio: Int16Array): number {
  for (let i = audio.length - 1; i >= 0; i--) {
    if (Math.abs(audio[i] ?? 0) > VOICED_LEVEL) return i;
  }
  return audio.length - 1;
}

function figures(turns: Turn[]) {
  const latency = turns.flatMap((t) => (t.latencyMs === null ? [] : [t.latencyMs]));
  const stt = turns.flatMap((t) => (t.sttMs === null ? [] : [t.sttMs]));
  return {
    turns: turns.length,
    unanswered: turns.length - latency.length,
    voiceToVoiceMs: summarize(latency, 1),
    speechEndToTranscriptMs: summarize(stt, 1),
  };
}

async function concurrency(engine: LocalVoiceEngine, channel: Channel, utterances: Int16Array[]) {
  const levels = [];
  for (const callers of CONCURRENCY_LEVELS) {
    progress(`${channel}: ${callers} concurrent calls`);
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    const turns = (
      await Promise.all(
        Array.from({ length: callers }, (_, i) =>
          runCaller(
            engine,
            channel,
            utterances.slice(i % utterances.length),
            TURNS_PER_CALLER,
            `c${i}`,
          ),
        ),
      )
    ).flat();
    const wallMs = performance.now() - started;
    loop.disable();
    // Speech-to-text runs in worker threads: process CPU counts them too.
    const cpu = process.cpuUsage(cpuBefore);
    const callSeconds = (callers * wallMs) / 1000;
    const result = figures(turns);
    levels.push({
      callers,
      ...result,
      cpuMsPerCallSecond: Number(((cpu.user + cpu.system) / 1000 / callSeconds).toFixed(1)),
      eventLoopDelayP99Ms: Number((loop.percentile(99) / 1e6).toFixed(1)),
    });
  }
  return levels;
}

export async function localVoiceBench() {
  const config = loadConfig({}).localVoice;
  const engine = new LocalVoiceEngine({ config, logger: silent });
  const status = await engine.status();
  if (!status.available) return { skipped: status.message };
  const voice = new FliteSynthesizer({ binary: config.fliteBinary });
  const web = await Promise.all(
    QUESTIONS.map((q) => voice.synthesize(q, { voice: 'rms', speed: 1 })),
  );
  const phone = web.map(phoneLine);
  await voice.close?.();
  const started = performance.now();
  await engine.parts();
  const startMs = Math.round(performance.now() - started);
  try {
    progress('web latency');
    const webLatency = figures(await runCaller(engine, 'web', web, LATENCY_TURNS, 'web'));
    progress('phone latency');
    const phoneLatency = figures(await runCaller(engine, 'phone', phone, LATENCY_TURNS, 'phone'));
    return {
      engine: { vad: 'silero', stt: status.stt.engine, tts: status.tts.engine, startMs },
      note: 'voice-to-voice = last sample of caller speech → first frame of answer audio, VAD hang time included',
      web: { recognition: 'general', ...webLatency },
      phone: { recognition: 'grammar', ...phoneLatency },
      concurrency: {
        web: await concurrency(engine, 'web', web),
        phone: await concurrency(engine, 'phone', phone),
      },
    };
  } finally {
    await engine.close();
  }
}

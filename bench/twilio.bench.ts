import { startFakeTwilio } from '../test/fakes/twilio-rest.js';
import {
  CallersProcess,
  callLevels,
  cpuProfileDir,
  measureSteady,
  STREAM_MS,
  serverCore,
  startEchoProviders,
  startPlainRelay,
  warmUp,
  writeProfileWindows,
} from './call-path/bench-driver.js';
import { type PinnedProcess, setCallModel } from './call-path/buzzi-server.js';
import type { CallTarget } from './call-path/callers.js';
import { connectTwilioNumber, startBuzziAtPublicUrl } from './call-path/twilio-line.js';

// The phone path as Twilio takes it, measured from outside: simulated Twilio
// (callers process) signs the voice webhook, reads the TwiML, opens the
// signed Media Stream and streams 20 ms μ-law from the first moment → Buzzi
// (its own process, pinned to one core, its number connected through the
// integration accounts API against a fake Twilio REST API) → OpenAI Realtime
// in audio/pcmu (the pass-through path) or Gemini Live (the transcoding
// path), fakes in a third process that echo every frame → back to Twilio,
// which echoes marks as its player does. A plain Twilio ↔ Realtime relay
// under the same load on the same core is the reference.
//
// BENCH_CALL_LEVELS=50,100,200 (default); BENCH_CPU_PROFILE=<dir> writes V8
// CPU profiles of Buzzi and the relay, and windows.json with the steady
// windows (bench/cpu-profile-summary.ts reads both).

/** The targets for the pass-through path. */
const TARGETS = { cpuMsPerCallSecond: 1.85, roundTripP99Ms: 20, roundTripAtCalls: 200 };

const PATHS = {
  passThrough: 'gpt-realtime',
  transcoding: 'gemini-3.8-live',
} as const;

const progress = (line: string) => process.stderr.write(`twilio bench: ${line}\n`);

type Steady = Awaited<ReturnType<typeof measureSteady>>;

/** The pass-through figures beside the targets they are held to. */
function againstTargets(calls: number, passThrough: Steady) {
  return {
    cpuMsPerCallSecond: {
      figure: passThrough.cpuMsPerCallSecond,
      target: `≤ ${TARGETS.cpuMsPerCallSecond}`,
      met: passThrough.cpuMsPerCallSecond <= TARGETS.cpuMsPerCallSecond,
    },
    ...(calls === TARGETS.roundTripAtCalls
      ? {
          roundTripP99Ms: {
            figure: passThrough.roundTripMs.p99,
            target: `< ${TARGETS.roundTripP99Ms}`,
            met: passThrough.roundTripMs.p99 < TARGETS.roundTripP99Ms,
          },
        }
      : {}),
    framesLost: {
      figure: passThrough.framesLost,
      target: '0, the first frames of each call included',
      met: passThrough.framesLost === 0,
    },
  };
}

export async function twilioBench() {
  const callers = new CallersProcess();
  const fakes = await startEchoProviders();
  const twilioRest = await startFakeTwilio();
  const stopping: Array<PinnedProcess | null> = [];
  try {
    const plain = await startPlainRelay('plain-twilio-relay.ts', fakes.baseUrl);
    stopping.push(plain.relay);
    const relayTarget: CallTarget = { kind: 'twilio-relay', url: `ws://127.0.0.1:${plain.port}` };

    progress('starting Buzzi');
    const server = await startBuzziAtPublicUrl({
      core: serverCore,
      providerBaseUrl: fakes.baseUrl,
      callModel: PATHS.passThrough,
      cpuProfileDir,
      env: { TWILIO_API_BASE_URL: twilioRest.url },
    });
    stopping.push(server);
    const line = await connectTwilioNumber(server, twilioRest);
    for (const model of Object.values(PATHS)) {
      await setCallModel(server, model);
      await warmUp(callers, line);
    }
    await warmUp(callers, relayTarget);
    // Garbage of earlier levels may be collected while a level runs: RSS per call counts from here.
    const idleRssMb = { buzzi: await server.rssMb(), relay: await plain.relay.rssMb() };

    const levels = [];
    for (const calls of callLevels) {
      progress(`${calls} phone calls: pass-through, transcoding, then the plain relay`);
      await setCallModel(server, PATHS.passThrough);
      const passThrough = await measureSteady(
        callers,
        line,
        server,
        calls,
        `pass-through ${calls}`,
        idleRssMb.buzzi,
      );
      await setCallModel(server, PATHS.transcoding);
      const transcoding = await measureSteady(
        callers,
        line,
        server,
        calls,
        `transcoding ${calls}`,
        idleRssMb.buzzi,
      );
      const plainRelay = await measureSteady(
        callers,
        relayTarget,
        plain.relay,
        calls,
        `plain relay ${calls}`,
        idleRssMb.relay,
      );
      levels.push({
        calls,
        targets: againstTargets(calls, passThrough),
        passThrough,
        transcoding,
        plainRelay,
        passThroughCpuVersusRelay: Number(
          (passThrough.cpuMsPerCallSecond / plainRelay.cpuMsPerCallSecond).toFixed(2),
        ),
      });
    }
    await writeProfileWindows();
    return {
      serverCore: serverCore ?? 'unpinned (one core)',
      streamMs: STREAM_MS,
      paths: {
        passThrough: `OpenAI Realtime (${PATHS.passThrough}) in audio/pcmu: μ-law untouched`,
        transcoding: `Gemini Live (${PATHS.transcoding}): μ-law ↔ PCM through the resampler`,
        plainRelay: 'bench/call-path/plain-twilio-relay.ts to OpenAI Realtime, pass-through',
      },
      levels,
    };
  } finally {
    callers.stop();
    fakes.child.kill();
    for (const running of stopping.reverse()) await running?.stop();
    await twilioRest.close();
  }
}

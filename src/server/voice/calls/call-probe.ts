import { performance } from 'node:perf_hooks';
import type { AiProvider } from '../../../shared/domain.js';
import type { AudioFrame } from '../audio/frame.js';
import type { AgentSession, AgentSessionEvents } from '../providers/agent-session.js';
import type { CallerLeg } from '../transports/caller-leg.js';
import type { CallMetrics } from './call-metrics.js';

const NONE = -1;
/**
 * One audio frame in 8 is timed (per direction and call): observing a
 * histogram costs several times what the rest of a frame's trip through the
 * probe does, and a node's thousands of frames a second leave plenty timed.
 */
const TIMED_FRAME_MASK = 7;

type Emit = (event: string, ...args: unknown[]) => boolean;

/**
 * Times one call's audio where it really happens, from outside the runner:
 * the caller leg and the agent session are wrapped (their `emit`, `play`,
 * `clear` and `sendAudio`), so neither the runner, a transport nor a provider
 * knows about metrics. Both directions of the audio path are synchronous
 * from an event to the send it causes, so a frame's time in the server is
 * the time between its event and the send made while that event is being
 * handled. An untimed frame costs a counter; a timed one two
 * `performance.now()` calls and a histogram observation.
 */
export class CallProbe {
  readonly #metrics: CallMetrics;
  readonly #provider: AiProvider | null;
  /** While a caller frame is being handled: when its event began. */
  #callerFrameAt = NONE;
  /** While an agent frame is being handled: when its event began. */
  #agentFrameAt = NONE;
  /** The caller's turn ended and its answer has not been heard yet. */
  #speechStoppedAt = NONE;
  /** The answer playing when the caller's turn ended: its audio is not the reply. */
  #responseAtStop: string | null = null;
  #lastResponseId: string | null = null;
  /** The agent frame being handled is the first of the reply to the caller's turn. */
  #replyStarts = false;
  /** The caller started speaking and the agent's audio was not cleared yet. */
  #speechStartedAt = NONE;
  #callerFrames = 0;
  #agentFrames = 0;

  constructor(metrics: CallMetrics, provider: AiProvider | null) {
    this.#metrics = metrics;
    this.#provider = provider;
  }

  /** Watches the caller's leg; call before anything else listens to it. */
  watchLeg(leg: CallerLeg): void {
    const emit = leg.emit.bind(leg) as Emit;
    const timedEmit: Emit = (event, ...args) => {
      if (event !== 'audio' || (this.#callerFrames++ & TIMED_FRAME_MASK) !== 0) {
        return emit(event, ...args);
      }
      this.#callerFrameAt = performance.now();
      try {
        return emit(event, ...args);
      } finally {
        this.#callerFrameAt = NONE;
      }
    };
    leg.emit = timedEmit as CallerLeg['emit'];
    const play = leg.play.bind(leg);
    leg.play = (frame: AudioFrame) => {
      play(frame);
      if (this.#agentFrameAt === NONE && !this.#replyStarts) return;
      const now = performance.now();
      if (this.#agentFrameAt !== NONE) {
        this.#metrics.frameLatency('agent', now - this.#agentFrameAt);
        this.#agentFrameAt = NONE;
      }
      if (this.#replyStarts) {
        this.#replyStarts = false;
        if (this.#provider) this.#metrics.voiceToVoice(this.#provider, now - this.#speechStoppedAt);
        this.#speechStoppedAt = NONE;
      }
    };
    const clear = leg.clear.bind(leg);
    leg.clear = () => {
      clear();
      if (this.#speechStartedAt === NONE) return;
      if (this.#provider) {
        this.#metrics.bargeIn(this.#provider, performance.now() - this.#speechStartedAt);
      }
      this.#speechStartedAt = NONE;
    };
    leg.on('dropped', ({ direction, reason, frames }) =>
      this.#metrics.framesDropped(direction, reason, frames),
    );
  }

  /** Watches an agent session of the call; call before the runner listens to it. */
  watchSession(session: AgentSession): AgentSession {
    const emit = session.emit.bind(session) as Emit;
    const timedEmit: Emit = (event, ...args) => {
      if (event === 'audio') return this.#agentAudio(emit, args as AgentSessionEvents['audio']);
      if (event === 'speech.started') this.#speechStartedAt = performance.now();
      else if (event === 'speech.stopped') {
        this.#speechStartedAt = NONE;
        this.#speechStoppedAt = performance.now();
        this.#responseAtStop = this.#lastResponseId;
      }
      return emit(event, ...args);
    };
    session.emit = timedEmit as AgentSession['emit'];
    const sendAudio = session.sendAudio.bind(session);
    session.sendAudio = (frame: AudioFrame) => {
      sendAudio(frame);
      if (this.#callerFrameAt !== NONE) {
        this.#metrics.frameLatency('caller', performance.now() - this.#callerFrameAt);
        this.#callerFrameAt = NONE;
      }
    };
    return session;
  }

  #agentAudio(emit: Emit, args: AgentSessionEvents['audio']): boolean {
    const [{ responseId }] = args;
    this.#lastResponseId = responseId;
    const replyStarts = this.#speechStoppedAt !== NONE && responseId !== this.#responseAtStop;
    const timed = (this.#agentFrames++ & TIMED_FRAME_MASK) === 0;
    if (!replyStarts && !timed) return emit('audio', ...args);
    this.#replyStarts = replyStarts;
    this.#agentFrameAt = timed ? performance.now() : NONE;
    try {
      return emit('audio', ...args);
    } finally {
      this.#agentFrameAt = NONE;
      this.#replyStarts = false;
    }
  }
}

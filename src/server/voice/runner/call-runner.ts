import type { Logger } from 'pino';
import type { CallRoute } from '../../routing/call-route.js';
import { type AudioFrame, frameDurationMs } from '../audio/frame.js';
import { HeldAudio } from '../audio/held-audio.js';
import type { ListenedLeg } from '../handoff/listened-leg.js';
import { type AiResumes, PersonHandoff } from '../handoff/person-handoff.js';
import type { AgentSession, AgentSessionEvents } from '../providers/agent-session.js';
import { agentSessionConfig, closeAgent, connectAgent } from './agent-connection.js';
import { AudioBridge, silenceLike } from './audio-bridge.js';
import { CallAnnouncer } from './call-announcer.js';
import { CallClosing } from './call-closing.js';
import { callPhrases, mentionsPhrase } from './call-phrases.js';
import { CallTimers } from './call-timers.js';
import type {
  CallHandoffOptions,
  CallOutcome,
  CallRunnerOptions,
  RecordedAudio,
} from './call-types.js';
import { CallUsageMeter } from './call-usage.js';
import { type Clock, systemClock } from './clock.js';
import { type CallEndReason, finalStatusFor } from './end-reasons.js';
import { IntentRouting } from './intent-routing.js';
import { providerText, safeError } from './log-safe.js';
import { PhoneTransfer } from './phone-transfer.js';
import { TranscriptAssembler, type Utterance } from './transcript.js';
import { type BargeIn, TurnTaking } from './turn-taking.js';

/** What the AI says when it has the caller again. */
const aiResumesLines: Record<AiResumes, string> = {
  unanswered: callPhrases.busy,
  handed_back: callPhrases.handedBack,
  not_joined: callPhrases.handedBack,
  person_left: callPhrases.personLeft,
};

/** Caller audio kept while the agent connects (a phone line streams from the first moment). */
const MAX_EARLY_CALLER_AUDIO_MS = 10_000;

/**
 * One live call: the only place that knows call policy. It connects the
 * caller's leg to an agent session (resampling between their rates), speaks
 * the greeting, lets the caller interrupt (or not), watches silence and the
 * maximum duration, runs tools, stores each utterance as it finalizes and
 * records how the call ended. Providers and transports know none of this.
 */
export class CallRunner {
  readonly #o: CallRunnerOptions;
  readonly #clock: Clock;
  readonly #log: Logger;
  readonly #announce: CallAnnouncer;
  readonly #transcript: TranscriptAssembler;
  readonly #timers: CallTimers;
  readonly #closing: CallClosing;
  readonly #abort = new AbortController();
  readonly #callStart: number;
  readonly #usage = new CallUsageMeter();
  readonly #pendingSays: string[] = [];
  readonly #bargeIns: BargeIn[] = [];
  readonly #earlyCallerAudio = new HeldAudio(MAX_EARLY_CALLER_AUDIO_MS);
  /** Phone calls only: handing the caller to a person's number. */
  readonly #transfer: PhoneTransfer | null;
  /** Ringing the team and letting a person take the call over, when the company can. */
  readonly #handoff: PersonHandoff | null;
  #session: AgentSession | null = null;
  /** The company's rules that act on what the caller asks for; none without a lookup. */
  readonly #intents: IntentRouting | null;
  /** A routing rule is ringing the team before the AI has answered. */
  #personFirstPending = false;
  /** The person on the call, and where their part of the transcript starts. */
  #personTook: { name: string; fromLine: number } | null = null;
  #turn: TurnTaking | null = null;
  #bridge: AudioBridge | null = null;
  #live = false;
  #stopping = false;
  #resolveDone!: (outcome: CallOutcome) => void;
  readonly #done = new Promise<CallOutcome>((resolve) => {
    this.#resolveDone = resolve;
  });

  constructor(options: CallRunnerOptions) {
    this.#o = options;
    this.#clock = options.clock ?? systemClock;
    this.#callStart = this.#clock.now();
    // The factory's call logger names the call already (with its company and node).
    const named = options.logger.bindings().callId === options.call.id;
    this.#log = options.logger.child({
      ...(named ? {} : { callId: options.call.id }),
      provider: options.providerName,
    });
    this.#announce = new CallAnnouncer(options.leg, options.bus, options.call);
    this.#transcript = new TranscriptAssembler({
      sink: options.recorder,
      clock: this.#clock,
      callStart: this.#callStart,
      onError: (err) => this.#log.error({ err: safeError(err) }, 'call transcript row not stored'),
      onStored: (utterance) => this.#onUtterance(utterance),
    });
    const silenceTimeoutMs = options.settings.silenceTimeoutSec * 1000;
    this.#timers = new CallTimers({
      clock: this.#clock,
      silenceTimeoutMs,
      maxDurationMs: options.settings.maxDurationMin * 60_000,
      // While the caller holds or talks with a person, silence is not the AI's to judge.
      onSilencePrompt: () => {
        if (!this.#closing.active && !this.#handoff?.active) this.#say(callPhrases.stillThere);
      },
      onSilenceTimeout: () => {
        if (!this.#handoff?.active) void this.end('silence_timeout', callPhrases.inactivityNotice);
      },
      onMaxDuration: () =>
        this.#closing.begin('max_duration', { line: callPhrases.maxDurationClosing }),
    });
    this.#closing = new CallClosing({
      clock: this.#clock,
      isAgentSpeaking: () => this.#turn?.agentSpeaking ?? false,
      say: (text) => this.#say(text),
      // A hand-off "ends" once its line is said: the live call goes to the number then.
      end: (reason) =>
        reason === 'transferred' ? this.#transfer?.redirect() : void this.end(reason),
    });
    this.#transfer = options.phoneLine
      ? new PhoneTransfer({
          line: options.phoneLine,
          clock: this.#clock,
          log: this.#log,
          transferred: () => void this.end('transferred'),
          failed: () => this.#onTransferRefused(),
        })
      : null;
    this.#handoff = options.handoff ? this.#personHandoff(options.handoff) : null;
    this.#intents = options.intentRoutes
      ? new IntentRouting({
          lookup: options.intentRoutes,
          act: (route) => this.#onIntentRoute(route),
          logger: this.#log,
        })
      : null;
    options.leg.on('hangup', ({ reason }) => {
      if (this.#transfer?.active) {
        void this.#transfer.endReasonFor(reason).then((ending) => this.end(ending));
      } else {
        void this.end(reason);
      }
    });
    options.leg.on('audio', (frame) => {
      if (!this.#stopping) options.recording?.caller(frame, this.#elapsedMs());
      this.#onCallerAudio(frame);
    });
  }

  get callId(): string {
    return this.#o.call.id;
  }

  /** Taking the call over by a person of the company; null when it cannot be. */
  get handoff(): PersonHandoff | null {
    return this.#handoff;
  }

  /** Where supervisors listen in; null when the call cannot be listened to. */
  get listenIn(): ListenedLeg | null {
    return this.#o.listenIn ?? null;
  }

  /** Utterances stored so far. */
  get utterances(): readonly Utterance[] {
    return this.#transcript.utterances;
  }

  /** Every barge-in of the call, with how fast the caller's audio was cleared. */
  get bargeIns(): readonly BargeIn[] {
    return this.#bargeIns;
  }

  /** Resolves once the call has ended and its record is complete. */
  get finished(): Promise<CallOutcome> {
    return this.#done;
  }

  /** Connects the agent and starts the call; resolves once it is live (or has already ended). */
  async start(): Promise<void> {
    const { settings, call, connectRetry } = this.#o;
    const failure = await connectAgent({
      create: () =>
        this.#o.createSession(
          agentSessionConfig({
            callId: call.id,
            settings,
            instructions: this.#o.instructions,
            tools: this.#o.tools.definitions(),
          }),
        ),
      onSession: (session) => {
        this.#session = session;
      },
      attempts: connectRetry?.attempts ?? 3,
      baseDelayMs: connectRetry?.baseDelayMs ?? 500,
      signal: this.#abort.signal,
      log: this.#log,
    });
    if (this.#stopping) return;
    if (failure !== null || !this.#session) {
      this.#announce.error('provider_unavailable', failure ?? 'Unable to connect');
      await this.end('provider_unavailable');
      return;
    }
    this.#goLive(this.#session);
  }

  /** Ends the call now (idempotent); resolves once its record is complete. */
  end(reason: CallEndReason, notice?: string): Promise<CallOutcome> {
    if (!this.#stopping) {
      this.#stopping = true;
      this.#finish(reason, notice).catch((err) => {
        this.#log.error({ err: safeError(err), endReason: reason }, 'call did not end cleanly');
        this.#resolveDone(this.#outcome(reason));
      });
    }
    return this.#done;
  }

  #goLive(session: AgentSession): void {
    const { leg, settings } = this.#o;
    this.#bridge = new AudioBridge({
      providerInputRate: session.capabilities.inputSampleRate,
      callerOutputRate: leg.outputSampleRate,
    });
    this.#turn = new TurnTaking({
      leg,
      session,
      clock: this.#clock,
      allowInterruption: settings.allowInterruption,
      onAgentSpeaking: (speaking) => this.#onAgentSpeaking(speaking),
      onBargeIn: (bargeIn) => this.#onBargeIn(bargeIn),
    });
    this.#listen(session);
    this.#live = true;
    for (const frame of this.#earlyCallerAudio.drain()) this.#onCallerAudio(frame);
    this.#announce.started();
    this.#timers.start();
    if (this.#o.handoff?.personFirst) {
      void this.#ringTeam('A routing rule rings the team for this call', true);
    } else this.#greet();
  }

  #greet(): void {
    const greeting = this.#o.settings.greeting.trim();
    if (greeting) this.#say(greeting);
  }

  /**
   * A routing rule rings the team: the caller holds, and the AI answers if
   * nobody takes it. Before the AI has answered (the rule matched as the call
   * started) nobody available means the greeting; mid-call, the AI carries on.
   */
  async #ringTeam(reason: string, beforeAiAnswered: boolean): Promise<void> {
    const { handoff, call } = this.#o;
    let available = 0;
    try {
      available = (await handoff?.offers.availableCount(call.companyId)) ?? 0;
    } catch (err) {
      this.#log.warn({ err: safeError(err) }, 'team availability not read');
    }
    if (this.#stopping) return;
    if (available === 0 || !this.#handoff || this.#handoff.active) {
      if (beforeAiAnswered) this.#greet();
      return;
    }
    this.#personFirstPending = beforeAiAnswered;
    if (!beforeAiAnswered) this.#silenceAgent();
    this.#say(callPhrases.holdForPerson);
    this.#handoff.begin(reason);
  }

  /** A rule waiting for the caller's intent heard it: it acts on the answered call. */
  #onIntentRoute(route: CallRoute): void {
    if (this.#stopping || this.#closing.active || this.#handoff?.active) return;
    const { action } = route;
    if (action.type === 'transfer' && this.#transfer) this.#handOff(action.phoneNumber);
    if (action.type === 'play_and_hangup') {
      this.#closing.begin('routing_rule', { line: action.message });
    }
    if (action.type === 'offer_person') {
      void this.#ringTeam(`The routing rule "${route.ruleName}" rings the team`, false);
    }
    // mark_urgent is all on the call's record (IntentRouteLookup.record).
  }

  /** Stops the agent's answer: what the caller has not heard yet is dropped. */
  #silenceAgent(): void {
    const heard = this.#turn?.stop();
    this.#session?.cancelResponse();
    if (!heard) return;
    this.#o.leg.clear();
    this.#transcript.agentInterrupted(heard.playedMs);
  }

  #listen(session: AgentSession): void {
    const on = <E extends keyof AgentSessionEvents>(
      event: E,
      handler: (...args: AgentSessionEvents[E]) => void,
    ) => session.on(event, handler as never);
    on('speech.started', () => this.#onCallerSpeechStarted());
    on('speech.stopped', () => this.#onCallerSpeechStopped());
    on('response.started', ({ responseId }) => this.#onResponseStarted(responseId));
    on('audio', ({ responseId, frame }) => this.#onAgentAudio(responseId, frame));
    on('response.done', ({ responseId, status }) => this.#turn?.responseDone(responseId, status));
    on('transcript.delta', ({ speaker, text }) => this.#onTranscriptDelta(speaker, text));
    on('transcript.final', ({ speaker, text }) => this.#onTranscriptFinal(speaker, text));
    on('tool.call', (call) => void this.#onToolCall(call));
    on('usage', (usage) => this.#usage.tokens(usage));
    on('error', ({ code, message, fatal }) => {
      this.#log.warn(
        { code, fatal, providerMessage: providerText(message) },
        'call provider error',
      );
      if (fatal) void this.end('provider_error');
    });
    on('closed', ({ reason }) => {
      if (this.#stopping) return;
      this.#log.warn({ reason }, 'call provider closed the session');
      void this.end('provider_error');
    });
  }

  #onCallerAudio(frame: AudioFrame): void {
    if (this.#stopping) return;
    if (!this.#live) {
      this.#earlyCallerAudio.push(frame);
      return;
    }
    const session = this.#session;
    const turn = this.#turn;
    const bridge = this.#bridge;
    if (!session || !turn || !bridge) return;
    this.#usage.callerAudio(frameDurationMs(frame));
    if (this.#handoff?.callerAudio(frame)) return;
    const forward = !this.#closing.active && turn.forwardsCallerAudio();
    session.sendAudio(bridge.toProvider(forward ? frame : silenceLike(frame)));
  }

  #onCallerSpeechStarted(): void {
    // Barge-in first: every millisecond here is agent audio the caller talks over.
    if (!this.#closing.active) this.#turn?.callerSpeechStarted();
    this.#transcript.callerSpeechStarted();
    this.#timers.callerActive();
    this.#announce.callerSpeaking(true);
  }

  #onCallerSpeechStopped(): void {
    this.#transcript.callerSpeechStopped();
    this.#announce.callerSpeaking(false);
    if (!this.#turn?.agentSpeaking) this.#timers.floorToCaller();
  }

  #onResponseStarted(responseId: string): void {
    this.#turn?.responseStarted(responseId);
    this.#transcript.agentResponseStarted(responseId, this.#pendingSays.shift() ?? null);
  }

  #onAgentAudio(responseId: string, frame: AudioFrame): void {
    const turn = this.#turn;
    const bridge = this.#bridge;
    if (!turn || !bridge || this.#stopping) return;
    if (turn.currentResponseId !== responseId && !turn.isCancelled(responseId)) {
      this.#onResponseStarted(responseId);
    }
    const durationMs = frameDurationMs(frame);
    if (!turn.audioGenerated(responseId, durationMs)) return;
    this.#usage.agentAudio(durationMs);
    this.#transcript.agentAudio(responseId, durationMs);
    const played = bridge.toCaller(frame);
    this.#o.leg.play(played);
    this.#o.recording?.agent(played, this.#elapsedMs(), responseId);
  }

  #onTranscriptDelta(speaker: 'caller' | 'agent', text: string): void {
    if (speaker === 'agent') {
      const responseId = this.#turn?.currentResponseId;
      if (responseId && this.#turn?.isCancelled(responseId)) return;
      this.#transcript.agentDelta(text);
    }
    this.#announce.transcript('delta', speaker, text);
  }

  #onTranscriptFinal(speaker: 'caller' | 'agent', text: string): void {
    if (speaker === 'caller') this.#transcript.callerFinal(text);
    else this.#transcript.agentFinal(text);
  }

  #onUtterance(utterance: Utterance): void {
    const { seq, startMs, endMs, interrupted, speakerName } = utterance;
    this.#announce.transcript(
      'final',
      utterance.speaker,
      utterance.text,
      { seq, startMs, endMs, interrupted },
      speakerName,
    );
    const { endCallPhrase } = this.#o.settings;
    if (utterance.speaker === 'caller' && mentionsPhrase(utterance.text, endCallPhrase)) {
      this.#closing.begin('end_phrase', { fallback: callPhrases.farewell });
    }
    if (utterance.speaker === 'caller' && !this.#handoff?.active) {
      this.#intents?.callerSaid(utterance.text);
    }
  }

  async #onToolCall(call: { callId: string; name: string; arguments: Record<string, unknown> }) {
    const result = await this.#o.tools.run({ name: call.name, arguments: call.arguments });
    if (this.#stopping) return;
    if (result.transferTo && this.#transfer && !this.#closing.active) {
      this.#handOff(result.transferTo);
      return;
    }
    this.#session?.sendToolResult(call.callId, result.output);
    if (result.holdForPerson && this.#handoff && !this.#closing.active) {
      this.#handoff.begin(result.holdForPerson.reason);
    }
    if (result.endCall) this.#closing.begin('agent_ended');
  }

  /**
   * The caller goes to a person: the runner's own hand-off line (whatever the
   * provider, even an agent that would have answered the tool itself), then
   * the redirect. The model hears nothing more of this call.
   */
  #handOff(number: string): void {
    this.#transfer?.begin(number);
    this.#session?.cancelResponse();
    this.#closing.begin('transferred', { line: callPhrases.transferring });
  }

  #personHandoff(options: CallHandoffOptions): PersonHandoff {
    return new PersonHandoff({
      ...options,
      caller: this.#o.leg,
      clock: this.#clock,
      logger: this.#log,
      recording: this.#o.recording,
      offsetNow: () => this.#transcript.offsetNow(),
      agentSpeaking: () => this.#turn?.agentSpeaking ?? false,
      say: (text) => this.#say(text),
      heard: (speaker, text, span, name) =>
        this.#transcript.spokenWithPerson(speaker, text, span, name),
      joined: (person) => {
        this.#personTook = { name: person.name, fromLine: this.#transcript.utterances.length };
        void this.#o.tools.personJoined?.(person);
      },
      claimed: () => this.#silenceAgent(),
      resumeAi: (why) => this.#onAiResumes(why),
      transfer: (number) => {
        if (this.#transfer && !this.#closing.active) this.#handOff(number);
      },
    });
  }

  /** The AI has the caller again: nobody took the call, or the person gave it back or dropped. */
  #onAiResumes(why: AiResumes): void {
    if (this.#stopping) return;
    const personFirst = this.#personFirstPending;
    this.#personFirstPending = false;
    // Rung before the AI answered: nobody came, so the AI answers as it would have.
    if (personFirst && why === 'unanswered') {
      this.#greet();
      return;
    }
    if (why === 'handed_back' || why === 'person_left') {
      void this.#o.tools.personLeft?.();
      this.#rememberPersonTalk();
    }
    this.#say(aiResumesLines[why]);
  }

  /** Tells the agent what the caller and the person said while it was away. */
  #rememberPersonTalk(): void {
    const took = this.#personTook;
    this.#personTook = null;
    if (!took || !this.#session) return;
    const lines = this.#transcript.utterances
      .slice(took.fromLine)
      .map((line) => `${line.speaker === 'caller' ? 'Caller' : took.name}: ${line.text}`);
    const heard = lines.length > 0 ? `\n${lines.join('\n')}` : ' (not transcribed)';
    this.#session.remember(
      `[${took.name} from the team talked with the caller while you were away and has handed the call back to you.]${heard}`,
    );
  }

  /** The network refused the redirect: never a dead line, the agent says so and carries on. */
  #onTransferRefused(): void {
    if (this.#stopping) return;
    this.#closing.reopen();
    this.#say(callPhrases.transferFailed);
  }

  #onAgentSpeaking(speaking: boolean): void {
    if (!speaking) this.#transcript.agentPlayedOut();
    this.#announce.agentSpeaking(speaking);
    if (speaking) this.#timers.agentActive();
    else this.#timers.floorToCaller();
    this.#closing.agentSpeakingChanged(speaking);
  }

  #onBargeIn(bargeIn: BargeIn): void {
    this.#bargeIns.push(bargeIn);
    this.#o.recording?.agentCleared(this.#elapsedMs(), bargeIn.playedMs);
    this.#bridge?.resetAgentStream();
    this.#transcript.agentInterrupted(bargeIn.playedMs);
    this.#log.debug(
      {
        clearLatencyMs: bargeIn.clearLatencyMs,
        playedMs: bargeIn.playedMs,
        truncated: bargeIn.truncated,
      },
      'caller interrupted the agent',
    );
  }

  #say(text: string): void {
    if (!this.#session || this.#stopping) return;
    this.#pendingSays.push(text);
    this.#session.say(text);
  }

  async #finish(reason: CallEndReason, notice: string | undefined): Promise<void> {
    // The call ended now; closing the provider and flushing rows is not part of it.
    const endedAtMs = this.#clock.now();
    // A phone caller the agent cannot serve hears why before the line closes, not silence.
    const apology =
      reason === 'provider_unavailable'
        ? this.#o.phoneLine
            ?.apologize()
            .catch((err: unknown) =>
              this.#log.warn({ err: safeError(err) }, 'phone call apology not played'),
            )
        : undefined;
    this.#abort.abort();
    this.#handoff?.stop();
    this.#timers.stop();
    this.#closing.cancel();
    this.#transfer?.cancel();
    const heard = this.#turn?.stop();
    if (heard) {
      this.#o.leg.clear();
      this.#o.recording?.agentCleared(endedAtMs - this.#callStart, heard.playedMs);
      this.#transcript.agentInterrupted(heard.playedMs);
    }
    this.#live = false;
    this.#bridge?.close();
    this.#announce.ending(reason, notice);
    if (this.#session) await closeAgent(this.#session, this.#log);
    await this.#transcript.finish();
    await this.#o.tools.callEnded?.();
    const recording = await this.#finishRecording(endedAtMs);
    const outcome = { ...this.#outcome(reason, endedAtMs), ...(recording ? { recording } : {}) };
    const { durationMs } = outcome;
    try {
      await this.#o.recorder.finish(outcome);
    } catch (err) {
      this.#log.error({ err: safeError(err), endReason: reason }, 'call outcome not stored');
    }
    this.#announce.ended(outcome.status, reason, durationMs);
    await apology;
    this.#o.leg.close(reason);
    this.#log.info({ endReason: reason, durationMs, status: outcome.status }, 'call ended');
    this.#resolveDone(outcome);
  }

  async #finishRecording(endedAtMs: number): Promise<RecordedAudio | null> {
    try {
      return (await this.#o.recording?.finish(endedAtMs - this.#callStart)) ?? null;
    } catch (err) {
      this.#log.error({ err: safeError(err) }, 'call recording not stored');
      return null;
    }
  }

  #elapsedMs(): number {
    return this.#clock.now() - this.#callStart;
  }

  #outcome(reason: CallEndReason, endedAtMs = this.#clock.now()): CallOutcome {
    const transferredTo = reason === 'transferred' ? this.#transfer?.transferredTo : null;
    return {
      status: finalStatusFor(reason),
      endReason: reason,
      endedAt: new Date(Date.now() - (this.#clock.now() - endedAtMs)),
      durationMs: Math.round(endedAtMs - this.#callStart),
      usage: this.#usage.toCallUsage(),
      ...(transferredTo ? { transferredTo } : {}),
    };
  }
}

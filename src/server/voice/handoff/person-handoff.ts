import type { Logger } from 'pino';
import { type AudioFrame, frameDurationMs } from '../audio/frame.js';
import { AudioBridge } from '../runner/audio-bridge.js';
import { callPhrases } from '../runner/call-phrases.js';
import type { CallAudioRecording } from '../runner/call-types.js';
import type { Clock, Timer } from '../runner/clock.js';
import { safeError } from '../runner/log-safe.js';
import type { CallerLeg } from '../transports/caller-leg.js';
import type { CallOffer, CallOffers } from './call-offer.js';
import { HoldAudio, type HoldAudioKind } from './hold-audio.js';
import { SideTranscript } from './side-transcript.js';
import type { SpeechListenerFactory } from './speech-listeners.js';

/** A person's browser on the call: their microphone in, the caller's voice out. */
export type PersonLine = { userId: string; name: string; leg: CallerLeg };

/** Why the AI has the call again. */
export type AiResumes = 'unanswered' | 'handed_back' | 'person_left' | 'not_joined';

export type PersonHandoffOptions = {
  offers: CallOffers;
  /** Where the person may send a phone caller on; none on web calls or without one. */
  transferNumber?: string | null | undefined;
  offer: Omit<CallOffer, 'reason'>;
  holdAudio: HoldAudioKind;
  caller: CallerLeg;
  clock: Clock;
  logger: Logger;
  listeners?: SpeechListenerFactory | undefined;
  recording?: CallAudioRecording | undefined;
  /** Milliseconds since the call started. */
  offsetNow(): number;
  agentSpeaking(): boolean;
  say(text: string): void;
  /** Each utterance of either side while the person has the call. */
  heard(speaker: 'caller' | 'human_agent', text: string, span: Span, name?: string): void;
  joined(person: { id: string; name: string }): void;
  /** A person took the call directly: the AI stops talking. */
  claimed(): void;
  resumeAi(why: AiResumes): void;
  /** The person sends the phone caller on to the transfer number. */
  transfer(number: string): void;
};

type Span = { startMs: number; endMs: number };

/** How often a caller on hold hears that they are still being connected. */
export const STILL_CONNECTING_EVERY_MS = 20_000;
/** How long an accepted call waits for the person's browser to join. */
export const JOIN_TIMEOUT_MS = 20_000;

type Joined = {
  person: PersonLine;
  bridge: AudioBridge;
  callerSide: SideTranscript | null;
  personSide: SideTranscript | null;
  onHold: boolean;
};

type State =
  | { kind: 'idle' }
  | { kind: 'ringing'; abort: AbortController; reminder: Timer }
  | { kind: 'accepted'; userId: string; name: string; timeout: Timer }
  | ({ kind: 'joined' } & Joined);

/**
 * The caller asked for a person and someone can take calls: the caller
 * holds (hold audio, a "still connecting" line every 20 s) while the team
 * rings; the person who accepts joins with their browser and talks with the
 * caller directly, both sides transcribed; they can hold the caller, and
 * hand the call back to the AI, which also takes it back when their
 * connection drops or nobody accepts in time.
 */
export class PersonHandoff {
  readonly #o: PersonHandoffOptions;
  readonly #hold: HoldAudio;
  #state: State = { kind: 'idle' };

  constructor(options: PersonHandoffOptions) {
    this.#o = options;
    this.#hold = new HoldAudio(options.holdAudio, options.caller.outputSampleRate);
  }

  /** Whether the AI is out of the conversation (ringing, or a person has it). */
  get active(): boolean {
    return this.#state.kind !== 'idle';
  }

  /** Who accepted the call and may join it now (or rejoin it), if anyone. */
  get acceptedBy(): string | null {
    const state = this.#state;
    if (state.kind === 'accepted') return state.userId;
    return state.kind === 'joined' ? state.person.userId : null;
  }

  begin(reason: string): void {
    if (this.#state.kind !== 'idle') return;
    const abort = new AbortController();
    const reminder = this.#remindEvery();
    this.#state = { kind: 'ringing', abort, reminder };
    this.#o.offers
      .offer({ ...this.#o.offer, reason }, abort.signal)
      .then((outcome) => {
        if (this.#state.kind !== 'ringing' || this.#state.abort !== abort) return;
        reminder.cancel();
        if (outcome.kind === 'unanswered') return this.#resumeAi('unanswered');
        const timeout = this.#o.clock.after(JOIN_TIMEOUT_MS, () => this.#resumeAi('unanswered'));
        this.#state = { kind: 'accepted', userId: outcome.userId, name: outcome.userName, timeout };
      })
      .catch((err: unknown) => {
        this.#o.logger.error({ err: safeError(err) }, 'ringing the team failed');
        if (this.#state.kind === 'ringing' && this.#state.abort === abort) {
          reminder.cancel();
          this.#resumeAi('unanswered');
        }
      });
  }

  /**
   * A person takes the call without being rung (from listening in, or the
   * Inbox): the AI stops, the caller holds until their browser joins. False
   * when someone else has it.
   */
  claim(person: { id: string; name: string }): boolean {
    const state = this.#state;
    if (state.kind === 'joined') return state.person.userId === person.id;
    if (state.kind === 'accepted') return state.userId === person.id;
    const wasRinging = state.kind === 'ringing';
    if (state.kind === 'ringing') {
      state.reminder.cancel();
      state.abort.abort();
    }
    // Rung for, the caller expects someone; otherwise the AI just carries on if nobody comes.
    const timeout = this.#o.clock.after(JOIN_TIMEOUT_MS, () =>
      this.#resumeAi(wasRinging ? 'unanswered' : 'not_joined'),
    );
    this.#state = { kind: 'accepted', userId: person.id, name: person.name, timeout };
    this.#o.claimed();
    return true;
  }

  /**
   * The person who accepted opens the call: false when it is not theirs to
   * join (someone else accepted, or it is no longer waiting).
   */
  join(person: PersonLine): boolean {
    const state = this.#state;
    if (state.kind === 'joined' && state.person.userId === person.userId) {
      // The same person again (a reloaded page): the newer connection carries the call.
      const previous = state.person;
      state.person = person;
      this.#wire(person);
      previous.leg.close('replaced');
      return true;
    }
    if (state.kind !== 'accepted' || state.userId !== person.userId) return false;
    state.timeout.cancel();
    const { caller, listeners, logger } = this.#o;
    const bridge = new AudioBridge({
      providerInputRate: person.leg.outputSampleRate,
      callerOutputRate: caller.outputSampleRate,
    });
    const side = (speaker: 'caller' | 'human_agent') =>
      listeners
        ? new SideTranscript({
            listeners,
            offsetNow: this.#o.offsetNow,
            onUtterance: (text, span) =>
              this.#o.heard(
                speaker,
                text,
                span,
                speaker === 'human_agent' ? person.name : undefined,
              ),
            logger,
          })
        : null;
    this.#state = {
      kind: 'joined',
      person,
      bridge,
      callerSide: side('caller'),
      personSide: side('human_agent'),
      onHold: false,
    };
    // Hold audio still queued for the caller would delay the person's first words.
    caller.clear();
    this.#wire(person);
    this.#o.joined({ id: person.userId, name: person.name });
    return true;
  }

  #wire(person: PersonLine): void {
    person.leg.on('audio', (frame) => this.#personAudio(person, frame));
    person.leg.on('hangup', () => {
      if (this.#isCurrent(person)) this.#resumeAi('person_left');
    });
  }

  /** The person holds the caller (hold audio) or takes them off hold. */
  setHold(userId: string, onHold: boolean): boolean {
    const state = this.#state;
    if (state.kind !== 'joined' || state.person.userId !== userId) return false;
    state.onHold = onHold;
    return true;
  }

  /** Where the person may transfer the caller, if anywhere. */
  get transferNumber(): string | null {
    return this.#o.transferNumber ?? null;
  }

  /** The person sends the caller on to the transfer number; false when they cannot. */
  transferOut(userId: string): boolean {
    const state = this.#state;
    const number = this.#o.transferNumber;
    if (!number || state.kind !== 'joined' || state.person.userId !== userId) return false;
    this.#leave('transferred');
    this.#o.transfer(number);
    return true;
  }

  /** The person gives the call back to the AI. */
  handBack(userId: string): boolean {
    const state = this.#state;
    if (state.kind !== 'joined' || state.person.userId !== userId) return false;
    this.#resumeAi('handed_back');
    return true;
  }

  /** Caller audio while the AI is out: hold audio to the caller, or their voice to the person. */
  callerAudio(frame: AudioFrame): boolean {
    const state = this.#state;
    switch (state.kind) {
      case 'idle':
        return false;
      case 'ringing':
      case 'accepted':
        if (!this.#o.agentSpeaking()) this.#playHold(frame);
        return true;
      case 'joined':
        state.person.leg.play(state.bridge.toProvider(frame));
        state.callerSide?.push(frame);
        if (state.onHold) this.#playHold(frame);
        return true;
    }
  }

  /** The call is over. */
  stop(): void {
    this.#leave('call_ended');
  }

  #personAudio(person: PersonLine, frame: AudioFrame): void {
    const state = this.#state;
    if (state.kind !== 'joined' || state.person !== person) return;
    state.personSide?.push(frame);
    if (state.onHold) return;
    const played = state.bridge.toCaller(frame);
    this.#o.caller.play(played);
    this.#o.recording?.agent(played, this.#o.offsetNow(), `person:${person.userId}`);
  }

  #playHold(callerFrame: AudioFrame): void {
    this.#o.caller.play(this.#hold.next(frameDurationMs(callerFrame)));
  }

  #remindEvery(): Timer {
    let timer: Timer;
    const remind = () => {
      this.#o.say(callPhrases.stillConnecting);
      timer = this.#o.clock.after(STILL_CONNECTING_EVERY_MS, remind);
    };
    timer = this.#o.clock.after(STILL_CONNECTING_EVERY_MS, remind);
    return { cancel: () => timer.cancel() };
  }

  #isCurrent(person: PersonLine): boolean {
    return this.#state.kind === 'joined' && this.#state.person === person;
  }

  #resumeAi(why: AiResumes): void {
    if (this.#state.kind === 'idle') return;
    this.#leave(why);
    this.#o.resumeAi(why);
  }

  #leave(why: AiResumes | 'call_ended' | 'transferred'): void {
    const state = this.#state;
    this.#state = { kind: 'idle' };
    switch (state.kind) {
      case 'ringing':
        state.reminder.cancel();
        state.abort.abort();
        return;
      case 'accepted':
        state.timeout.cancel();
        return;
      case 'joined':
        state.callerSide?.close();
        state.personSide?.close();
        state.bridge.close();
        if (state.onHold || why !== 'call_ended') this.#o.caller.clear();
        state.person.leg.notify({ type: 'call.ending', reason: why });
        state.person.leg.close(why);
        return;
      case 'idle':
        return;
    }
  }
}

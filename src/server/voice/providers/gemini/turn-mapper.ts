import { randomUUID } from 'node:crypto';
import type { EventEmitter } from 'node:events';
import { pcm16FromBase64 } from '../../audio/pcm.js';
import type { AgentSessionEvents } from '../agent-session.js';
import { CallerTurns } from './caller-turns.js';
import {
  GEMINI_OUTPUT_SAMPLE_RATE,
  type ServerContent,
  type ServerMessage,
  type UsageMetadata,
} from './wire.js';

type Emitter = Pick<EventEmitter<AgentSessionEvents>, 'emit'>;

/** The agent answer being forwarded; `cancelled` drops the rest of its server turn. */
type Response = { id: string; text: string; cancelled: boolean };

const rateOf = (mimeType: string) =>
  Number(/rate=(\d+)/.exec(mimeType)?.[1] ?? GEMINI_OUTPUT_SAMPLE_RATE);

/**
 * Maps Gemini Live server messages onto AgentSession events: response ids for
 * model turns, audio frames, transcript deltas and finals for both sides, tool
 * calls, usage. Knows nothing of sockets or reconnection.
 */
export class TurnMapper {
  readonly #out: Emitter;
  #response: Response | null = null;
  readonly #caller: CallerTurns;
  /** say() interrupts a model turn in progress; that interruption is ours, not a barge-in. */
  #interruptedBySay = false;
  readonly #pendingTools = new Map<string, string>();
  #inputAudioMs = 0;
  #outputAudioMs = 0;

  constructor(out: Emitter) {
    this.#out = out;
    this.#caller = new CallerTurns(out);
  }

  handle(message: ServerMessage): void {
    if (message.serverContent) this.#content(message.serverContent);
    for (const call of message.toolCall?.functionCalls ?? []) {
      const callId = call.id ?? `local-${randomUUID()}`;
      this.#pendingTools.set(callId, call.name);
      this.#out.emit('tool.call', { callId, name: call.name, arguments: call.args ?? {} });
    }
    for (const id of message.toolCallCancellation?.ids ?? []) this.#pendingTools.delete(id);
    if (message.usageMetadata) this.#usage(message.usageMetadata);
  }

  /** The function name to answer `callId` with, once; null if Gemini cancelled or never asked. */
  takeToolCall(callId: string): string | null {
    const name = this.#pendingTools.get(callId) ?? null;
    this.#pendingTools.delete(callId);
    return name;
  }

  /** Counts caller audio sent, for the audio duration in usage reports. */
  countInput(samples: number, sampleRate: number): void {
    this.#inputAudioMs += (samples * 1000) / sampleRate;
  }

  /**
   * Stops forwarding the answer in flight. Gemini has no cancel message: the
   * server finishes the turn and keeps all of it in its history, we only stop
   * passing its audio and text on.
   */
  cancelResponse(): void {
    const response = this.#response;
    if (!response || response.cancelled) return;
    response.cancelled = true;
    this.#report(response, 'cancelled');
  }

  /** Before say(): on 3.x models a complete clientContent turn interrupts the turn in flight. */
  beforeSay(): void {
    if (!this.#response) return;
    this.cancelResponse();
    this.#interruptedBySay = true;
  }

  /** A model turn is still coming in (even one we stopped forwarding). */
  get answering(): boolean {
    return this.#response !== null;
  }

  /** Ends the model turn in flight, e.g. when its connection is gone and no turnComplete will come. */
  endResponse(status: 'completed' | 'cancelled' | 'failed'): void {
    const response = this.#response;
    this.#response = null;
    if (response && !response.cancelled) this.#report(response, status);
  }

  /** Ends whatever is open: the session is over. */
  finish(status: 'cancelled' | 'failed'): void {
    this.#caller.finish();
    this.endResponse(status);
  }

  #content(content: ServerContent): void {
    const heard = content.inputTranscription;
    if (heard?.text) this.#caller.heard(heard.text, this.#response !== null);
    if (heard?.finished) this.#caller.finish();
    if (content.interrupted) this.#interrupted();
    for (const part of content.modelTurn?.parts ?? []) {
      const blob = part.inlineData;
      if (blob?.mimeType.startsWith('audio/pcm'))
        this.#agentAudio(blob.data, rateOf(blob.mimeType));
    }
    if (content.outputTranscription?.text) this.#agentText(content.outputTranscription.text);
    if (content.turnComplete) this.#turnComplete();
  }

  #agentAudio(base64: string, sampleRate: number): void {
    const response = this.#openResponse();
    if (response.cancelled) return;
    const samples = pcm16FromBase64(base64);
    this.#outputAudioMs += (samples.length * 1000) / sampleRate;
    this.#out.emit('audio', { responseId: response.id, frame: { samples, sampleRate } });
  }

  #agentText(text: string): void {
    const response = this.#openResponse();
    if (response.cancelled) return;
    response.text += text;
    this.#out.emit('transcript.delta', { speaker: 'agent', text });
  }

  #openResponse(): Response {
    if (this.#response) return this.#response;
    this.#caller.answerStarted();
    const response: Response = { id: randomUUID(), text: '', cancelled: false };
    this.#response = response;
    this.#out.emit('response.started', { responseId: response.id });
    return response;
  }

  #interrupted(): void {
    if (this.#interruptedBySay) this.#interruptedBySay = false;
    else this.#caller.interrupted();
    this.endResponse('cancelled');
  }

  #turnComplete(): void {
    // A turn that ended on its own before say() could interrupt it leaves no interruption to expect.
    this.#interruptedBySay = false;
    this.#caller.answerEnded();
    this.endResponse('completed');
  }

  #report(response: Response, status: 'completed' | 'cancelled' | 'failed'): void {
    this.#out.emit('transcript.final', { speaker: 'agent', text: response.text });
    this.#out.emit('response.done', { responseId: response.id, status });
  }

  /** Gemini reports usage once per turn, not as session totals (probed in pydantic/pydantic-ai#7269). */
  #usage(usage: UsageMetadata): void {
    this.#out.emit('usage', {
      inputTokens: (usage.promptTokenCount ?? 0) + (usage.toolUsePromptTokenCount ?? 0),
      outputTokens: (usage.responseTokenCount ?? 0) + (usage.thoughtsTokenCount ?? 0),
      inputAudioMs: Math.round(this.#inputAudioMs),
      outputAudioMs: Math.round(this.#outputAudioMs),
    });
    this.#inputAudioMs = 0;
    this.#outputAudioMs = 0;
  }
}

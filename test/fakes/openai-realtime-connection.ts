import { setImmediate as nextTick, setTimeout as sleep } from 'node:timers/promises';
import type { WebSocket } from 'ws';
import { detectUtterance } from './openai-realtime-caller-turn.js';
import {
  type RealtimeErrorBody,
  type ValidClientEvent,
  validateClientEvent,
} from './openai-realtime-client-events.js';
import { type FakeSpeaker, speakReply } from './openai-realtime-responses.js';

/** What the fake model answers with. */
export type FakeReply =
  /** An audio answer: a 440 Hz tone of `audioMs` (default 600) with `say` as its transcript. */
  | { say: string; audioMs?: number }
  /** A function call; `arguments` is the raw JSON text (send broken JSON to test that path). */
  | { toolCall: { name: string; arguments: string } }
  /** `response.done` with status failed. */
  | { fail: { type: string; code: string } };

/** One caller utterance: its input transcription and the answer it gets. */
export type FakeCallerTurn = { transcript?: string; reply?: FakeReply };

export type ServerEvent = { type: string; [key: string]: unknown };

/** What a connection shares with the fake server: script queues, ids and the records. */
export type FakeConnectionContext = {
  model: string;
  answerSessionUpdate: boolean;
  turnAfterAudioMs: number;
  pacing: 'realtime' | 'immediate';
  chunkMs: number;
  nextTurn(): FakeCallerTurn | undefined;
  nextReply(instructions: string | undefined): FakeReply;
  id(prefix: string): string;
  recordClientEvent(event: unknown): void;
  recordServerEvent(event: ServerEvent): void;
};

export type TurnDetection = {
  type: string;
  create_response?: boolean;
  interrupt_response?: boolean;
} | null;

/** The session's audio formats as session.update set them (`audio/pcm` at 24 kHz by default). */
export type AudioFormat =
  | { type: 'audio/pcm'; rate: 24000 }
  | { type: 'audio/pcmu' | 'audio/pcma' };

export type SessionState = {
  transcription: unknown;
  turnDetection: TurnDetection;
  voice: unknown;
  inputFormat: AudioFormat;
  outputFormat: AudioFormat;
};

const PCM_24K: AudioFormat = { type: 'audio/pcm', rate: 24000 };

/** 24 kHz PCM16 is 48 bytes a millisecond; G.711 (8 kHz, a byte a sample) is 8. */
export const bytesPerMs = (format: AudioFormat) => (format.type === 'audio/pcm' ? 48 : 8);

export type FakeItem =
  | { kind: 'user' }
  | { kind: 'assistant'; audioMs: number }
  | { kind: 'function_call'; callId: string }
  | { kind: 'function_call_output' };

export type ActiveResponse = {
  id: string;
  cancelReason: 'client_cancelled' | 'turn_detected' | undefined;
  finished: Promise<void>;
};

/** One client's Realtime session on the fake: state, validation and scripted answers. */
export class FakeRealtimeConnection {
  configured = false;
  readonly session: SessionState = {
    transcription: null,
    turnDetection: {
      type: 'server_vad',
      create_response: true,
      interrupt_response: true,
    },
    voice: 'marin',
    inputFormat: PCM_24K,
    outputFormat: PCM_24K,
  };
  readonly items = new Map<string, FakeItem>();
  readonly callerAudio: Buffer[] = [];
  active: ActiveResponse | undefined;
  #callerBytes = 0;
  #bytesSinceTurn = 0;
  #turnRunning = false;
  #lastItemId: string | null = null;

  constructor(
    readonly socket: WebSocket,
    readonly context: FakeConnectionContext,
  ) {
    socket.on('message', (data) => this.#onMessage(String(data)));
    this.send({ type: 'session.created', session: this.#sessionView() });
  }

  send(event: ServerEvent): void {
    const withId = { event_id: this.context.id('event'), ...event };
    this.context.recordServerEvent(withId);
    if (this.socket.readyState === this.socket.OPEN) this.socket.send(JSON.stringify(withId));
  }

  sendError(error: RealtimeErrorBody): void {
    this.send({ type: 'error', error });
  }

  addItem(id: string, item: FakeItem): void {
    this.items.set(id, item);
    this.#lastItemId = id;
  }

  get lastItemId(): string | null {
    return this.#lastItemId;
  }

  /** A caller utterance as server VAD reports it, then its transcription and answer. */
  async callerTurn(turn: FakeCallerTurn): Promise<void> {
    const vad = this.session.turnDetection;
    if (this.#turnRunning || !vad) return;
    this.#turnRunning = true;
    const perMs = bytesPerMs(this.session.inputFormat);
    const totalMs = Math.floor(this.#callerBytes / perMs);
    const startMs = Math.max(0, totalMs - Math.floor(this.#bytesSinceTurn / perMs));
    this.#bytesSinceTurn = 0;
    try {
      await detectUtterance(this, vad, turn.transcript, { startMs, totalMs });
    } finally {
      this.#turnRunning = false;
    }
    if (vad.create_response !== false && turn.reply && !this.active) {
      await this.respond(turn.reply, null);
    }
  }

  async respond(reply: FakeReply, metadata: Record<string, string> | null): Promise<void> {
    let finish = () => {};
    const response: ActiveResponse = {
      id: this.context.id('resp'),
      cancelReason: undefined,
      finished: new Promise<void>((resolve) => {
        finish = resolve;
      }),
    };
    this.active = response;
    const speaker: FakeSpeaker = {
      connection: this,
      response,
      pace: () => (this.context.pacing === 'realtime' ? sleep(this.context.chunkMs) : nextTick()),
    };
    try {
      await speakReply(speaker, reply, metadata);
    } finally {
      this.active = undefined;
      finish();
    }
  }

  #onMessage(text: string): void {
    let raw: unknown = text;
    try {
      raw = JSON.parse(text);
    } catch {
      // Recorded as the raw text; validation answers with invalid_json.
    }
    this.context.recordClientEvent(raw);
    const result = validateClientEvent(text);
    const error = result.ok ? this.#handle(result.event) : result.error;
    if (error) this.sendError(error);
  }

  /** Applies one valid client event; the error to send when the API would refuse it. */
  #handle(event: ValidClientEvent): RealtimeErrorBody | undefined {
    if (!this.configured && event.type !== 'session.update') {
      return refusal(
        'session_not_configured',
        'The fake expects session.update (type realtime) before any other event.',
        event.event_id,
      );
    }
    switch (event.type) {
      case 'session.update':
        this.#onSessionUpdate(event.session);
        return undefined;
      case 'input_audio_buffer.append':
        this.#onCallerAudio(Buffer.from(event.audio, 'base64'));
        return undefined;
      case 'input_audio_buffer.clear':
        this.#bytesSinceTurn = 0;
        this.send({ type: 'input_audio_buffer.cleared' });
        return undefined;
      case 'conversation.item.create':
        return this.#onItemCreate(event);
      case 'conversation.item.truncate':
        return this.#onTruncate(event);
      case 'response.create':
        return this.#onResponseCreate(event);
      case 'response.cancel':
        if (!this.active || (event.response_id && event.response_id !== this.active.id)) {
          return refusal(
            'response_cancel_not_active',
            'Cancellation failed: no active response found',
            event.event_id,
          );
        }
        this.active.cancelReason = 'client_cancelled';
        return undefined;
      default:
        return undefined;
    }
  }

  #onSessionUpdate(
    session: Extract<ValidClientEvent, { type: 'session.update' }>['session'],
  ): void {
    const input = session.audio?.input;
    if (input?.transcription !== undefined) this.session.transcription = input.transcription;
    if (input?.turn_detection !== undefined) this.session.turnDetection = input.turn_detection;
    const voice = session.audio?.output?.voice;
    if (voice !== undefined) this.session.voice = voice;
    if (input?.format) this.session.inputFormat = formatOf(input.format);
    const outputFormat = session.audio?.output?.format;
    if (outputFormat) this.session.outputFormat = formatOf(outputFormat);
    this.configured = true;
    if (this.context.answerSessionUpdate) {
      this.send({ type: 'session.updated', session: this.#sessionView() });
    }
  }

  #onCallerAudio(bytes: Buffer): void {
    this.callerAudio.push(bytes);
    this.#callerBytes += bytes.length;
    this.#bytesSinceTurn += bytes.length;
    const { turnAfterAudioMs } = this.context;
    if (this.#turnRunning || turnAfterAudioMs <= 0) return;
    if (this.#bytesSinceTurn < turnAfterAudioMs * bytesPerMs(this.session.inputFormat)) return;
    const turn = this.context.nextTurn();
    if (turn) void this.callerTurn(turn);
  }

  #onItemCreate(
    event: Extract<ValidClientEvent, { type: 'conversation.item.create' }>,
  ): RealtimeErrorBody | undefined {
    const { item } = event;
    if (item.type === 'function_call_output') {
      const call = [...this.items.values()].find(
        (known) => known.kind === 'function_call' && known.callId === item.call_id,
      );
      if (!call) {
        return refusal(
          'invalid_value',
          `Tool call ID '${item.call_id}' not found in conversation.`,
          event.event_id,
          'item.call_id',
        );
      }
    }
    const id = item.id ?? this.context.id('item');
    const previous = this.#lastItemId;
    this.addItem(
      id,
      item.type === 'function_call_output' ? { kind: 'function_call_output' } : { kind: 'user' },
    );
    const view = { ...item, id, object: 'realtime.item', status: 'completed' };
    this.send({ type: 'conversation.item.added', previous_item_id: previous, item: view });
    this.send({ type: 'conversation.item.done', previous_item_id: previous, item: view });
    return undefined;
  }

  #onTruncate(
    event: Extract<ValidClientEvent, { type: 'conversation.item.truncate' }>,
  ): RealtimeErrorBody | undefined {
    const item = this.items.get(event.item_id);
    if (item?.kind !== 'assistant') {
      return refusal(
        'invalid_value',
        item ? 'Only assistant messages can be truncated.' : `Item '${event.item_id}' not found.`,
        event.event_id,
        'item_id',
      );
    }
    const generatedMs = Math.floor(item.audioMs);
    if (event.audio_end_ms > generatedMs) {
      return refusal(
        'invalid_value',
        `Audio content of ${generatedMs}ms is already shorter than ${event.audio_end_ms}ms`,
        event.event_id,
        'audio_end_ms',
      );
    }
    this.send({
      type: 'conversation.item.truncated',
      item_id: event.item_id,
      content_index: event.content_index,
      audio_end_ms: event.audio_end_ms,
    });
    return undefined;
  }

  #onResponseCreate(
    event: Extract<ValidClientEvent, { type: 'response.create' }>,
  ): RealtimeErrorBody | undefined {
    if (this.active) {
      return refusal(
        'conversation_already_has_active_response',
        `Conversation already has an active response in progress: ${this.active.id}. Wait until the response is finished before creating a new one.`,
        event.event_id,
      );
    }
    const reply = this.context.nextReply(event.response?.instructions);
    void this.respond(reply, event.response?.metadata ?? null);
    return undefined;
  }

  #sessionView(): Record<string, unknown> {
    return {
      object: 'realtime.session',
      type: 'realtime',
      id: 'sess_fake',
      model: this.context.model,
      output_modalities: ['audio'],
      audio: {
        input: {
          format: this.session.inputFormat,
          transcription: this.session.transcription,
          turn_detection: this.session.turnDetection,
        },
        output: { format: this.session.outputFormat, voice: this.session.voice },
      },
    };
  }
}

const formatOf = (format: { type: string }): AudioFormat =>
  format.type === 'audio/pcmu' || format.type === 'audio/pcma' ? { type: format.type } : PCM_24K;

export function refusal(
  code: string,
  message: string,
  eventId: string | undefined,
  param: string | null = null,
): RealtimeErrorBody {
  return { type: 'invalid_request_error', code, message, param, event_id: eventId ?? null };
}

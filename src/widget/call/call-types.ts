/**
 * The browser side of a voice call, shared by the embeddable widget and the
 * dashboard's Test Call: one CallController per call attempt, driven by the
 * UI, reporting state, transcript and audio levels. Framework-free.
 */

/** Why the call screen shows what it shows (the widget spec's states). */
export type CallState =
  | { status: 'idle' }
  /** getUserMedia is pending: the browser's permission prompt may be open. */
  | { status: 'requesting-microphone' }
  /** The caller (or the browser) refused the microphone. */
  | { status: 'microphone-denied'; message: string }
  | { status: 'connecting' }
  | {
      status: 'active';
      /** Date.now() when the call connected, for the running duration. */
      startedAt: number;
      muted: boolean;
      /** Who is speaking now, from `agent.speaking` / `caller.speaking` events. */
      speaking: 'agent' | 'caller' | null;
    }
  | {
      status: 'ended';
      /** An end reason from the protocol (`silence_timeout`, `caller_ended`, `end_phrase`, …). */
      reason: string;
      durationMs: number;
      /** The server's notice, e.g. "Call ended due to inactivity". */
      message: string | null;
      callId: string | null;
    }
  /** The call could not be set up or dropped (network, provider down): "Unable to connect". */
  | { status: 'failed'; code: string; message: string }
  /** Calls cannot be taken now (feature off, limit reached, integration inactive). */
  | { status: 'unavailable'; message: string };

export type TranscriptLine = {
  id: number;
  speaker: 'caller' | 'agent';
  text: string;
  /** False while the line is still streaming in. */
  final: boolean;
  /** The caller cut this agent line short. */
  interrupted: boolean;
};

/** 0–1 RMS levels of what the caller says and what the agent plays, ~30 times a second. */
export type AudioLevels = { caller: number; agent: number };

export type CallControllerEvents = {
  state: CallState;
  transcript: readonly TranscriptLine[];
  levels: AudioLevels;
};

export type CallControllerOptions = {
  /** Origin of the Buzzi server, e.g. https://buzzi.example.com (no trailing slash). */
  apiBase: string;
  /** The chatbot's publicId. */
  chatbotId: string;
};

export interface CallController {
  readonly state: CallState;
  readonly transcript: readonly TranscriptLine[];
  /** Subscribes; returns the unsubscribe function. */
  on<K extends keyof CallControllerEvents>(
    event: K,
    listener: (value: CallControllerEvents[K]) => void,
  ): () => void;
  /** Asks for the microphone, opens the session and the socket. Never rejects: failures become states. */
  start(): Promise<void>;
  setMuted(muted: boolean): void;
  /** Hangs up (sends `end`, closes the socket, releases the microphone). */
  end(): void;
  /** Stores a 1–5 star rating on the ended call. Rejects with a readable message. */
  rate(stars: number): Promise<void>;
  /** The transcript as plain text for "Download Transcript". */
  transcriptText(): string;
  /** Releases everything (audio context, socket, microphone); the controller is unusable after. */
  dispose(): void;
}

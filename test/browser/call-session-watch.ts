import type { Page, WebSocket } from 'playwright-core';
import type {
  AudioLevels,
  CallController,
  CallControllerOptions,
  CallState,
  TranscriptLine,
} from '../../src/widget/call/call-types.js';

/** What the host page keeps of its call, for the test to read. */
type CallRecord = {
  states: CallState[];
  transcript: readonly TranscriptLine[];
  maxLevels: AudioLevels;
};

type CallWindow = {
  createCallController(options: CallControllerOptions): CallController;
  call: CallController;
  record: CallRecord;
};

/** Starts a call on the host page the way the widget does, recording what the UI would show. */
export async function startCall(page: Page, options: CallControllerOptions): Promise<void> {
  await page.evaluate((options) => {
    const w = window as unknown as CallWindow;
    const record: CallRecord = { states: [], transcript: [], maxLevels: { caller: 0, agent: 0 } };
    const call = w.createCallController(options);
    call.on('state', (state) => record.states.push(state));
    call.on('transcript', (lines) => {
      record.transcript = lines;
    });
    call.on('levels', ({ caller, agent }) => {
      record.maxLevels.caller = Math.max(record.maxLevels.caller, caller);
      record.maxLevels.agent = Math.max(record.maxLevels.agent, agent);
    });
    w.call = call;
    w.record = record;
    void call.start();
  }, options);
}

export const callRecord = (page: Page) =>
  page.evaluate(() => (window as unknown as CallWindow).record);

export const callState = async (page: Page) => (await callRecord(page)).states.at(-1)?.status;

export const endCall = (page: Page) =>
  page.evaluate(() => (window as unknown as CallWindow).call.end());

export const rateCall = (page: Page, stars: number) =>
  page.evaluate((stars) => (window as unknown as CallWindow).call.rate(stars), stars);

export const callTranscriptText = (page: Page) =>
  page.evaluate(() => (window as unknown as CallWindow).call.transcriptText());

export type SocketFrame =
  | { direction: 'in' | 'out'; kind: 'audio'; bytes: number }
  | { direction: 'in' | 'out'; kind: 'json'; message: { type: string; [key: string]: unknown } };

/** Every frame of the page's call sockets, in order, as Chromium saw them on the wire. */
export function watchCallSockets(page: Page): SocketFrame[] {
  const frames: SocketFrame[] = [];
  const record = (direction: 'in' | 'out', payload: string | Buffer) => {
    frames.push(
      typeof payload === 'string'
        ? { direction, kind: 'json', message: JSON.parse(payload) }
        : { direction, kind: 'audio', bytes: payload.length },
    );
  };
  page.on('websocket', (socket: WebSocket) => {
    socket.on('framesent', ({ payload }) => record('out', payload));
    socket.on('framereceived', ({ payload }) => record('in', payload));
  });
  return frames;
}

/** Agent audio (PCM16 at 24 kHz) that arrived among `frames`, in ms. */
export const receivedAudioMs = (frames: readonly SocketFrame[]) =>
  frames.reduce(
    (ms, f) => (f.direction === 'in' && f.kind === 'audio' ? ms + f.bytes / 48 : ms),
    0,
  );

/** The `playedMs` of every `playback` report the page sent among `frames`. */
export const playbackReports = (frames: readonly SocketFrame[]) =>
  frames.flatMap((f) =>
    f.direction === 'out' && f.kind === 'json' && f.message.type === 'playback'
      ? [Number(f.message.playedMs)]
      : [],
  );

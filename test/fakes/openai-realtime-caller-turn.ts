import type { FakeRealtimeConnection, TurnDetection } from './openai-realtime-connection.js';

/**
 * What server VAD reports for one caller utterance: speech_started (which
 * cancels an answer in flight when interrupt_response is on, as barge-in
 * does), speech_stopped, the committed user item, and the input
 * transcription when the session asked for it.
 */
export async function detectUtterance(
  connection: FakeRealtimeConnection,
  vad: NonNullable<TurnDetection>,
  transcript: string | undefined,
  { startMs, totalMs }: { startMs: number; totalMs: number },
): Promise<void> {
  const itemId = connection.context.id('item');
  connection.send({
    type: 'input_audio_buffer.speech_started',
    audio_start_ms: startMs,
    item_id: itemId,
  });
  if (connection.active && vad.interrupt_response !== false) {
    connection.active.cancelReason = 'turn_detected';
    await connection.active.finished;
  }
  connection.send({
    type: 'input_audio_buffer.speech_stopped',
    audio_end_ms: totalMs,
    item_id: itemId,
  });
  const previous = connection.lastItemId;
  connection.send({
    type: 'input_audio_buffer.committed',
    item_id: itemId,
    previous_item_id: previous,
  });
  const item = {
    id: itemId,
    object: 'realtime.item',
    type: 'message',
    status: 'completed',
    role: 'user',
    content: [{ type: 'input_audio', transcript: null }],
  };
  connection.send({ type: 'conversation.item.added', previous_item_id: previous, item });
  connection.addItem(itemId, { kind: 'user' });
  connection.send({ type: 'conversation.item.done', previous_item_id: previous, item });
  if (!connection.session.transcription || transcript === undefined) return;
  for (const word of transcript.split(/(?<=\s)/)) {
    connection.send({
      type: 'conversation.item.input_audio_transcription.delta',
      item_id: itemId,
      content_index: 0,
      delta: word,
    });
  }
  connection.send({
    type: 'conversation.item.input_audio_transcription.completed',
    item_id: itemId,
    content_index: 0,
    transcript,
    usage: { type: 'duration', seconds: totalMs / 1000 },
  });
}

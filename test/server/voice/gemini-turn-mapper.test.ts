import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { AgentSessionEvents } from '../../../src/server/voice/providers/agent-session.js';
import { TurnMapper } from '../../../src/server/voice/providers/gemini/turn-mapper.js';
import type { ServerMessage } from '../../../src/server/voice/providers/gemini/wire.js';
import { recordEvents } from './gemini-live-helpers.js';

// The mapping of Gemini's caller signals alone, fed wire messages in orders
// the fake server does not produce (Gemini does not order transcription
// against the model turn).

const audio: ServerMessage = {
  serverContent: {
    modelTurn: { parts: [{ inlineData: { mimeType: 'audio/pcm;rate=24000', data: 'AAAAAA==' } }] },
  },
};
const heard = (text: string): ServerMessage => ({
  serverContent: { inputTranscription: { text } },
});

function mapper() {
  const emitter = new EventEmitter<AgentSessionEvents>();
  const recorded = recordEvents(emitter);
  return { mapper: new TurnMapper(emitter), recorded };
}

describe('Gemini turn mapping', () => {
  it('does not report words heard during an answer as a barge-in', () => {
    const { mapper: m, recorded } = mapper();
    m.handle(audio);
    m.handle(heard('uh huh'));
    m.handle({ serverContent: { turnComplete: true } });
    expect(recorded.names()).toEqual([
      'response.started',
      'transcript.delta',
      'transcript.final',
      'transcript.final',
      'response.done',
    ]);
    expect(recorded.finals('caller')).toEqual(['uh huh']);
  });

  it('announces such words once Gemini reports the interruption, keeping them one utterance', () => {
    const { mapper: m, recorded } = mapper();
    m.handle(audio);
    m.handle(heard('wait, '));
    m.handle({ serverContent: { interrupted: true } });
    m.handle({ serverContent: { turnComplete: true } });
    m.handle(heard('I meant Tuesday.'));
    m.handle(audio);
    m.handle({ serverContent: { turnComplete: true } });
    expect(recorded.named('speech.started')).toHaveLength(1);
    expect(recorded.named('speech.stopped')).toHaveLength(1);
    expect(recorded.finals('caller')).toEqual(['wait, I meant Tuesday.']);
    expect(recorded.named('response.done').map((d) => d.status)).toEqual([
      'cancelled',
      'completed',
    ]);
  });

  it('closes an interruption that brought no words with an empty final', () => {
    const { mapper: m, recorded } = mapper();
    m.handle(audio);
    m.handle({ serverContent: { interrupted: true } });
    m.handle({ serverContent: { turnComplete: true } });
    m.handle(audio);
    m.handle({ serverContent: { turnComplete: true } });
    expect(
      recorded.names().filter((n) => n.startsWith('speech') || n === 'transcript.final'),
    ).toEqual([
      'speech.started',
      'transcript.final',
      'speech.stopped',
      'transcript.final',
      'transcript.final',
    ]);
    expect(recorded.finals('caller')).toEqual(['']);
  });
});

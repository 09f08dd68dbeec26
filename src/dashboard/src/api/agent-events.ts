import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { openEventStream, type StreamState } from './event-stream';
import { type Presence, type PresenceState, presenceKey } from './presence';

/** A call ringing for the signed-in person (the server's `call.ringing`). */
export type RingingCall = {
  callId: string;
  chatbotName: string;
  callerLabel: string;
  source: 'web' | 'twilio' | 'whatsapp';
  reason: string;
  transcript: Array<{ speaker: string; text: string }>;
  ringTimeoutSec: number;
  startedAt: string;
  /** When this tab heard it ring: the countdown runs from here, whatever the server's clock says. */
  receivedAt: number;
};

export type RingCancelled = {
  callId: string;
  reason: 'taken' | 'timeout' | 'caller_hung_up' | 'declined';
  takenBy?: string;
};

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

function asRinging(data: unknown): RingingCall | null {
  if (!isObject(data) || typeof data.callId !== 'string') return null;
  const transcript = Array.isArray(data.transcript)
    ? data.transcript.filter(
        (line): line is { speaker: string; text: string } =>
          isObject(line) && typeof line.speaker === 'string' && typeof line.text === 'string',
      )
    : [];
  return {
    callId: data.callId,
    chatbotName: String(data.chatbotName ?? ''),
    callerLabel: String(data.callerLabel ?? 'Web caller'),
    source: (data.source as RingingCall['source']) ?? 'web',
    reason: String(data.reason ?? ''),
    transcript,
    ringTimeoutSec: typeof data.ringTimeoutSec === 'number' ? data.ringTimeoutSec : 30,
    startedAt: String(data.startedAt ?? ''),
    receivedAt: Date.now(),
  };
}

/** The tab's agent stream state, for the presence switch to say when calls cannot ring here. */
let streamState: StreamState = 'closed';
const streamStateListeners = new Set<() => void>();
function setStreamState(state: StreamState) {
  streamState = state;
  for (const listener of streamStateListeners) listener();
}

export function useAgentStreamState(): StreamState {
  return useSyncExternalStore(
    (listener) => {
      streamStateListeners.add(listener);
      return () => streamStateListeners.delete(listener);
    },
    () => streamState,
  );
}

export type AgentEvents = {
  /** The calls ringing here now, oldest first. */
  ringing: RingingCall[];
  /** Stop showing a call this tab answered. */
  dismiss(callId: string): void;
};

/**
 * The agent event stream, one per tab while signed in to a company with calls:
 * keeping it open is what makes the person "connected" (available to ring).
 * `onCancelled` hears of a ring this tab still showed that stopped elsewhere.
 */
export function useAgentEventStream(
  companyId: string | null,
  onCancelled: (call: RingingCall, cancelled: RingCancelled) => void,
): AgentEvents {
  const queryClient = useQueryClient();
  const [ringing, setRinging] = useState<RingingCall[]>([]);
  const ringingRef = useRef<RingingCall[]>([]);
  const onCancelledRef = useRef(onCancelled);
  onCancelledRef.current = onCancelled;
  const update = useCallback((next: RingingCall[]) => {
    ringingRef.current = next;
    setRinging(next);
  }, []);

  useEffect(() => {
    update([]);
    if (!companyId) return;
    const setPresence = (presence: Presence, connected: boolean) =>
      queryClient.setQueryData<PresenceState>(presenceKey(companyId), (current) =>
        current ? { ...current, presence, connected } : current,
      );
    const stream = openEventStream({
      url: '/api/company/agent-events',
      onStateChange: setStreamState,
      // Connected again: what the team sees of this person may have changed meanwhile.
      onOpen: () => void queryClient.invalidateQueries({ queryKey: presenceKey(companyId) }),
      handlers: {
        'call.ringing': (data) => {
          const call = asRinging(data);
          if (!call) return;
          update([...ringingRef.current.filter((c) => c.callId !== call.callId), call]);
        },
        'call.ring.cancelled': (data) => {
          if (!isObject(data) || typeof data.callId !== 'string') return;
          const call = ringingRef.current.find((c) => c.callId === data.callId);
          if (!call) return;
          update(ringingRef.current.filter((c) => c !== call));
          onCancelledRef.current(call, data as RingCancelled);
        },
        presence: (data) => {
          if (!isObject(data) || (data.presence !== 'available' && data.presence !== 'away'))
            return;
          setPresence(data.presence, data.connected === true);
        },
      },
    });
    return () => stream.close();
  }, [companyId, queryClient, update]);

  return {
    ringing,
    dismiss: (callId) => update(ringingRef.current.filter((c) => c.callId !== callId)),
  };
}
